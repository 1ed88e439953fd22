"""--fix and --diff: only meaning-preserving insertions, files kept byte-faithful
(BOM, CRLF, front-matter comments and order), idempotent, atomic."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_content.cli.main import main
from clinic_content.source.config import Config
from clinic_content.engine.linter import Linter

from .conftest import TODAY

FIXABLE = ["ADV001", "ADV013", "ADV014", "ADV017", "ADV020"]
AD = (
    "---\ntitle: Скидка на УЗИ\npublish_at: 2026-12-05 11:00\nplatforms: [vk]\nstatus: approved\n"
    "# юрист: проверить до 01.12\ncategory: promo\nad: true\nsubject: {subject}\nerid: 2VtzqwP8x4a\nexpires: 2026-12-31\n---\n{body}"
)


def _repo(tmp_path: Path) -> Config:
    (tmp_path / "posts").mkdir(exist_ok=True)
    (tmp_path / ".clinic-content.toml").write_text(
        '[clinic]\nlegal-name = "ООО «Клиника Берёза»"\ninn = "6671234567"\nlicense = "Л041-01021-66/00123456"\n', encoding="utf-8")
    return Config.discover(tmp_path)


def _codes(config: Config, path: Path) -> set[str]:
    report = Linter(config, select=FIXABLE, today=TODAY).lint_paths([path])
    return {d.code for d in report.diagnostics}


def test_fix_inserts_label_advertiser_erid_and_warning(tmp_path: Path) -> None:
    config = _repo(tmp_path)
    post = tmp_path / "posts" / "ad.md"
    post.write_text(AD.format(subject="medical_service", body="УЗИ щитовидной железы со скидкой 20 %.\n"), encoding="utf-8")
    assert _codes(config, post) == {"ADV001", "ADV013", "ADV014"}
    Linter(config, select=FIXABLE, today=TODAY).fix_paths([post])
    text = post.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    assert body == ("Реклама. ООО «Клиника Берёза», ИНН 6671234567, erid: 2VtzqwP8x4a.\n\n"
                    "УЗИ щитовидной железы со скидкой 20 %.\n\nИмеются противопоказания. Необходима консультация специалиста.\n")
    assert "# юрист: проверить до 01.12\ncategory: promo" in text  # comments and key order kept
    assert _codes(config, post) == set()


def test_fix_keeps_bom_and_crlf(tmp_path: Path) -> None:
    config = _repo(tmp_path)
    post = tmp_path / "posts" / "vit.md"
    text = AD.format(subject="supplement", body="Реклама. ООО «Клиника Берёза», erid: 2VtzqwP8x4a. Витамин D в аптеке клиники.")
    post.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    Linter(config, select=FIXABLE, today=TODAY).fix_paths([post])
    raw = post.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert raw.endswith("клиники.\r\n\r\nНе является лекарственным средством.".encode())
    assert _codes(config, post) == set()
    assert [p.name for p in post.parent.iterdir()] == ["vit.md"]  # no temp files left


def test_diff_shows_without_writing_and_sets_the_exit_code(tmp_path: Path, capsys, monkeypatch) -> None:
    _repo(tmp_path)
    post = tmp_path / "posts" / "ad.md"
    original = AD.format(subject="medical_service", body="Реклама. ООО «Клиника Берёза», erid: 2VtzqwP8x4a.\n\nУЗИ со скидкой.\n")
    post.write_text(original, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "posts", "--diff", "--select", "ADV"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("--- a/posts/ad.md\n+++ b/posts/ad.md\n")
    assert "+Имеются противопоказания. Необходима консультация специалиста." in out
    assert post.read_text(encoding="utf-8") == original
    assert main(["lint", "posts", "--fix", "--select", "ADV"]) == 0
    assert main(["lint", "posts", "--diff", "--select", "ADV"]) == 0


def test_unfixable_findings_are_left_alone(tmp_path: Path) -> None:
    config = _repo(tmp_path)
    post = tmp_path / "posts" / "claim.md"
    post.write_text(AD.format(subject="medical_service", body="Реклама. ООО «Клиника Берёза», erid: 2VtzqwP8x4a. Гарантируем результат!\n\n"
                              "Имеются противопоказания. Необходима консультация специалиста.\n"), encoding="utf-8")
    before = post.read_bytes()
    report, results = Linter(config, select=["ADV"], today=TODAY).fix_paths([post])
    assert results == [] and post.read_bytes() == before
    assert "ADV002" in {d.code for d in report.diagnostics}


SENTENCES = st.sampled_from([
    "УЗИ щитовидной железы со скидкой 20 %.", "Подписывайтесь на наш Instagram.", "Запись по телефону клиники.",
    "Витамин D поддерживает иммунитет зимой.", "Реклама.", "", "Приём ведёт эндокринолог.", "Facebook тоже есть.",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sentences=st.lists(SENTENCES, max_size=5), subject=st.sampled_from(["medical_service", "supplement", "drug"]),
       crlf=st.booleans(), trailing=st.booleans())
def test_fixing_twice_changes_nothing(tmp_path: Path, sentences, subject, crlf, trailing) -> None:
    config = _repo(tmp_path)
    post = tmp_path / "posts" / "p.md"
    body = "\n\n".join(sentences) + ("\n" if trailing else "")
    text = AD.format(subject=subject, body=body)
    post.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode("utf-8"))
    linter = Linter(config, select=FIXABLE, today=TODAY)
    linter.fix_paths([post])
    once = post.read_bytes()
    _, second = Linter(config, select=FIXABLE, today=TODAY).fix_paths([post])
    assert second == [] and post.read_bytes() == once
    assert _codes(config, post) == set()
    if crlf:
        assert b"\n" not in once.replace(b"\r\n", b"")
    os.remove(post)
