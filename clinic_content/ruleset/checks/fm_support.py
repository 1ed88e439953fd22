"""What the FM rules share: the source they cite and a valid post for their good examples.
"""

from __future__ import annotations


SCHEMA_SOURCE = "clinic-content post format (docs/post-format.md)"
GOOD_POST = """---
title: Прививка от гриппа — когда и кому
publish_at: 2026-12-01 10:00
platforms: [vk, telegram]
status: approved
category: education
---
Сезон гриппа начинается в декабре. Рассказываем, кому нужна прививка.
"""
