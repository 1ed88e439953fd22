"""--fix never loses data: a file changed since it was read, a read-only file or folder,
hard links, symlinks out of the repository; never inserts into a comment or code; keeps
mode, BOM and line endings; converges on any input; --diff is a patch patch(1) and
git apply accept; new output files follow the umask."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_content.cli.main import main
from clinic_content.engine.linter import Linter

from .conftest import TODAY
from .test_fix import AD, FIXABLE, _repo

BODY = "УЗИ щитовидной железы со скидкой 20 %.\n"
WARNING = "Имеются противопоказания"
LABEL = "Реклама. ООО «Клиника Берёза», ИНН 6671234567, erid: 2VtzqwP8x4a.\n\n"


def _ad(tmp_path: Path, body: str = BODY, name: str = "ad.md") -> Path:
    _repo(tmp_path)
    post = tmp_path / "posts" / name
    post.write_text(AD.format(subject="medical_service", body=body), encoding="utf-8", newline="")
    return post


def _main_in(folder: Path, *argv: str) -> int:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return main(list(argv))
    finally:
        os.chdir(cwd)


def _fix(tmp_path: Path, *paths: str, lang: str = "en") -> int:
    return _main_in(tmp_path, "lint", *(paths or ("posts",)), "--fix", "--select", "ADV", "--lang", lang,
                    "--no-cache", "--today", "2026-11-22")


def test_a_file_saved_while_fixing_is_not_overwritten(tmp_path: Path, monkeypatch, capsys) -> None:
    post = _ad(tmp_path)
    saved = AD.format(subject="medical_service", body="Новый текст из редактора.\n")
    original = Linter._fixes

    def edit_meanwhile(self, posts, **kw):
        found = original(self, posts, **kw)
        if kw.get("calendar", True):
            post.write_text(saved, encoding="utf-8")  # the copywriter saves while --fix runs
        return found

    monkeypatch.setattr(Linter, "_fixes", edit_meanwhile)
    assert _fix(tmp_path) == 1
    assert post.read_text(encoding="utf-8") == saved
    err = capsys.readouterr().err
    assert "not fixed posts/ad.md: the file changed since it was read" in err


def test_a_read_only_file_is_reported_not_replaced(tmp_path: Path, capsys) -> None:
    post = _ad(tmp_path)
    post.chmod(0o444)
    before = post.read_bytes()
    assert _fix(tmp_path, lang="ru") == 1
    assert post.read_bytes() == before and stat.S_IMODE(post.stat().st_mode) == 0o444
    assert "не исправлен posts/ad.md: файл только для чтения" in capsys.readouterr().err


def test_a_read_only_folder_gives_a_message_not_a_crash(tmp_path: Path, capsys) -> None:
    post = _ad(tmp_path)
    folder = post.parent
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable")
        assert _fix(tmp_path) == 1
        err = capsys.readouterr().err
        assert "not fixed posts/ad.md: could not write" in err and "Traceback" not in err
    finally:
        folder.chmod(0o755)


def test_a_read_only_folder_as_root_via_a_failing_rename(tmp_path: Path, capsys, monkeypatch) -> None:
    """Root can write anywhere: the same path is taken by making the temporary file fail."""
    post = _ad(tmp_path)
    before = post.read_bytes()

    def no_temp(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("clinic_content.core.fileio.tempfile.mkstemp", no_temp)
    assert _fix(tmp_path) == 1
    assert post.read_bytes() == before
    assert "not fixed posts/ad.md: could not write: Permission denied" in capsys.readouterr().err


def test_mode_owner_and_hard_links_are_kept(tmp_path: Path) -> None:
    post = _ad(tmp_path)
    post.chmod(0o640)
    twin = tmp_path / "twin.md"
    os.link(post, twin)
    assert _fix(tmp_path) == 0
    assert WARNING in post.read_text(encoding="utf-8")
    assert stat.S_IMODE(post.stat().st_mode) == 0o640
    assert os.path.samefile(post, twin) and post.stat().st_nlink == 2  # the link still shares the fix


def test_a_symlink_out_of_the_repository_is_never_written(tmp_path: Path, capsys) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "target.md"
    target.write_text(AD.format(subject="medical_service", body=BODY), encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    _repo(repo)
    (repo / "posts" / "link.md").symlink_to(target)
    before = target.read_bytes()
    _fix(repo)
    assert target.read_bytes() == before and (repo / "posts" / "link.md").is_symlink()
    assert _main_in(repo, "lint", "posts", "--fix", "--no-cache", "--today", "2026-11-22", "--format", "concise") == 1
    out = capsys.readouterr()
    assert "posts/link.md:1:1: FM005" in out.out and "target" not in out.out + out.err  # never named


def test_a_symlink_inside_the_repository_fixes_its_target_and_stays_a_link(tmp_path: Path) -> None:
    post = _ad(tmp_path)
    link = tmp_path / "posts" / "alias.md"
    link.symlink_to(post.name)
    assert _fix(tmp_path, "posts/alias.md") == 0
    assert link.is_symlink() and WARNING in post.read_text(encoding="utf-8")


@pytest.mark.parametrize("tail", [
    "\n<!-- юрист: проверить формулировку\n",
    "\n<!--\nчерновик",
    "\n```\nкод без конца\n",
    "\n~~~~\nкод\n~~~\n",
    "\n<pre>\nтаблица цен\n",
])
def test_nothing_is_inserted_into_an_unclosed_comment_or_code_block(tmp_path: Path, tail: str) -> None:
    post = _ad(tmp_path, LABEL + BODY + tail)
    before = post.read_bytes()
    for _ in range(2):
        _fix(tmp_path)
        assert post.read_bytes() == before  # no warning swallowed by the comment, again and again


def test_line_endings_and_bom_are_kept(tmp_path: Path) -> None:
    for ending in ("\r\n", "\r"):
        post = _ad(tmp_path)
        text = post.read_text(encoding="utf-8").replace("\n", ending)
        post.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        assert _fix(tmp_path) == 0
        raw = post.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf---" + ending.encode())
        assert WARNING.encode() in raw
        assert b"\n" not in raw.replace(b"\r\n", b"") if ending == "\r\n" else b"\n" not in raw


@pytest.mark.parametrize("final_newline", [False, True])
def test_diff_is_a_patch_that_patch_and_git_apply_accept(tmp_path: Path, capsys, final_newline: bool) -> None:
    body = "УЗИ щитовидной железы со скидкой 20 %." + ("\n" if final_newline else "")
    post = _ad(tmp_path, body)
    assert _main_in(tmp_path, "lint", "posts", "--diff", "--select", "ADV", "--no-cache", "--today", "2026-11-22") == 1
    patch = capsys.readouterr().out
    assert ("\\ No newline at end of file\n" in patch) is not final_newline
    original = post.read_bytes()
    expected = _fixed_copy(tmp_path, post)
    for tool in (["git", "apply", "-p1", "-"], ["patch", "-p1", "--quiet"]):
        if shutil.which(tool[0]) is None:
            pytest.skip(f"{tool[0]} is not installed")
        post.write_bytes(original)
        subprocess.run(tool, input=patch.encode(), cwd=tmp_path, check=True)
        assert post.read_bytes() == expected, tool[0]


def _fixed_copy(tmp_path: Path, post: Path) -> bytes:
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path, copy, ignore=shutil.ignore_patterns("copy"))
    _fix(copy)
    return (copy / "posts" / post.name).read_bytes()


def test_new_output_files_follow_the_umask(tmp_path: Path) -> None:
    _ad(tmp_path)
    old = os.umask(0o022)
    try:
        assert _main_in(tmp_path, "calendar", "export", "posts", "-o", "plan.ics", "--no-lint") == 0
        _main_in(tmp_path, "lint", "posts", "--no-cache", "--today", "2026-11-22", "--output-file", "report.txt")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "plan.ics").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "report.txt").stat().st_mode) == 0o644


PIECES = st.one_of(st.text(alphabet="<!-->`~ \n\r#*>[]()абв.", max_size=14), st.sampled_from([
    "УЗИ щитовидной железы со скидкой 20 %.", "Реклама.", "Витамин D поддерживает иммунитет.",
    "<!-- заметка", "-->", "<!-- закрытый комментарий -->", "```", "~~~", "    отступ кода", "<pre>", "</pre>",
    "> цитата", "- пункт списка", "Имеются противопоказания.", "", "Подписывайтесь на наш Instagram.",
    "<script>", "Facebook тоже есть.", "\u2028", "текст\u0085дальше",
]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(PIECES, max_size=8), separators=st.lists(st.sampled_from(["\n", "\n\n", "\r\n", " "]), min_size=8,
       max_size=8), subject=st.sampled_from(["medical_service", "supplement"]), trailing=st.booleans())
def test_fix_is_idempotent_on_any_body(tmp_path: Path, pieces, separators, subject, trailing) -> None:
    _repo(tmp_path)
    body = "".join(p + s for p, s in zip(pieces, separators)) + ("\n" if trailing else "")
    post = tmp_path / "posts" / "p.md"
    post.write_bytes(AD.format(subject=subject, body=body).encode("utf-8"))
    config = _repo(tmp_path)
    Linter(config, select=FIXABLE, today=TODAY).fix_paths([post])
    once = post.read_bytes()
    _, again = Linter(config, select=FIXABLE, today=TODAY).fix_paths([post])
    assert [r for r in again if not r.refused] == [] and post.read_bytes() == once
    os.remove(post)
