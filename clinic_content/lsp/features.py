"""The LSP requests and notifications the server answers (see :mod:`.lsp_server`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.uris import to_fs_path

from ..report.explain import explain_text
from ..ruleset.fixer import apply_edits
from .completion import complete
from .convert import CONFIG_NAMES, FIX_ALL, SOURCE, diagnostic_range, edit_to_lsp
from ..ruleset.registry import find_rule

if TYPE_CHECKING:  # the server imports this module to register the features
    from .server import ContentServer

_POSTS = ("**/*.md", "**/*.markdown")
log = logging.getLogger(__name__)


def _is_post(uri: str) -> bool:
    return uri.lower().endswith((".md", ".markdown"))


def register(server: ContentServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: ContentServer, params: types.InitializeParams) -> None:
        ls.configure(params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ContentServer, params: types.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watch and watch.dynamic_registration:
            globs = [*_POSTS, "**/consents.yaml", *(f"**/{n}" for n in CONFIG_NAMES)]
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in globs])
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                    types.Registration(id="clinic-content-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                       register_options=options)]))
            except Exception as exc:  # the client said it could, then did not: saves still update the calendar
                log.info("file watching not registered: %s", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ContentServer, params: types.DidOpenTextDocumentParams) -> None:
        if _is_post(params.text_document.uri):
            ls.lint_and_publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ContentServer, params: types.DidChangeTextDocumentParams) -> None:
        if _is_post(params.text_document.uri):
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ContentServer, params: types.DidSaveTextDocumentParams) -> None:
        session = ls.session_of.get(params.text_document.uri)
        if session is not None:
            session.file_changed(Path(to_fs_path(params.text_document.uri) or params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ContentServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        session = ls.session_of.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if session is not None:
            path = Path(to_fs_path(uri) or uri)
            session.close(path)
            session.file_changed(path)  # the saved text is what the calendar sees now
            ls.recheck_others(session, uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: ContentServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [Path(to_fs_path(c.uri) or c.uri) for c in params.changes]
        if any(p.name in CONFIG_NAMES for p in paths):
            ls.sessions.clear()  # a new config: start over with every open post
            ls.session_of.clear()
            for uri in list(ls.workspace.text_documents):
                if _is_post(uri):
                    ls.lint_and_publish(uri)
            return
        for session in ls.sessions.values():
            for path in paths:
                session.file_changed(path)  # an open post's editor text still wins over its file
        registry_changed = any(p.suffix in (".yaml", ".yml") for p in paths)
        for session in ls.sessions.values():
            if registry_changed:  # consents feed post rules (PRIV003): lint the open posts again
                for uri in [u for u, s in ls.session_of.items() if s is session]:
                    ls.lint_and_publish(uri)
            else:
                ls.recheck_others(session, None)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls: ContentServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        found = ls.result_of(params.text_document.uri)
        if found is None:
            return []
        session, result = found
        document = ls.workspace.get_text_document(params.text_document.uri)
        ru = session.linter.lang == "ru"
        by_key = {(d.line, d.column, d.code): d for d in result.diagnostics}
        actions: list[types.CodeAction] = []
        wanted = params.context.only
        for sent in params.context.diagnostics:
            data = sent.data if isinstance(sent.data, dict) else {}
            d = by_key.get((data.get("line"), data.get("column"), data.get("code")))
            if sent.source != SOURCE or d is None:
                continue
            for edit in result.fixes.get((d.line, d.column, d.code), []):
                title = f"Исправить: {d.code}" if ru else f"Fix {d.code}"
                actions.append(_action(title, types.CodeActionKind.QuickFix, document, [edit_to_lsp(edit, result, document)],
                                       sent, preferred=True))
            ignore = session.ignore_edit(result, d)
            if ignore is not None:
                edit, where = ignore
                title = {("block", True): f"Не проверять {d.code} в этом абзаце",
                         ("post", True): f"Не проверять {d.code} в этом посте",
                         ("block", False): f"Ignore {d.code} in this block",
                         ("post", False): f"Ignore {d.code} in this post"}[(where, ru)]
                actions.append(_action(title, types.CodeActionKind.QuickFix, document, [edit_to_lsp(edit, result, document)], sent))
        every = [e for edits in result.fixes.values() for e in edits]
        if every and (not wanted or any(FIX_ALL.startswith(_kind(k)) for k in wanted)):
            text = result.post.parsed.source.text  # type: ignore[union-attr]
            whole = types.TextEdit(range=types.Range(types.Position(0, 0), types.Position(len(document.lines), 0)),
                                   new_text=apply_edits(text, every))
            actions.append(_action("Исправить всё (clinic-content)" if ru else "Fix all (clinic-content)", FIX_ALL,
                                   document, [whole]))
        if wanted:
            actions = [a for a in actions if any(_kind(a.kind).startswith(_kind(k)) for k in wanted)]
        return actions

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", ","]))
    def completion(ls: ContentServer, params: types.CompletionParams) -> types.CompletionList | None:
        uri = params.text_document.uri
        if not _is_post(uri):
            return None
        document = ls.workspace.get_text_document(uri)
        try:
            config = (ls.session_of.get(uri) or ls.session_for(Path(to_fs_path(uri) or uri))).config
        except Exception:  # a broken config is reported as a diagnostic; still complete keys
            config = None
        position = document.position_codec.position_from_client_units(document.lines, params.position)
        return types.CompletionList(is_incomplete=False, items=complete(document.lines, position, ls.schema(config)))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ContentServer, params: types.HoverParams) -> types.Hover | None:
        found = ls.result_of(params.text_document.uri)
        if found is None:
            return None
        session, result = found
        document = ls.workspace.get_text_document(params.text_document.uri)
        here = [d for d in result.diagnostics if _contains(diagnostic_range(d, document), params.position)]
        parts = []
        for code in dict.fromkeys(d.code for d in here):
            rule = find_rule(code, session.config.plugins)
            if rule is not None:
                parts.append(f"```text\n{explain_text(rule, session.linter.lang or 'en')}```")
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(parts)))


def _action(title: str, kind: str, document, edits: list[types.TextEdit], diagnostic: types.Diagnostic | None = None,
            preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(
        title=title, kind=kind, diagnostics=[diagnostic] if diagnostic else None, is_preferred=preferred or None,
        edit=types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=document.uri, version=document.version),
            edits=edits)]),
    )


def _kind(kind) -> str:
    """A code action kind as its string ("quickfix"), whether lsprotocol gave an enum or not."""
    return kind.value if hasattr(kind, "value") else str(kind)


def _contains(r: types.Range, p: types.Position) -> bool:
    return (r.start.line, r.start.character) <= (p.line, p.character) <= (r.end.line, r.end.character)

