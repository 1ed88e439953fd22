"""FM021: a suppression that turns every rule off for a whole post, or names a code no
rule has. Both silence checks without a word (issue 14: a pull request must not be able
to switch the linter off unseen), so both are reported; only an explicit ``FM021`` in a
suppression silences this rule — a blanket one cannot hide itself.
"""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Finding, Severity, Span
from ..post import Post
from ..registry import all_rules
from ..rule import Context, PostRule, T
from ..selectors import selector_problem, suggestions

_HEAD = "---\ntitle: Скидка на чистку зубов\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\ncategory: news\n"


class InvalidSuppression(PostRule):
    id = "FM021"
    name = "invalid-suppression"
    default_severity = Severity.WARNING
    summary = T("Подавление выключает все проверки файла или называет несуществующий код",
                "A suppression turns every check of the file off or names a code that does not exist")
    doc = T(
        "`lint: {ignore: [ALL]}` во front-matter или `<!-- clinic-content: ignore-file -->` без кодов "
        "выключают все правила для поста: закон о рекламе, согласия, персональные данные — и CI "
        "проходит молча. Назовите конкретные коды (`ignore: [LANG001]`). Код, которого нет "
        "(`ignore: [ADV9]`, опечатка `AVD001`), ничего не подавляет и скрывает намерение автора — "
        "правило подскажет ближайший существующий. Подавить это правило может только явный `FM021`.",
        "`lint: {ignore: [ALL]}` in the front-matter or `<!-- clinic-content: ignore-file -->` without "
        "codes turn every rule off for the post — advertising law, consent, personal data — and CI "
        "passes silently. Name the codes (`ignore: [LANG001]`). A code that does not exist "
        "(`ignore: [ADV9]`, a typo such as `AVD001`) suppresses nothing and hides what the author "
        "meant; the rule suggests the nearest real one. Only an explicit `FM021` silences this rule.",
    )
    source = "ruff PGH004 (blanket-noqa) and RUF102 (invalid-rule-code); clinic-content docs/configuration.md"
    messages = {
        "blanket": T("Подавление всех проверок во всём файле: назовите коды правил",
                     "Blanket suppression of every check in the whole file: name the rule codes"),
        "unknown": T("Подавление несуществующего кода {code}{hint}", "Suppression of unknown code {code}{hint}"),
        "default": T("Недопустимое подавление", "Invalid suppression"),
    }
    bad_example = _HEAD + "lint:\n  ignore: [ALL]\n---\nСкидка 20% на профессиональную чистку зубов до конца месяца.\n"
    good_example = _HEAD + "lint:\n  ignore: [LANG003]\n---\nСкидка 20% на профессиональную чистку зубов до конца месяца.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        rules = all_rules(plugins=ctx.config.plugins)
        written = [(code, post.key_span("lint", "ignore", i, key=False), True)
                   for i, code in enumerate(post.meta.lint.ignore)]
        if post.usable:
            written += [(code, Span(s.line, s.column), s.last_line >= 10**9)
                        for s in post.body.suppressions for code in (s.codes or ("ALL",))]
        for code, span, whole_file in written:
            if code.strip().upper() == "ALL":
                if whole_file:
                    yield Finding(span, "blanket")
            elif selector_problem(code, rules):
                close = suggestions(code, rules)
                hint = T(f"; может быть, {close[0]}?", f"; did you mean {close[0]}?") if close else T("", "")
                yield Finding(span, "unknown", args={"code": code, "hint": hint.get(ctx.lang)})
