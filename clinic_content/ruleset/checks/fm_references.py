"""FM017, FM019, FM020: what a post refers to — media files that exist inside the repository, and
suppressions that suppress something.
"""

from __future__ import annotations

import os
import re
from typing import Iterator

from ...core.diagnostics import Finding, Severity
from ...core.fileio import exists
from ...source.post import Post
from ..rule import Context, PostRule, T
from .fm_support import GOOD_POST, SCHEMA_SOURCE


class MediaNotFound(PostRule):
    id = "FM017"
    name = "media-not-found"
    summary = T("Файл из media не найден", "Media file not found")
    doc = T(
        "Файл из `media:` ищется относительно поста, затем относительно корня контент-репозитория. "
        "Ссылки (http/https) не проверяются.",
        "A `media:` file is looked up relative to the post, then to the content repository root. "
        "URLs (http/https) are not checked.",
    )
    source = SCHEMA_SOURCE
    messages = {"default": T("Файл «{file}» не найден", "File '{file}' not found")}
    bad_example = GOOD_POST.replace("category: education\n", "category: education\nmedia:\n  - file: media/нет-такого.jpg\n")
    good_example = GOOD_POST

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        for index, item in enumerate(post.meta.media):
            if "://" in item.file or media_escape(post, item.file, ctx) is not None:
                continue  # URLs are not fetched; paths out of the repo are FM020's (and never probed)
            candidates = [post.path.parent / item.file, ctx.config.root / item.file]
            if not any(exists(c) for c in candidates):
                yield Finding(post.key_span("media", index, "file", key=False), args={"file": item.file})


class UnusedSuppression(PostRule):
    id = "FM019"
    name = "unused-suppression"
    default_severity = Severity.INFO
    enabled_by_default = False
    summary = T("Подавление проверки ничего не подавляет", "A suppression suppresses nothing")
    doc = T(
        "Комментарий `<!-- clinic-content: ignore КОД -->` или `lint: {ignore: [...]}` не скрыл ни одного "
        "замечания: проблему уже исправили, и подавление можно убрать. Отмечается и код, которого нет ни у "
        "одного правила (опечатка вроде `ADV0O1`): такое подавление не сработает никогда. Правило выключено "
        "по умолчанию; включите его `--extend-select FM019`.",
        "An `<!-- clinic-content: ignore CODE -->` comment or `lint: {ignore: [...]}` entry hid nothing: "
        "the problem was fixed and the suppression can go. A code no rule has (a typo such as `ADV0O1`) is "
        "reported too: such a suppression can never work. Off by default; enable with "
        "`--extend-select FM019`.",
    )
    source = "ruff RUF100 (unused-noqa)"
    messages = {"default": T("Подавление {codes} не используется", "Unused suppression of {codes}"),
                "unknown": T("В подавлении неизвестный код {codes}: такого правила нет",
                             "The suppression names an unknown code {codes}: no rule has it")}
    bad_example = GOOD_POST + "\n<!-- clinic-content: ignore -->\nОбычный абзац.\n"
    good_example = GOOD_POST

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        return iter(())  # the engine reports unused suppressions after all rules ran


def media_escape(post: Post, file: str, ctx: Context) -> str | None:
    """Why a media path points outside the content repository, or None when it stays inside.
    Content comes from outsiders' pull requests: the linter must not even test whether
    ``/etc/passwd`` or ``../../secrets`` exists."""
    if file.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", file) or file.startswith("~"):
        return "absolute"
    if any(part == ".." for part in re.split(r"[\\/]", file)):
        return "parent"
    root = os.path.realpath(ctx.config.root)
    for base in (os.path.dirname(os.fspath(post.path)), os.fspath(ctx.config.root)):
        target = os.path.realpath(os.path.join(base, file))
        if os.path.lexists(os.path.join(base, file)) and not (target == root or target.startswith(root + os.sep)):
            return "symlink"
    return None


class MediaOutsideRepo(PostRule):
    id = "FM020"
    name = "media-outside-repo"
    summary = T("Путь к медиа ведёт за пределы репозитория", "A media path leads outside the repository")
    doc = T(
        "Посты приходят в пулл-реквестах, в том числе от людей вне команды, а линтер работает в CI рядом с "
        "секретами репозитория. Путь в `media:` не может быть абсолютным (`/etc/…`, `C:\\…`, `~/…`), "
        "содержать `..` или вести по символической ссылке за пределы контент-репозитория. Такой путь не "
        "проверяется на существование (иначе по ответу линтера можно узнать, какие файлы есть на машине CI).",
        "Posts come in pull requests, also from people outside the team, and the linter runs in CI next to "
        "repository secrets. A `media:` path may not be absolute (`/etc/…`, `C:\\…`, `~/…`), contain `..` "
        "or lead through a symlink outside the content repository. Such a path is not even checked for "
        "existence (the answer would tell which files exist on the CI machine).",
    )
    source = "clinic-content security model (docs/post-format.md); CWE-22 path traversal"
    messages = {
        "absolute": T("Абсолютный путь «{file}»: укажите путь внутри репозитория", "Absolute path '{file}': use a path inside the repository"),
        "parent": T("Путь «{file}» выходит из репозитория через «..»", "Path '{file}' leaves the repository through '..'"),
        "symlink": T("«{file}» — символическая ссылка за пределы репозитория", "'{file}' is a symlink leading outside the repository"),
        "default": T("Путь «{file}» за пределами репозитория", "Path '{file}' is outside the repository"),
    }
    bad_example = GOOD_POST.replace("category: education\n", "category: education\nmedia:\n  - file: ../../../../etc/passwd\n")
    good_example = GOOD_POST

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        for index, item in enumerate(post.meta.media):
            if "://" in item.file:
                continue
            reason = media_escape(post, item.file, ctx)
            if reason is not None:
                yield Finding(post.key_span("media", index, "file", key=False), reason, {"file": item.file})
