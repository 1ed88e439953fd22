"""Severities (and the other enums users print) read as their value: ``error``, never
``Severity.ERROR`` (issue 11 §2.10: the README's Python example printed the enum's name)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from clinic_content import Severity
from clinic_content.source.consents import Scope
from clinic_content.source.model import Category, Status, Subject

from .conftest import DEMO, REPO


@pytest.mark.parametrize("member", [*Severity, *Status, *Category, *Subject, *Scope])
def test_members_print_as_their_value(member) -> None:
    assert str(member) == f"{member}" == "%s" % member == format(member, "") == member.value
    assert f"{member:>10}" == f"{member.value:>10}"
    assert json.dumps(member) == json.dumps(member.value)


def test_the_readme_python_example_prints_plain_severities() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## From Python\s+```python\n(.*?)```", readme, re.S)
    assert block, "README has a Python example"
    run = subprocess.run([sys.executable, "-c", block.group(1)], cwd=DEMO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines and "Severity." not in run.stdout
    assert {line.split()[4] for line in lines} <= {"error", "warning", "info"}
