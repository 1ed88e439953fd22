"""A text in Russian and English. Messages, docs and summaries are all one, so that a run
speaks one language end to end; low enough that reading and validation can use it too."""

from __future__ import annotations

from typing import NamedTuple


class T(NamedTuple):
    """A text in Russian and English."""

    ru: str
    en: str

    def get(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en
