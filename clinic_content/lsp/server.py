"""`clinic-content server`: the linter as a language server (LSP over stdio, pygls).

Editors get what ``lint`` prints — same engine, same config discovery, calendar rules
over the whole repository — on open and, debounced, while typing; the ``--fix`` edits
and "ignore this rule here" as code actions; the ``explain`` text on hover. The lint
state lives in :mod:`.lsp_state`; this module only translates to and from LSP.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from ..core import clock
from ..source.config import Config, ConfigError
from ..core.diagnostics import Diagnostic, Severity
from ..report.doc_links import rule_doc_url
from ..source.files import real_path
from .convert import SOURCE, diagnostic_range
from .state import DocumentResult, LintSession
from ..core.packs import PackError
from ..ruleset.registry import find_rule

_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}
log = logging.getLogger(__name__)


class ContentServer(LanguageServer):
    """Sessions per config file, debounced re-lints, and the translation to LSP types."""

    def __init__(self, *, lang: str | None = None, today: datetime | None = None, debounce_ms: int = 200,
                 docs_url: str | None = None) -> None:
        super().__init__("clinic-content", version("clinic-content"),
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.lang, self.today, self.debounce_ms, self.docs_url = lang, today, debounce_ms, docs_url
        self.sessions: dict[Path, LintSession] = {}
        self.session_of: dict[str, LintSession] = {}  # open uri -> its session
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.reported: set[str] = set()  # config errors already shown
        self.loading: set[int] = set()  # sessions whose calendar is being read
        self.schemas: dict[Any, dict[str, Any]] = {}

    def configure(self, options: Any) -> None:
        """``initializationOptions`` from the editor; command-line flags win."""
        if not isinstance(options, dict):
            return
        self.lang = self.lang or (options.get("lang") if options.get("lang") in ("ru", "en") else None)
        self.docs_url = self.docs_url or options.get("docsUrl") or None
        if isinstance(options.get("debounceMs"), int) and options["debounceMs"] >= 0:
            self.debounce_ms = options["debounceMs"]
        if self.today is None and isinstance(options.get("today"), str):
            try:
                self.today = datetime.fromisoformat(options["today"])
            except ValueError:
                pass

    def schema(self, config: Config | None) -> dict[str, Any]:
        """The front-matter schema with this config's platforms (as `clinic-content schema`)."""
        from ..source.schema import front_matter_schema

        key = (config.source_file, tuple(config.platforms), repr(config.accounts)) if config else None
        if key not in self.schemas:
            self.schemas[key] = front_matter_schema(config)
        return self.schemas[key]

    # -- sessions ------------------------------------------------------------

    def session_for(self, path: Path) -> LintSession:
        config = Config.discover(path.parent)
        key = real_path(config.source_file) if config.source_file else real_path(config.root)
        session = self.sessions.get(key)
        if session is not None and self.today is None and session.linter.today.date() != clock.now(config.tz).date():
            session = None  # a new day: deadlines and expiry are judged against today, not the start
        if session is None:
            today = self.today.replace(tzinfo=config.tz) if self.today and self.today.tzinfo is None else self.today
            session = self.sessions[key] = LintSession(config, lang=self.lang, today=today)
        return session

    def lint_and_publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        document = self.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        try:
            session = self.session_for(path)
            before = session.entry(path)
            result = session.lint(path, document.source, wait_for_calendar=False)  # it may still be loading
            if not session.calendar_ready:
                self.load_calendar(session)
        except (ConfigError, PackError) as exc:
            self.publish(document, [_problem(str(exc), "CONFIG")])
            if str(exc) not in self.reported:
                self.reported.add(str(exc))
                self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"clinic-content: {exc}"))
            return
        except Exception as exc:  # a bug of ours must not take the editor's server down
            log.exception("lint failed for %s", uri)
            self.publish(document, [_problem(f"internal error: {type(exc).__name__}: {exc}", "INTERNAL")])
            return
        self.session_of[uri] = session
        self.publish(document, [self.to_lsp(d, document, session) for d in result.diagnostics])
        if session.calendar_changed(path, before):
            self.recheck_others(session, uri)

    def load_calendar(self, session: LintSession) -> None:
        """Read the repository's calendar in a thread; the post rules' findings are already
        out, the calendar rules' follow for every open post of the repository."""
        if id(session) in self.loading:
            return
        self.loading.add(id(session))

        def done(future: asyncio.Future) -> None:
            self.loading.discard(id(session))
            if future.exception() is not None:
                log.error("reading the calendar failed: %s", future.exception())
                self.window_log_message(types.LogMessageParams(types.MessageType.Error,
                                                               f"clinic-content: reading the calendar failed: {future.exception()}"))
                return
            self.recheck_others(session, None)

        asyncio.get_running_loop().run_in_executor(None, session.load_calendar).add_done_callback(done)

    def recheck_others(self, session: LintSession, changed: str | None) -> None:
        """Another post moved in the calendar: re-run the calendar rules for the open ones."""
        for uri, owner in list(self.session_of.items()):
            if owner is session and uri != changed and uri in self.workspace.text_documents:
                result = session.recheck(Path(to_fs_path(uri) or uri))
                if result is not None:
                    document = self.workspace.get_text_document(uri)
                    self.publish(document, [self.to_lsp(d, document, session) for d in result.diagnostics])

    def schedule(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce_ms / 1000, self.lint_and_publish, uri)

    def publish(self, document: TextDocument, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=document.uri, diagnostics=diagnostics, version=document.version))

    def result_of(self, uri: str) -> tuple[LintSession, DocumentResult] | None:
        session = self.session_of.get(uri)
        if session is None:
            return None
        result = session.results.get(real_path(to_fs_path(uri) or uri))
        return (session, result) if result is not None else None

    # -- translation ---------------------------------------------------------

    def to_lsp(self, d: Diagnostic, document: TextDocument, session: LintSession) -> types.Diagnostic:
        rule = find_rule(d.code, session.config.plugins) if d.code not in ("INTERNAL",) else None
        related = [
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=from_fs_path(str(session.config.root / p)) or p, range=_line_range(0)),
                message=p)
            for p in d.related
        ]
        return types.Diagnostic(
            range=diagnostic_range(d, document),
            severity=_SEVERITY[d.severity],
            code=d.code,
            code_description=types.CodeDescription(href=rule_doc_url(rule.id, rule.name, self.docs_url)) if rule else None,
            source=SOURCE,
            message=d.message,
            related_information=related or None,
            data={"line": d.line, "column": d.column, "code": d.code},
        )


def _line_range(line: int) -> types.Range:
    return types.Range(types.Position(line, 0), types.Position(line, 0))


def _problem(message: str, code: str) -> types.Diagnostic:
    return types.Diagnostic(range=_line_range(0), message=message, severity=types.DiagnosticSeverity.Error,
                            code=code, source=SOURCE)


def build_server(**options: Any) -> ContentServer:
    server = ContentServer(**options)
    from .features import register

    register(server)
    return server


def serve(**options: Any) -> int:
    """Run the server on stdin/stdout until the client says exit."""
    build_server(**options).start_io()
    return 0
