// Starts `clinic-content server` (LSP over stdio) for the Markdown posts of the workspace.
// Diagnostics, quick fixes ("Fix", "Ignore … here"), hover and front-matter completion all
// come from the server; this file only launches it with the user's settings.
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function settings() {
  const config = vscode.workspace.getConfiguration("clinicContent");
  const [command, ...args] = config.get("command");
  return {
    command,
    args,
    initializationOptions: {
      lang: config.get("lang") || undefined,
      debounceMs: config.get("debounceMs"),
      docsUrl: config.get("docsUrl") || undefined,
    },
  };
}

async function start() {
  const { command, args, initializationOptions } = settings();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const server = { command, args, transport: TransportKind.stdio, options: { cwd: folder } };
  client = new LanguageClient("clinicContent", "clinic-content", server, {
    documentSelector: [{ scheme: "file", language: "markdown" }],
    initializationOptions,
  });
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("clinicContent.restart", async () => {
      if (client) await client.stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("clinicContent") && client) {
        await client.stop();
        await start();
      }
    }),
  );
  await start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
