"""Generate a realistic agency content repository: N posts of 80-600 Russian words with
front-matter, several platforms, media entries, ads, patient stories and a consent
registry, spread over 50 clinics' folders. Seeded: the same N and seed give the same bytes.

    python benchmarks/make_repo.py /tmp/repo-10k 10000
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import post_bodies  # noqa: E402

PLATFORMS = ["vk", "telegram", "ok", "dzen", "youtube", "rutube", "max"]
CATEGORIES = ["education"] * 5 + ["news", "promo", "case_study", "behind_the_scenes", "event", "vacancy", "infographic"]
STATUSES = ["draft", "review", "approved", "approved", "scheduled", "published"]
CONFIG = """\
content-roots = ["clinics"]
timezone = "Europe/Moscow"
lang = "ru"
platforms = {platforms}

[clinic]
name = "Сеть клиник «Пример»"
legal-name = "ООО «Пример Мед»"
inn = "6671234567"
license = "Л041-01021-66/00123456"
staff = ["Иванова Анна Сергеевна", "Петров Игорь Николаевич", "Смирнова Ольга Викторовна"]
"""


def front_matter(rng: random.Random, index: int, start: datetime) -> str:
    """Each of the 50 clinics posts to its own accounts (`account: clinic-NN`)."""
    category = rng.choice(CATEGORIES)
    when = start + timedelta(hours=rng.randint(0, 24 * 365))
    platforms = rng.sample(PLATFORMS, rng.randint(1, 3))
    lines = [
        "---",
        f"id: post-{index:06d}",
        f"title: \"Пост {index}: {rng.choice(['прививка', 'чек-ап', 'УЗИ', 'давление', 'сон', 'кожа зимой'])}\"",
        f"publish_at: {when:%Y-%m-%d %H:%M}",
        f"platforms: [{', '.join(platforms)}]",
        f"account: clinic-{index % 50:02d}",
        f"status: {rng.choice(STATUSES)}",
        f"category: {category}",
        "author: Мария Орлова",
    ]
    if category in ("education", "case_study", "infographic"):
        lines.append("reviewed_by: Петров Игорь Николаевич")
    if category == "promo":
        lines += ["ad: true", "subject: medical_service", "erid: 2VtzqwP8x4a", f"expires: {when + timedelta(days=30):%Y-%m-%d}"]
    if category == "case_study":
        lines.append(f"consents: [C-{index % 500:04d}]")
    if rng.random() < 0.5:
        lines += ["media:", f"  - file: https://cdn.example/{index}.jpg", "    alt: Фото", f"    tags: [{rng.choice(['staff', 'procedure', 'patient'])}]"]
    if rng.random() < 0.3:
        lines.append("sources: [\"https://www.who.int/ru/news-room/fact-sheets\"]")
    lines.append("---")
    return "\n".join(lines) + "\n"


def make_repo(root: Path, posts: int, seed: int = 2026) -> Path:
    rng = random.Random(seed)
    bodies = post_bodies(posts * 340, seed)
    start = datetime(2026, 1, 1, 9, 0)
    root.mkdir(parents=True, exist_ok=True)
    (root / ".clinic-content.toml").write_text(CONFIG.format(platforms=PLATFORMS), encoding="utf-8")
    consents = ["consents:"]
    for c in range(500):
        consents.append(
            f"  - {{id: C-{c:04d}, person: P-{c:04d}, scopes: [story, diagnosis, photo], signed: 2025-01-01, "
            f"expires: 2028-01-01, separate_document: true, purpose: публикация, data: [возраст], revocation: заявление}}"
        )
    (root / "consents.yaml").write_text("\n".join(consents) + "\n", encoding="utf-8")
    for index in range(posts):
        folder = root / "clinics" / f"clinic-{index % 50:02d}" / "posts"
        folder.mkdir(parents=True, exist_ok=True)
        body = bodies[index % len(bodies)]
        (folder / f"post-{index:06d}.md").write_text(front_matter(rng, index, start) + body, encoding="utf-8")
    return root


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    make_repo(target, count)
    print(f"{count} posts in {target}")
