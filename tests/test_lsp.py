"""`clinic-content server` driven by a real LSP client over stdio (pytest-lsp): the server
runs as a subprocess exactly as an editor starts it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

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


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lsp-repo")
    (root / "posts").mkdir()
    (root / ".clinic-content.toml").write_text(CONFIG, encoding="utf-8")
    (root / "posts" / "prep.md").write_text(EDUCATION.format(when="2026-12-08 13:00"), encoding="utf-8")
    return root


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "clinic_content", "server", "--today", "2026-11-22", "--debounce-ms", "20"]))
async def client(lsp_client: LanguageClient, repo: Path):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # the server watches the posts on disk
        lsp_client.registrations = params.registrations

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=repo.as_uri(),
        initialization_options={"docsUrl": "https://docs.example/rules.md"}))
    yield
    await lsp_client.shutdown_session()


async def _next(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The next diagnostics published for ``uri`` (each publish is taken once)."""
    for _ in range(1500):
        if uri in client.diagnostics:
            return client.diagnostics.pop(uri)
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri}")


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
    found = await _next(client, uri)
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
    ignore = next(a for a in actions if a.title.startswith("Ignore ADV001"))
    edits = fix.edit.document_changes[0].edits
    fixed = _apply(AD, edits)
    assert fixed.rstrip().endswith(WARNING)

    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    after = await _next(client, uri)
    assert not [x for x in after if x.code == "ADV001"]

    # "ignore this rule here" suppresses it too, when applied to the unfixed text
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[types.TextDocumentContentChangeWholeDocument(
            text=_apply(AD, ignore.edit.document_changes[0].edits))]))
    ignored = await _next(client, uri)
    assert not [x for x in ignored if x.code == "ADV001"]



@pytest.mark.asyncio
async def test_calendar_findings_follow_unsaved_edits_of_another_post(client: LanguageClient, repo: Path) -> None:
    prep, promo = (repo / "posts" / "prep.md").as_uri(), (repo / "posts" / "promo.md").as_uri()
    _open(client, prep, (repo / "posts" / "prep.md").read_text(encoding="utf-8"))
    assert not any(d.code == "CAL004" for d in await _next(client, prep))
    _open(client, promo, AD)  # not saved: only the editor has it; prep.md is one hour later on VK
    await _next(client, promo)
    assert any(d.code == "CAL004" and "promo.md" in d.message for d in await _next(client, prep))
    moved = AD.replace("publish_at: 2026-12-08 12:00", "publish_at: 2026-12-09 12:00")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=promo, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=moved)]))
    await _next(client, promo)
    assert not any(d.code == "CAL004" for d in await _next(client, prep))


@pytest.mark.asyncio
async def test_personal_data_is_masked_in_messages(client: LanguageClient, repo: Path) -> None:
    uri = (repo / "posts" / "review.md").as_uri()
    text = EDUCATION.format(when="2026-12-20 12:00") + "\nПациентка оставила номер +7 912 345-67-89 для связи.\n"
    _open(client, uri, text)
    found = await _next(client, uri)
    pd = [d for d in found if d.code == "PRIV007"]
    assert pd
    assert all("345-67" not in d.message and "912 345" not in d.message for d in found)


@pytest.mark.asyncio
async def test_front_matter_completion_from_the_schema(client: LanguageClient, repo: Path) -> None:
    uri = (repo / "posts" / "new.md").as_uri()
    text = "---\ntitle: Новый пост\nsta\ncategory: \nplatforms: [vk, \n---\nТекст.\n"
    _open(client, uri, text)
    await _next(client, uri)

    async def labels(line: int, character: int) -> set[str]:
        found = await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, character)))
        return {item.label for item in (found.items if found else [])}

    keys = await labels(2, 3)
    assert "status" in keys and "title" not in keys  # a key already written is not offered again
    assert {"education", "promo", "case_study"} <= await labels(3, 10)
    assert await labels(4, 16) == {"vk", "telegram"}  # the clinic's platforms from the config
    assert not await labels(6, 3)  # the body: nothing
