"""`clinic-content server` driven by a real LSP client over stdio (pytest-lsp): the server
runs as a subprocess exactly as an editor starts it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

WARNING = "Имеются противопоказания. Необходима консультация специалиста."
CONFIG = f"""lang = "en"
content-roots = ["posts"]
platforms = ["vk", "telegram"]

[clinic]
legal-name = "ООО «Клиника Сосна»"
inn = "7701234567"
license = "Л041-01137-77/00234567"

[rules.ADV001]
warning-text = "{WARNING}"
"""
AD = """---
title: Осенняя скидка на гастроскопию
publish_at: 2026-12-08 12:00
platforms: [vk]
status: approved
category: promo
ad: true
subject: medical_service
advertiser: ООО «Клиника Сосна», ИНН 7701234567
erid: 4XkqwT9p2b
expires: 2026-12-31
author: Ольга Лебедева
---
Реклама. ООО «Клиника Сосна», ИНН 7701234567, erid: 4XkqwT9p2b.

До конца декабря гастроскопию во сне можно пройти со скидкой пятнадцать процентов.
Запишитесь через сайт или в регистратуре.
"""
EDUCATION = """---
title: Как подготовиться к гастроскопии
publish_at: {when}
platforms: [vk]
status: approved
category: education
reviewed_by: Петров Игорь Николаевич
sources: ["Клинические рекомендации «Гастрит и дуоденит», 2024"]
author: Ольга Лебедева
---
Перед гастроскопией не ешьте восемь часов и не пейте за два часа до исследования.
Лекарства, которые вы принимаете постоянно, обсудите с врачом заранее.
"""


def _recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping each document's last published diagnostics *with*
    their version: the server publishes the post rules' findings first and the calendar's
    when it has read the repository, so a test waits for the state it expects."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = {}

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published[params.uri] = params

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    return client


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lsp-repo")
    (root / "posts").mkdir()
    (root / ".clinic-content.toml").write_text(CONFIG, encoding="utf-8")
    (root / "posts" / "prep.md").write_text(EDUCATION.format(when="2026-12-08 13:00"), encoding="utf-8")
    return root


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "clinic_content", "server", "--today", "2026-11-22", "--debounce-ms", "20"],
    client_factory=_recording_client))
async def client(lsp_client: LanguageClient, repo: Path):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # the server watches the posts on disk
        lsp_client.registrations = params.registrations

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=repo.as_uri(),
        initialization_options={"docsUrl": "https://docs.example/rules.md"}))
    yield
    await lsp_client.shutdown_session()


async def _until(client: LanguageClient, uri: str, expected, version: int = 1) -> list[types.Diagnostic]:
    """The diagnostics of ``uri`` once those of ``version`` (or later) satisfy ``expected``."""
    for _ in range(1500):
        params = client.published.get(uri)
        if params is not None and (params.version or 0) >= version and expected(params.diagnostics):
            return params.diagnostics
        await asyncio.sleep(0.02)
    raise AssertionError(f"{uri}: never {expected.__doc__ or 'as expected'}: {client.published.get(uri)}")


def _has(code: str, text: str = ""):
    def check(diagnostics) -> bool:
        return any(d.code == code and text in d.message for d in diagnostics)

    check.__doc__ = f"has {code}"
    return check


def _lacks(code: str):
    def check(diagnostics) -> bool:
        return not any(d.code == code for d in diagnostics)

    check.__doc__ = f"lacks {code}"
    return check


def _open(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (Cyrillic stays in the BMP, so UTF-16 units are characters here)."""
    lines = text.splitlines(keepends=True) + [""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a = starts[min(edit.range.start.line, len(lines))] + edit.range.start.character
        b = starts[min(edit.range.end.line, len(lines))] + edit.range.end.character
        text = text[:a] + edit.new_text + text[b:]
    return text


@pytest.mark.asyncio
async def test_open_change_and_quick_fix(client: LanguageClient, repo: Path) -> None:
    uri = (repo / "posts" / "promo.md").as_uri()
    _open(client, uri, AD)
    found = await _until(client, uri, _has("ADV001"))
    adv = [d for d in found if d.code == "ADV001"]
    assert adv, [d.code for d in found]
    d = adv[0]
    assert d.severity == types.DiagnosticSeverity.Error and d.source == "clinic-content"
    assert d.code_description is not None and d.code_description.href.startswith("https://docs.example/rules.md#adv001-")
    assert "Contraindications" in d.message or "warning" in d.message.lower()  # lang = "en" from the config

    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=d.range.start))
    assert hover is not None and "ADV001 (" in hover.contents.value and "38-FZ" in hover.contents.value

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[d])))
    fix = next(a for a in actions if a.title == "Fix ADV001")
    (fix_all,) = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    assert fix_all.kind == "source.fixAll.clinic-content"
    assert _apply(AD, fix_all.edit.document_changes[0].edits).rstrip().endswith(WARNING)
    ignore = next(a for a in actions if a.title.startswith("Ignore ADV001"))
    edits = fix.edit.document_changes[0].edits
    fixed = _apply(AD, edits)
    assert fixed.rstrip().endswith(WARNING)

    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    await _until(client, uri, _lacks("ADV001"), version=2)

    # "ignore this rule here" suppresses it too, when applied to the unfixed text
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[types.TextDocumentContentChangeWholeDocument(
            text=_apply(AD, ignore.edit.document_changes[0].edits))]))
    await _until(client, uri, _lacks("ADV001"), version=3)



@pytest.mark.asyncio
async def test_calendar_findings_follow_unsaved_edits_of_another_post(client: LanguageClient, repo: Path) -> None:
    prep, promo = (repo / "posts" / "prep.md").as_uri(), (repo / "posts" / "promo.md").as_uri()
    _open(client, prep, (repo / "posts" / "prep.md").read_text(encoding="utf-8"))
    await _until(client, prep, _lacks("CAL004"))
    _open(client, promo, AD)  # not saved: only the editor has it; prep.md is one hour later on VK
    await _until(client, prep, _has("CAL004", "promo.md"))
    moved = AD.replace("publish_at: 2026-12-08 12:00", "publish_at: 2026-12-09 12:00")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=promo, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=moved)]))
    await _until(client, prep, _lacks("CAL004"))


@pytest.mark.asyncio
async def test_personal_data_is_masked_in_messages(client: LanguageClient, repo: Path) -> None:
    uri = (repo / "posts" / "review.md").as_uri()
    text = EDUCATION.format(when="2026-12-20 12:00") + "\nПациентка оставила номер +7 912 345-67-89 для связи.\n"
    _open(client, uri, text)
    found = await _until(client, uri, _has("PRIV007"))
    pd = [d for d in found if d.code == "PRIV007"]
    assert pd
    assert all("345-67" not in d.message and "912 345" not in d.message for d in found)


@pytest.mark.asyncio
async def test_front_matter_completion_from_the_schema(client: LanguageClient, repo: Path) -> None:
    uri = (repo / "posts" / "new.md").as_uri()
    text = "---\ntitle: Новый пост\nsta\ncategory: \nplatforms: [vk, \n---\nТекст.\n"
    _open(client, uri, text)
    await _until(client, uri, lambda diagnostics: True)

    async def labels(line: int, character: int) -> set[str]:
        found = await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, character)))
        return {item.label for item in (found.items if found else [])}

    keys = await labels(2, 3)
    assert "status" in keys and "title" not in keys  # a key already written is not offered again
    assert {"education", "promo", "case_study"} <= await labels(3, 10)
    assert await labels(4, 16) == {"vk", "telegram"}  # the clinic's platforms from the config
    assert not await labels(6, 3)  # the body: nothing


@pytest.mark.asyncio
async def test_files_changed_on_disk_update_the_calendar(client: LanguageClient, repo: Path) -> None:
    """A post created outside the editor (git pull, another program) reaches the calendar
    through workspace/didChangeWatchedFiles, which the server registered for."""
    for _ in range(500):  # the server registers the watchers once initialized
        if any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in getattr(client, "registrations", [])):
            break
        await asyncio.sleep(0.02)
    else:
        raise AssertionError("the server did not ask to watch the posts")
    uri = (repo / "posts" / "alone.md").as_uri()
    _open(client, uri, EDUCATION.format(when="2026-12-15 10:00").replace("platforms: [vk]", "platforms: [telegram]"))
    await _until(client, uri, _lacks("CAL004"))
    other = repo / "posts" / "pulled.md"
    other.write_text(EDUCATION.format(when="2026-12-15 09:30").replace("platforms: [vk]", "platforms: [telegram]")
                     .replace("Перед гастроскопией", "Накануне гастроскопии"), encoding="utf-8")
    try:
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=other.as_uri(), type=types.FileChangeType.Created)]))
        await _until(client, uri, _has("CAL004", "pulled.md"))
        other.unlink()
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=other.as_uri(), type=types.FileChangeType.Deleted)]))
        await _until(client, uri, _lacks("CAL004"))
    finally:
        other.unlink(missing_ok=True)
