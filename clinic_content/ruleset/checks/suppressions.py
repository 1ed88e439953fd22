"""FM021: a suppression that turns every rule off for a whole post (`lint: {ignore: [ALL]}`,
a bare `ignore-file`). It silences advertising, consent and privacy checks without a word
(issue 14: a pull request must not switch the linter off unseen), so it is reported; only
an explicit ``FM021`` in a suppression silences this rule — a blanket one cannot hide itself.
A code no rule has suppresses nothing, so it hides no finding: FM019 reports it.
"""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Finding, Severity, Span
from ...source.post import Post
from ..rule import Context, PostRule, T

_HEAD = "---\ntitle: Скидка на чистку зубов\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\ncategory: news\n"
_WHOLE_FILE = 10**9


class BlanketSuppression(PostRule):
    id = "FM021"
    name = "blanket-suppression"
    default_severity = Severity.WARNING
    summary = T("Подавление выключает все проверки файла", "A suppression turns every check of the file off")
    doc = T(
        "`lint: {ignore: [ALL]}` во front-matter или `<!-- clinic-content: ignore-file -->` без кодов "
        "выключают все правила для поста: закон о рекламе, согласия, персональные данные — и CI "
        "проходит молча. Назовите конкретные коды (`ignore: [LANG001]`). Подавить это правило может "
        "только явный `FM021`; итоговая строка проверки всё равно назовёт подавление.",
        "`lint: {ignore: [ALL]}` in the front-matter or `<!-- clinic-content: ignore-file -->` without "
        "codes turn every rule off for the post — advertising law, consent, personal data — and CI "
        "passes silently. Name the codes (`ignore: [LANG001]`). Only an explicit `FM021` silences this "
        "rule; the run's summary still names the suppression.",
    )
    source = "ruff PGH004 (blanket-noqa), https://docs.astral.sh/ruff/rules/blanket-noqa/; docs/configuration.md"
    messages = {"default": T("Подавление всех проверок во всём файле: назовите коды правил",
                             "Blanket suppression of every check in the whole file: name the rule codes")}
    bad_example = _HEAD + "lint:\n  ignore: [ALL]\n---\nСкидка 20% на профессиональную чистку зубов до конца месяца.\n"
    good_example = _HEAD + "lint:\n  ignore: [LANG003]\n---\nСкидка 20% на профессиональную чистку зубов до конца месяца.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        for i, code in enumerate(post.meta.lint.ignore):
            if code.strip().upper() == "ALL":
                yield Finding(post.key_span("lint", "ignore", i, key=False))
        if post.usable:
            for s in post.body.suppressions:
                if s.last_line >= _WHOLE_FILE and (not s.codes or "ALL" in s.codes):
                    yield Finding(Span(s.line, s.column))
