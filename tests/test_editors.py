"""editors/vscode: the extension starts `clinic-content server` with the user's settings,
checked by running extension.js under Node with stand-ins for the VS Code modules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO

EXTENSION = REPO / "editors" / "vscode"
STUBS = {
    "vscode/index.js": """
const settings = { command: ["/venv/bin/clinic-content", "server"], lang: "en", debounceMs: 50, docsUrl: null };
module.exports = {
  workspace: { getConfiguration: () => ({ get: (k) => settings[k] }), workspaceFolders: [{ uri: { fsPath: "/repo" } }],
               onDidChangeConfiguration: () => ({}) },
  commands: { registerCommand: (name) => { global.commands.push(name); return {}; } },
};""",
    "vscode-languageclient/node.js": """
class LanguageClient {
  constructor(id, name, server, options) { global.started.push({ id, server, options }); }
  async start() {} async stop() {}
}
module.exports = { LanguageClient, TransportKind: { stdio: 0 } };""",
}
DRIVER = """
global.started = []; global.commands = [];
const ext = require(process.argv[1]);
ext.activate({ subscriptions: [] }).then(() => console.log(JSON.stringify({ started, commands })));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_extension_starts_the_server_with_the_settings(tmp_path: Path) -> None:
    for name, code in STUBS.items():
        target = tmp_path / "node_modules" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(code, encoding="utf-8")
    shutil.copy(EXTENSION / "extension.js", tmp_path / "extension.js")
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME")}  # CI's faketime run
    out = subprocess.run(["node", "-e", DRIVER, str(tmp_path / "extension.js")], capture_output=True, text=True,
                         check=True, env=env).stdout  # no timeout: its wait loop breaks under libfaketime
    result = json.loads(out)
    (client,) = result["started"]
    assert client["server"]["command"] == "/venv/bin/clinic-content" and client["server"]["args"] == ["server"]
    assert client["server"]["options"]["cwd"] == "/repo"
    assert client["options"]["documentSelector"] == [{"scheme": "file", "language": "markdown"}]
    assert client["options"]["initializationOptions"] == {"lang": "en", "debounceMs": 50}  # what ContentServer.configure reads
    assert result["commands"] == ["clinicContent.restart"]


def test_manifest_settings_match_the_extension() -> None:
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    settings = manifest["contributes"]["configuration"]["properties"]
    assert manifest["main"] == "./extension.js" and "vscode-languageclient" in manifest["dependencies"]
    assert settings["clinicContent.command"]["default"] == ["clinic-content", "server"]
    code = (EXTENSION / "extension.js").read_text(encoding="utf-8")
    for key in settings:
        assert f'config.get("{key.split(".", 1)[1]}")' in code, key
