"""The integrations as their own tools see them: action.yml against SchemaStore's schema and
run step by step like the runner; SARIF with format checking (URIs, fingerprints, category);
the step-summary size cap; GitLab's shallow clone; pre-commit on a repo with a README."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from clinic_content.report.ci_formats import FINGERPRINT_KEY, SUMMARY_LIMIT, format_sarif, step_summary
from clinic_content.cli.main import main
from clinic_content.core.diagnostics import Diagnostic, Report, Severity

from .cli_run import run_cli
from .conftest import DEMO, REPO

SCHEMAS = Path(__file__).parent / "schemas"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _action() -> dict:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_action_yml_is_valid_against_schemastore() -> None:
    schema = json.loads((SCHEMAS / "github-action.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(_action()), key=str)
    assert not errors, [e.message for e in errors[:3]]


def test_sarif_upload_is_opt_in_and_cannot_hide_the_annotations() -> None:
    action = _action()
    assert action["inputs"]["sarif"]["default"] == "false"
    steps = action["runs"]["steps"]
    names = [s.get("id") or s["name"] for s in steps]
    lint = names.index("lint")
    upload = next(i for i, s in enumerate(steps) if "upload-sarif" in s.get("uses", ""))
    assert lint < upload, "annotations come first"
    assert steps[upload]["continue-on-error"] is True
    assert "inputs.sarif == 'true'" in steps[upload]["if"] and "always()" in steps[upload]["if"]
    assert "always()" in steps[-1]["if"] and "exit" in steps[-1]["run"]


_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _evaluate(expression: str, context: dict) -> str | bool:
    """The few GitHub expressions action.yml uses: a || b, a == 'x', a && b, always(), dotted names."""
    if "&&" in expression:
        return all(_evaluate(part, context) for part in expression.split("&&"))
    if "||" in expression:
        for part in expression.split("||"):
            value = _evaluate(part, context)
            if value:
                return value
        return ""
    if "==" in expression:
        left, right = (p.strip() for p in expression.split("=="))
        return _evaluate(left, context) == right.strip("'")
    expression = expression.strip()
    if expression == "always()":
        return True
    value: object = context
    for part in expression.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return value if isinstance(value, str) else ""


def _substitute(text: str, context: dict) -> str:
    return _EXPR.sub(lambda m: str(_evaluate(m.group(1), context)), text)


def _run_action(workspace: Path, tmp_path: Path, inputs: dict[str, str]) -> tuple[list[str], dict, Path]:
    """Run the composite action's `run` steps as the runner does (bash -e {0}, env, outputs)."""
    action = _action()
    temp = tmp_path / "runner-temp"
    (temp / "clinic-content" / "bin").mkdir(parents=True)
    wrapper = temp / "clinic-content" / "bin" / "clinic-content"  # stands in for the pip-installed script
    wrapper.write_text(f"#!/bin/sh\nexec {sys.executable} -m clinic_content \"$@\"\n", encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    summary = tmp_path / "summary.md"
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()} | inputs
    context: dict = {"inputs": values, "github": {"action_path": str(REPO)}, "steps": {}}
    logs = []
    for step in action["runs"]["steps"]:
        condition = step.get("if")
        if condition and not _evaluate(_EXPR.sub(r"\1", condition), context):
            continue
        if "uses" in step:
            logs.append(f"(skipped {step['uses']})")
            continue
        script = tmp_path / "step.sh"
        script.write_text(_substitute(step["run"], context), encoding="utf-8")
        if step["name"].startswith("Install"):
            assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
            continue
        output = tmp_path / "output.txt"
        output.write_text("", encoding="utf-8")
        env = {**os.environ, "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
               "PYTHONPATH": str(REPO)}
        env.update({k: _substitute(str(v), context) for k, v in step.get("env", {}).items()})
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                              env=env, capture_output=True, text=True, timeout=300)
        logs.append(done.stdout)
        outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
        if step.get("id"):
            context["steps"][step["id"]] = {"outputs": outputs}
        context["last_exit"] = done.returncode
    return logs, context, summary


@pytest.fixture
def demo_workspace(tmp_path: Path) -> Path:
    workspace = tmp_path / "workspace"
    shutil.copytree(DEMO, workspace, ignore=shutil.ignore_patterns(".clinic-content-cache"))
    return workspace  # its duplicate id (CAL001, an error) fails the run on any date


def test_the_action_gives_annotations_and_a_summary_and_fails_the_job(demo_workspace: Path, tmp_path: Path) -> None:
    logs, context, summary = _run_action(demo_workspace, tmp_path, {})
    annotations = [line for line in logs[0].splitlines() if line.startswith("::")]
    assert annotations and all(re.match(r"::(error|warning|notice) ", line) for line in annotations)
    assert context["steps"]["lint"]["outputs"]["exit-code"] == "1"
    assert context["last_exit"] == 1  # the Result step fails the job
    assert summary.read_text(encoding="utf-8").startswith("### clinic-content: ")
    assert not (demo_workspace / "clinic-content.sarif").exists()


def test_the_action_writes_sarif_with_the_category_when_asked(demo_workspace: Path, tmp_path: Path) -> None:
    logs, context, _ = _run_action(demo_workspace, tmp_path, {"sarif": "true", "category": "posts-ru"})
    assert any("upload-sarif" in log for log in logs)
    document = json.loads((demo_workspace / "clinic-content.sarif").read_text(encoding="utf-8"))
    assert document["runs"][0]["automationDetails"]["id"] == "posts-ru/"
    assert context["last_exit"] == 1


def _sarif_validator():
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    assert "uri-reference" in checker.checkers, "install rfc3986-validator so uri-reference is checked"
    return jsonschema.validators.validator_for(schema)(schema, format_checker=checker)


def _diag(path: str, code: str = "ADV001", line: int = 3, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(path=path, line=line, column=1, code=code, end_line=line, end_column=4,
                      severity=severity, name="missing-ad-warning", message="Сообщение")


@pytest.mark.parametrize("path", ["posts/акции/скидка.md", "posts/my post.md", "posts/50%.md", "posts/a#b?.md"])
def test_sarif_uris_are_valid_percent_encoded_references(path: str) -> None:
    document = json.loads(format_sarif(Report([_diag(path)], files_checked=1)))
    errors = sorted(_sarif_validator().iter_errors(document), key=str)
    assert not errors, [e.message for e in errors[:3]]
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uriBaseId"] == "%SRCROOT%"
    from urllib.parse import unquote

    assert unquote(location["uri"]) == path and " " not in location["uri"]


def test_sarif_uses_its_own_fingerprint_key_and_rule_help(capsys) -> None:
    _, out, _ = run_cli(DEMO, capsys, "lint", ".", "--today", "2026-11-22", "--format", "sarif", "--category", "content/ru")
    document = json.loads(out)
    assert not sorted(_sarif_validator().iter_errors(document), key=str)
    run = document["runs"][0]
    # codeql-action computes primaryLocationLineHash itself and warns when a tool's value differs
    assert all(set(r["partialFingerprints"]) == {FINGERPRINT_KEY} for r in run["results"])
    assert run["automationDetails"]["id"] == "content/ru/"
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["helpUri"].startswith("https://") and f"#{rule['id'].lower()}-{rule['name']}" in rule["helpUri"]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]


def test_step_summary_stays_under_one_mebibyte_with_totals_first() -> None:
    diagnostics = [_diag(f"posts/2026-{i % 12 + 1:02d}/post-{i}.md", code=f"ADV{i % 20 + 1:03d}", line=i % 90 + 1,
                         severity=Severity.WARNING if i % 3 else Severity.ERROR) for i in range(30_000)]
    text = step_summary(Report(diagnostics, files_checked=1000), "en")
    assert len(text.encode("utf-8")) < SUMMARY_LIMIT <= 1024 * 1024
    assert text.index("| rule | findings |") < text.index("| file | findings |") < text.index("| file | line |")
    assert re.search(r"…\d+ more findings: see the step's log", text)
    assert "at most 10 error and 10 warning annotations" in text
    small = step_summary(Report(diagnostics[:3], files_checked=3), "ru")
    assert "ещё" not in small and "не больше 10" not in small


@needs_git
def test_shallow_clone_gives_a_clear_message_with_the_fix(tmp_path: Path, capsys) -> None:
    origin = tmp_path / "origin"
    shutil.copytree(DEMO, origin)
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "one"]):
        subprocess.run(["git", *args], cwd=origin, env=env, check=True)
    for n in range(3):
        (origin / "posts" / f"extra-{n}.md").write_text("x\n", encoding="utf-8")
        subprocess.run(["git", "add", "-A"], cwd=origin, env=env, check=True)
        subprocess.run(["git", "commit", "-qm", f"more {n}"], cwd=origin, env=env, check=True)
    subprocess.run(["git", "checkout", "-q", "-b", "feature"], cwd=origin, env=env, check=True)
    (origin / "posts" / "feature.md").write_text("x\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=origin, env=env, check=True)
    subprocess.run(["git", "commit", "-qm", "feature"], cwd=origin, env=env, check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{origin}", str(clone)],
                   env=env, check=True)
    subprocess.run(["git", "checkout", "-q", "feature"], cwd=clone, env=env, check=True)
    code, _, err = run_cli(clone, capsys, "lint", ".", "--today", "2026-11-22", "--changed-since", "origin/main")
    assert code == 2
    assert "shallow" in err and "GIT_DEPTH: 0" in err and "git fetch origin main" in err


def _content_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "content"
    shutil.copytree(DEMO, repo)
    (repo / "README.md").write_text("# Наш контент\n\nКак писать посты.\n", encoding="utf-8")
    (repo / "docs").mkdir()
    (repo / "docs" / "style.md").write_text("# Стиль\n", encoding="utf-8")
    (repo / "posts" / "drafts-export").mkdir()
    (repo / "posts" / "drafts-export" / "junk.md").write_text("no front-matter\n", encoding="utf-8")
    (repo / ".gitignore").write_text("posts/drafts-export/\n.clinic-content-cache/\n", encoding="utf-8")
    return repo


@needs_git
def test_files_outside_the_content_roots_and_ignored_files_are_not_linted(tmp_path: Path, capsys) -> None:
    repo = _content_repo(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=repo, env={**os.environ, **GIT_ENV}, check=True)
    code, out, err = run_cli(repo, capsys, "lint", "README.md", "docs/style.md", "--today", "2026-11-22", "--verbose",
                             "--format", "concise")
    assert code == 0 and "FM008" not in out
    assert "пропущен README.md" in err and "пропущен docs/style.md" in err  # the demo's config: lang = "ru"
    _, out, _ = run_cli(repo, capsys, "lint", ".", "--today", "2026-11-22", "--format", "concise")
    assert "junk.md" not in out


def _export(repo: Path, capsys, monkeypatch, locale: str, *extra: str) -> tuple[int, str]:
    monkeypatch.setenv("LANG", locale)
    monkeypatch.setenv("LC_ALL", locale)
    monkeypatch.chdir(repo)
    code = main(["calendar", "export", "--no-lint", "-o", "plan.ics", *extra])
    return code, capsys.readouterr().err


def test_the_feed_does_not_follow_the_committers_locale(tmp_path: Path, capsys, monkeypatch) -> None:
    repo = tmp_path / "content"
    shutil.copytree(DEMO, repo)
    config = repo / ".clinic-content.toml"
    config.write_text(re.sub(r'(?m)^lang = .*\n', "", config.read_text(encoding="utf-8")), encoding="utf-8")
    _export(repo, capsys, monkeypatch, "en_US.UTF-8")
    english_locale = (repo / "plan.ics").read_bytes()
    (repo / "plan.ics").unlink()
    _export(repo, capsys, monkeypatch, "ru_RU.UTF-8")
    assert (repo / "plan.ics").read_bytes() == english_locale


def test_line_ending_conversion_is_not_a_change(tmp_path: Path, capsys, monkeypatch) -> None:
    repo = tmp_path / "content"
    shutil.copytree(DEMO, repo)
    _export(repo, capsys, monkeypatch, "C.UTF-8")
    feed = repo / "plan.ics"
    feed.write_bytes(feed.read_bytes().replace(b"\r\n", b"\n"))  # what core.autocrlf=input leaves
    code, err = _export(repo, capsys, monkeypatch, "C.UTF-8", "--exit-non-zero-on-change")
    assert code == 0 and "*.ics -text" in err
