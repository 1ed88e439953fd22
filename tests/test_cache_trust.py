"""A cache a pull request can write never decides results (issue 14 items 1, 5, 12):
forged or committed records, symlinked cache folders and markers, same-size edits with
the mtime put back, records of the wrong shape."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from clinic_content.engine.cache import CACHE_DIR, FORMAT

from .test_cache import POST
from .test_cache import lint_in as _lint
from .test_cache import _repo as _make_repo


def _repo(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return _make_repo(folder)


@pytest.fixture(autouse=True)
def private_key_dir(tmp_path_factory, monkeypatch):
    """The signing key lives in the user's cache directory: a fresh one per test, no CI."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("CLINIC_CONTENT_NO_CACHE", raising=False)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                   capture_output=True)


def _emptied(repo: Path) -> None:
    """What the attacker commits: every record kept, every finding removed."""
    for shard in (repo / CACHE_DIR).glob("lint-*/diagnostics-*.json"):
        raw = shard.read_bytes()
        head, payload = raw.split(b"\n", 1) if not raw.startswith(b"{") else (b"", raw)  # signed, or plain JSON
        data = {path: [[], 0] for path in json.loads(payload)}
        shard.write_bytes((head + b"\n" if head else b"") + json.dumps(data).encode())
    for stored in (repo / CACHE_DIR).glob("lint-*/out-*"):  # and no pre-rendered report to fall back on
        stored.unlink()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_committed_cache_with_emptied_findings_changes_nothing(tmp_path: Path, capsys, monkeypatch) -> None:
    repo = _repo(tmp_path / "attacker")
    _lint(repo, capsys)
    _emptied(repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "add", "-f", CACHE_DIR)
    _git(repo, "commit", "-qm", "post")
    ci = tmp_path / "ci"
    _git(tmp_path, "clone", "-q", str(repo), str(ci))
    expected = _lint(ci, capsys, "--no-cache")
    assert expected[0] == 1 and "PRIV007" in expected[1]
    code, out, err = _lint(ci, capsys)
    assert (code, out) == expected[:2]
    assert "is tracked by git" in err and "git rm -r --cached .clinic-content-cache/" in err
    monkeypatch.setenv("CI", "true")  # under CI the cache is off unless asked for
    assert _lint(ci, capsys)[:2] == expected[:2]


def test_records_signed_with_another_key_are_discarded(tmp_path: Path, capsys, monkeypatch) -> None:
    repo = _repo(tmp_path)
    expected = _lint(repo, capsys)
    _emptied(repo)  # a valid-looking cache, but the signature no longer matches
    code, out, err = _lint(repo, capsys, "--verbose")
    assert (code, out) == expected[:2] and "bad signature, cache file discarded" in err
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-user"))
    assert _lint(repo, capsys)[:2] == expected[:2]


def test_the_key_is_private_and_outside_the_repository(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    _lint(repo, capsys)
    key = key_file()
    assert key.is_file() and oct(key.stat().st_mode & 0o777) == "0o600"
    assert repo not in key.parents


def test_a_same_size_edit_with_the_mtime_put_back_is_seen(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    post = repo / "posts" / "p02.md"
    _, before, _ = _lint(repo, capsys)
    stat = post.stat()
    text = post.read_text(encoding="utf-8")
    changed = text.replace("Звоните +7 912 345-67-12.", "Звоните в клинику")
    changed = changed + " " * (len(text.encode()) - len(changed.encode()))
    assert len(changed.encode()) == stat.st_size
    post.write_text(changed, encoding="utf-8")
    os.utime(post, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _, after, _ = _lint(repo, capsys)
    assert "PRIV007" in before and "PRIV007" not in after and after == _lint(repo, capsys, "--no-cache")[1]


def _outside_with_entries(tmp_path: Path) -> Path:
    outside = tmp_path / "precious"
    (outside / "lint-0123456789abcdefghij").mkdir(parents=True)
    (outside / "lint-0123456789abcdefghij" / "thesis.txt").write_text("years of work", encoding="utf-8")
    (outside / ".gitignore").write_text("build/\n", encoding="utf-8")
    return outside


def test_a_symlinked_cache_folder_is_never_written_through(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path / "r")
    outside = _outside_with_entries(tmp_path)
    (repo / CACHE_DIR).symlink_to(outside)
    code, out, err = _lint(repo, capsys)
    assert code == 1 and "ignoring .clinic-content-cache/: it is a symlink" in err
    assert (outside / "lint-0123456789abcdefghij" / "thesis.txt").read_text(encoding="utf-8") == "years of work"
    assert (outside / ".gitignore").read_text(encoding="utf-8") == "build/\n"
    assert sorted(p.name for p in outside.iterdir()) == [".gitignore", "lint-0123456789abcdefghij"]


def test_symlinks_inside_the_cache_are_replaced_not_followed(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path / "r")
    outside = _outside_with_entries(tmp_path)
    tag = tmp_path / "tag.txt"
    tag.write_text("keep me", encoding="utf-8")
    folder = repo / CACHE_DIR
    folder.mkdir()
    (folder / ".gitignore").symlink_to(outside / ".gitignore")
    (folder / "CACHEDIR.TAG").symlink_to(tag)
    (folder / "lint-old").symlink_to(outside / "lint-0123456789abcdefghij")
    expected = _lint(repo, capsys, "--no-cache")[:2]
    assert _lint(repo, capsys)[:2] == expected
    assert _lint(repo, capsys)[:2] == expected  # warm
    assert (outside / ".gitignore").read_text(encoding="utf-8") == "build/\n" and tag.read_text(encoding="utf-8") == "keep me"
    assert (outside / "lint-0123456789abcdefghij" / "thesis.txt").exists()
    assert not (folder / ".gitignore").is_symlink() and (folder / ".gitignore").read_text().endswith("*\n")
    assert not (folder / "lint-old").exists()


def key_file() -> Path:
    from clinic_content.engine.cache_secret import key_file as where  # (imported late: new in this change)

    return where()


def _resign(path: Path, data: object) -> None:
    """Write ``data`` with a valid signature (as the cache itself would): only the shape is wrong."""
    secret = key_file().read_bytes().strip()
    payload = json.dumps(data).encode()
    repo = path.parent.parent.parent
    message = b"\0".join([str(FORMAT).encode(), os.fsencode(os.path.realpath(repo)), path.parent.name.encode(),
                          path.name.encode(), payload])
    path.write_bytes(hmac.new(secret, message, hashlib.sha256).hexdigest().encode() + b"\n" + payload)


@pytest.mark.parametrize("damage", ["size-as-string", "entry-as-list", "meta-too-short", "bad-status", "row-type",
                                    "files-as-list", "shard-as-list"])
def test_a_signed_cache_with_wrong_types_is_discarded_not_fatal(tmp_path: Path, capsys, damage: str) -> None:
    repo = _repo(tmp_path)
    expected = _lint(repo, capsys)[:2]
    folder = next((repo / CACHE_DIR).glob("lint-*"))
    index = json.loads((folder / "index.json").read_bytes().split(b"\n", 1)[1])
    first = next(iter(index["files"].values()))
    if damage == "size-as-string":
        first["size"] = str(first["size"])
    elif damage == "entry-as-list":
        first["entry"] = []
    elif damage == "meta-too-short":
        first["entry"]["meta"] = first["entry"]["meta"][:3]
    elif damage == "bad-status":
        first["entry"]["meta"][4] = "publishedd"
    elif damage == "files-as-list":
        index["files"] = [1, 2]
    if damage in ("row-type", "shard-as-list"):
        for shard in folder.glob("diagnostics-*.json"):
            data = json.loads(shard.read_bytes().split(b"\n", 1)[1])
            if damage == "shard-as-list":
                _resign(shard, list(data))
                continue
            for rows, _ in data.values():
                for row in rows:
                    row[0] = "one"
            _resign(shard, data)
    else:
        _resign(folder / "index.json", index)
    code, out, err = _lint(repo, capsys, "--verbose")
    assert (code, out) == expected and "Traceback" not in err
    if damage in ("size-as-string", "entry-as-list", "meta-too-short", "bad-status"):
        assert "discarded 1 records of the wrong shape" in err
    assert _lint(repo, capsys)[:2] == expected


def test_under_ci_the_cache_is_off_unless_asked(tmp_path: Path, capsys, monkeypatch) -> None:
    repo = _repo(tmp_path)
    monkeypatch.setenv("CI", "true")
    _lint(repo, capsys)
    assert not (repo / CACHE_DIR).exists()
    _lint(repo, capsys, "--cache")
    assert (repo / CACHE_DIR).is_dir()


def test_an_index_of_the_wrong_shape_is_survived(tmp_path: Path, capsys) -> None:
    """Still valid JSON, wrong types (as a bit flip or an older version leaves it): once
    every later run exited 2 until the cache was deleted."""
    repo = _repo(tmp_path)
    expected = _lint(repo, capsys)[:2]
    index = next((repo / CACHE_DIR).glob("lint-*/index.json"))
    raw = index.read_bytes()
    head, payload = raw.split(b"\n", 1) if not raw.startswith(b"{") else (b"", raw)
    data = json.loads(payload)
    for fields in data["files"].values():
        fields["entry"], fields["media"] = [], 5
    index.write_bytes((head + b"\n" if head else b"") + json.dumps(data).encode())
    assert _lint(repo, capsys)[:2] == expected
    assert _lint(repo, capsys)[:2] == expected
    assert POST  # the shared post template (tests.test_cache) is what the repo holds
