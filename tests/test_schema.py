"""`clinic-content schema` accepts exactly what the loader accepts (issue 11 §2.4).

The verdict of the JSON Schema (with format checking on, as the VS Code YAML extension runs it)
must equal the loader's and the front-matter rules' verdict on every demo and fixture post, and on
a table of hand-written forms. Editors read YAML 1.2, so the front-matter is read here the way they
read it: an unquoted date or ``yes`` stays a string.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from clinic_content.source.config import Config
from clinic_content.engine.linter import Linter
from clinic_content.source.schema import front_matter_schema
from clinic_content.core.scalars import DATE_TIME_PATTERN

from .conftest import DEMO, FIXTURES, TODAY, fixture_config

# What the schema can say: unknown keys, wrong values, required fields, an alias next to its field,
# platforms and accounts. Not: a duplicate key (a YAML reader keeps one), files that cannot be read.
SCHEMA_CODES = ("FM002", "FM003", "FM004", "FM014", "FM016")
# FM001 too when only YAML 1.1 fails: ``publish_at: 2026-13-45`` is a broken timestamp for PyYAML.
VERDICT_CODES = ("FM001", *SCHEMA_CODES)


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML with YAML 1.2's core schema for the scalars that differ: no timestamps, true/false only."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    Yaml12Loader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))


def test_format_checking_is_really_on() -> None:
    """Without rfc3339-validator jsonschema skips "date-time" silently; the editors do not."""
    assert "date-time" in jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers


def _validator(config: Config | None) -> jsonschema.Draft202012Validator:
    schema = front_matter_schema(config)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _front_matter(text: str) -> str | None:
    match = re.match(r"\ufeff?---\r?\n(.*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)", text, re.S)
    return match.group(1) if match else None


def _loader_verdict(linter: Linter, path: Path) -> set[str]:
    """The schema-expressible codes the loader and the FM rules report (duplicate keys aside)."""
    post = linter.load(path)
    duplicates = {f.span.line for code, f in post.problems if code == "FM014" and "first" in f.args and f.span}
    report = linter.lint_posts([post])
    return {d.code for d in report.diagnostics if d.code in VERDICT_CODES
            and not (d.code == "FM014" and d.line in duplicates)}


def _posts() -> list:
    cases = [pytest.param(p, DEMO, id=f"demo/{p.relative_to(DEMO)}") for p in sorted((DEMO / "posts").rglob("*.md"))]
    for path in sorted((FIXTURES / "rules").rglob("*.md")):
        folder = next(p for p in path.parents if p.parent.name == "rules")
        cases.append(pytest.param(path, folder, id=str(path.relative_to(FIXTURES))))
    return cases


_VALIDATORS: dict[Path, tuple[Linter, jsonschema.Draft202012Validator]] = {}


def _setup(folder: Path) -> tuple[Linter, jsonschema.Draft202012Validator]:
    if folder not in _VALIDATORS:
        config = Config.discover(folder) if folder == DEMO else fixture_config(folder)
        linter = Linter(config, select=list(VERDICT_CODES), today=TODAY, lang="en")
        _VALIDATORS[folder] = (linter, _validator(config))
    return _VALIDATORS[folder]


@pytest.mark.parametrize("path, folder", _posts())
def test_schema_verdict_equals_the_loaders(path: Path, folder: Path) -> None:
    try:
        front = _front_matter(path.read_text(encoding="utf-8"))
        data = yaml.load(front, Loader=Yaml12Loader) if front is not None else None
    except (UnicodeDecodeError, yaml.YAMLError):
        pytest.skip("front-matter an editor cannot read either (FM001/FM005/FM010…)")
    if not isinstance(data, dict):
        pytest.skip("no front-matter mapping (FM008/FM009/FM012)")
    linter, validator = _setup(folder)
    post = linter.load(path)
    if not post.usable or {code for code, _ in post.problems} & {"FM010", "FM011", "FM013"}:
        pytest.skip("the loader refuses the file as a whole (too large, too deep, unclosed)")
    expected = _loader_verdict(linter, path)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    if expected:
        assert errors, f"the loader reports {sorted(expected)}, the schema accepts {path.name}"
    else:
        assert not errors, errors


def test_the_fixtures_cover_every_code_the_schema_expresses() -> None:
    fired = set()
    for path, folder in (c.values for c in _posts()):
        if path.name.startswith("fire_") and path.parent.name in SCHEMA_CODES:
            fired.add(path.parent.name)
    assert fired == set(SCHEMA_CODES)


BASE = {"title": "Прививка", "platforms": ["vk"], "status": "approved", "publish_at": "2026-12-01 10:00"}

FORMS = [  # (change to BASE, accepted)
    ({}, True),
    ({"publish_at": "2026-12-01"}, True),
    ({"publish_at": "2026-12-01T10:00:00+03:00"}, True),
    ({"publish_at": "2026-12-01 10:00+03:00"}, True),
    ({"publish_at": "2026-12-01T10:00Z"}, True),
    ({"publish_at": "2026-12-15 9:00"}, True),
    ({"publish_at": "2026-12-01 10:00:00 +3"}, True),  # a YAML 1.1 timestamp
    ({"publish_at": "2026-12-01t10:00:00.5"}, True),
    ({"date": "2026-12-01 10:00", "publish_at": None}, True),
    ({"publish_at": "завтра"}, False),
    ({"publish_at": 20261201}, False),  # pydantic alone would read seconds since 1970
    ({"publish_at": "1764576000"}, False),
    ({"publish_at": "2026-13-01 10:00"}, False),
    ({"publish_at": "2026-12-01 25:00"}, False),
    ({"publish_at": "2026-12-01_10:00"}, False),
    ({"publish_at": "01.12.2026 10:00"}, False),
    ({"platforms": "vk"}, True),
    ({"platforms": "vkk"}, False),
    ({"platforms": ["vk", "VK"]}, False),
    ({"platforms": []}, False),
    ({"inn": 7701234567}, True),
    ({"inn": "7701234567"}, True),
    ({"inn": [7701234567]}, False),
    ({"title": 2026}, True),
    ({"title": ""}, False),
    ({"ad": True}, True),
    ({"ad": "yes"}, True),
    ({"ad": "Off"}, True),
    ({"ad": "maybe"}, False),
    ({"ad": 1}, False),
    ({"ad": "t"}, False),
    ({"status": "aproved"}, False),
    ({"status": "draft", "publish_at": None}, True),
    ({"status": "cancelled", "publish_at": None}, True),
    ({"status": "review", "publish_at": None}, False),
    ({"status": None, "draft": True, "publish_at": None}, True),
    ({"status": None, "draft": "no", "publish_at": None}, False),
    ({"status": None, "draft": False}, True),
    ({"status": None, "draft": "review"}, True),
    ({"status": None, "publish_at": None}, True),  # no status: a draft
    ({"date": "2026-12-02"}, False),  # FM014: two names for one value
    ({"title": None}, False),
    ({"tags": "грипп"}, True),
    ({"tags": [1]}, False),
    ({"sources": ["https://example.org"]}, True),
    ({"glossary": {"анамнез": "история болезни"}}, True),
    ({"glossary": {"анамнез": 5}}, False),
    ({"media": [{"file": "a.jpg", "kind": "photo"}]}, False),
    ({"media": [{"alt": "без файла"}]}, False),
    ({"media": [{"file": "a.jpg", "tags": ["face"]}]}, True),
    ({"targeting": {"min_age": 18}}, True),
    ({"targeting": {"min_age": "18"}}, False),
    ({"targeting": {"min_age": 150}}, False),
    ({"lint": {"ignore": ["ADV"]}}, True),
    ({"lint": {"ignore": ["ADV"], "other": 1}}, False),
    ({"lang": "de"}, False),
    ({"colour": "red"}, False),
    ({"expires": "2026-12-31"}, True),
    ({"updated": "2026-12-02 08:00"}, True),
    ({"updated": "вчера"}, False),
]


def _document(change: dict) -> dict:
    data = {**BASE, **change}
    return {k: v for k, v in data.items() if v is not None or k not in change}


def _as_yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("change, accepted", FORMS, ids=[json.dumps(c, ensure_ascii=False) for c, _ in FORMS])
def test_forms(tmp_path: Path, change: dict, accepted: bool) -> None:
    data = _document(change)
    validator = _validator(None)
    errors = list(validator.iter_errors(data))
    assert (not errors) is accepted, [e.message for e in errors]
    # the loader agrees, reading the same value the way PyYAML does (quoted, so a string stays one)
    (tmp_path / "post.md").write_text(f"---\n{_as_yaml(data)}---\nТекст поста.\n", encoding="utf-8")
    linter = Linter(Config(root=tmp_path), select=list(SCHEMA_CODES), today=TODAY, lang="en")
    assert (not _loader_verdict(linter, tmp_path / "post.md")) is accepted


def test_unquoted_forms_as_written(tmp_path: Path) -> None:
    """The issue's examples as a copywriter types them, read by PyYAML (loader) and YAML 1.2 (editor)."""
    text = "title: Прививка\npublish_at: 2026-12-01 10:00\nplatforms: vk\nstatus: approved\nad: yes\ninn: 7701234567\n"
    for variant in (text, text.replace("2026-12-01 10:00", "2026-12-01"),
                    text.replace("2026-12-01 10:00", "2026-12-01T10:00:00+03:00")):
        assert not list(_validator(None).iter_errors(yaml.load(variant, Loader=Yaml12Loader)))
        (tmp_path / "post.md").write_text(f"---\n{variant}---\nТекст.\n", encoding="utf-8")
        assert not _loader_verdict(Linter(Config(root=tmp_path), select=list(SCHEMA_CODES), today=TODAY), tmp_path / "post.md")


def test_platforms_are_listed_and_follow_the_config(tmp_path: Path) -> None:
    schema = front_matter_schema(None)
    ids = schema["properties"]["platforms"]["anyOf"][0]["enum"]
    assert {"vk", "telegram", "ok", "max"} <= set(ids)
    config = Config.from_mapping({"platforms": ["vk", "telegram"], "accounts": {"vk": ["main", "kids"]}}, root=tmp_path)
    validator = _validator(config)
    assert front_matter_schema(config)["properties"]["platforms"]["anyOf"][0]["enum"] == ["vk", "telegram"]
    assert not list(validator.iter_errors({**BASE, "account": "kids"}))
    assert list(validator.iter_errors({**BASE, "account": "teens"}))
    assert not list(validator.iter_errors({**BASE, "platforms": ["telegram"], "account": "teens"}))
    assert list(validator.iter_errors({**BASE, "platforms": ["ok"]}))


def test_cli_schema_uses_the_repo_config(tmp_path: Path) -> None:
    import sys

    (tmp_path / ".clinic-content.toml").write_text('platforms = ["vk"]\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "clinic_content", "schema"], cwd=tmp_path, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["properties"]["platforms"]["anyOf"][0]["enum"] == ["vk"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_date_pattern_is_an_ecma_regex_as_editors_use() -> None:
    script = ("const re = new RegExp(process.argv[1], 'u');"
              "console.log(['2026-12-01 10:00', '2026-12-01', '2026-12-01T10:00:00+03:00', 'завтра']"
              ".map(s => re.test(s)).join(','))")
    out = subprocess.run(["node", "-e", script, DATE_TIME_PATTERN], capture_output=True, text=True)
    assert out.stdout.strip() == "true,true,true,false", out.stderr


def test_a_modeline_in_the_front_matter_is_harmless(tmp_path: Path) -> None:
    """docs/editors.md: a `# yaml-language-server:` line is an ordinary YAML comment."""
    (tmp_path / "post.md").write_text(
        "---\n# yaml-language-server: $schema=../.vscode/clinic-post.schema.json\n" + _as_yaml(BASE) + "---\nТекст.\n",
        encoding="utf-8")
    assert not _loader_verdict(Linter(Config(root=tmp_path), select=list(VERDICT_CODES), today=TODAY), tmp_path / "post.md")


def test_unquoted_yes_in_a_text_field_is_the_documented_yaml_1_1_difference(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("---\n" + _as_yaml(BASE).replace("title: Прививка", "title: yes") + "---\nТекст.\n",
                                      encoding="utf-8")
    assert _loader_verdict(Linter(Config(root=tmp_path), select=list(VERDICT_CODES), today=TODAY), tmp_path / "post.md")


def test_front_matter_cms_content_type_follows_the_schema(tmp_path: Path) -> None:
    from clinic_content.source.frontmatter_cms import STRUCTURED, content_type
    from clinic_content.source.model import PostMeta

    config = Config.from_mapping({"platforms": ["vk", "ok"], "content-roots": ["posts", "stories"]}, root=tmp_path)
    schema = front_matter_schema(config)
    document = content_type(config)
    (kind,) = document["frontMatter.taxonomy.contentTypes"]
    fields = {f["name"]: f for f in kind["fields"]}
    assert set(fields) == set(PostMeta.model_fields) - set(STRUCTURED)
    assert fields["platforms"] == {"title": "platforms", "name": "platforms", "type": "choice",
                                   "choices": ["vk", "ok"], "multiple": True, "required": True}
    assert fields["status"]["choices"] == schema["$defs"]["Status"]["enum"]
    assert fields["category"]["choices"] == schema["$defs"]["Category"]["enum"]
    assert fields["publish_at"]["type"] == "datetime" and fields["publish_at"]["isPublishDate"]
    assert {n for n, f in fields.items() if f.get("required")} == set(schema["required"])
    assert [p["path"] for p in document["frontMatter.content.pageFolders"]] == ["[[workspace]]/posts", "[[workspace]]/stories"]
    # the date picker's format writes what the schema accepts
    assert re.fullmatch(DATE_TIME_PATTERN, "2026-12-01 10:00") and document["frontMatter.taxonomy.dateFormat"] == "yyyy-MM-dd HH:mm"


def test_cli_prints_the_front_matter_cms_content_type(tmp_path: Path) -> None:
    import sys

    run = subprocess.run([sys.executable, "-m", "clinic_content", "schema", "--format", "front-matter-cms"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["frontMatter.taxonomy.contentTypes"][0]["name"] == "clinic-post"


_VALUES = [None, "", "x", 0, 1, 2.5, True, False, "yes", "Off", "2026-12-01", "2026-12-01 10:00",
           "2026-12-01T10:00+03:00", [], ["vk"], ["x", 1], {"a": "b"}, {"": "b"}, {"file": "a.jpg"}, [{"file": "a.jpg"}],
           "vk", "draft", "approved", "cancelled", "education", "ru", "RU", "patients", "drug", {"min_age": 18}]
_FIELDS = [*BASE, "id", "account", "category", "ad", "advertiser", "inn", "erid", "subject", "author", "reviewed_by",
           "sources", "expires", "updated", "consents", "media", "lang", "tags", "audience", "glossary",
           "jurisdiction", "targeting", "lint", "date", "draft", "lastmod", "publishDate"]


def test_schema_and_loader_agree_on_random_documents(tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    validator = _validator(None)
    linter = Linter(Config(root=tmp_path), select=list(VERDICT_CODES), today=TODAY, lang="en")
    post = tmp_path / "post.md"

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.dictionaries(st.sampled_from(_FIELDS), st.sampled_from(_VALUES), max_size=3))
    def agree(change: dict) -> None:
        data = {**BASE, **change}
        post.write_text(f"---\n{_as_yaml(data)}---\nТекст поста.\n", encoding="utf-8")
        assert (not list(validator.iter_errors(data))) is (not _loader_verdict(linter, post)), change

    agree()


@pytest.mark.parametrize("lang, expected", [
    ("ru", ["«завтра» в «publish_at» — не дата", "«maybe» в «ad»: нужно true или false"]),
    ("en", ["'завтра' in 'publish_at' is not a date", "'maybe' in 'ad': use true or false"]),
])
def test_rejected_forms_are_explained_in_the_run_language(tmp_path: Path, lang: str, expected: list[str]) -> None:
    (tmp_path / "post.md").write_text("---\n" + _as_yaml({**BASE, "publish_at": "завтра", "ad": "maybe"}) + "---\nТекст.\n",
                                      encoding="utf-8")
    report = Linter(Config(root=tmp_path), select=["FM003"], today=TODAY, lang=lang).lint_paths([tmp_path / "post.md"])
    messages = [d.message for d in report.diagnostics]
    assert len(messages) == 2 and all(any(m.startswith(e) for m in messages) for e in expected), messages
