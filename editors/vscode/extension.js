// A minimal VS Code client for `okr-lint server`: it starts the server for
// Markdown files and lets it lint the *.okr.md / *.okr ones.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("okr-lint").get("path", "okr-lint");
  client = new LanguageClient(
    "okr-lint",
    "okr-lint",
    { command, args: ["server"] },
    {
      documentSelector: [{ scheme: "file", language: "markdown" }, { scheme: "file", pattern: "**/*.okr" }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.okr.md,*.okr,okr-lint.toml,.okr-lint.toml,pyproject.toml}") },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
