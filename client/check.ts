// "Gantry: Check Workspace": opens every plan of the workspace so the server analyses it,
// waits for each plan's summary, and shows the Problems panel and the error count.
import * as vscode from "vscode";
import type { PlanStatus } from "./status";

const WAIT_MS = 20_000;

export async function checkWorkspace(status: PlanStatus): Promise<void> {
  const files = await vscode.workspace.findFiles("**/*.plan", "**/node_modules/**");
  if (files.length === 0) {
    void vscode.window.showInformationMessage("Gantry: no .plan files in this workspace.");
    return;
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Gantry: checking ${files.length} plan files` }, async () => {
    const pending = new Set(files.map((f) => f.toString()).filter((uri) => !status.get(uri)));
    const analysed = waitFor(status, pending);
    for (const file of files) await vscode.workspace.openTextDocument(file);
    await analysed;
  });
  // Counted as the Problems panel shows them (a shared file's "not a plan by itself" is not an error there).
  const errors = files.reduce((sum, f) => sum + vscode.languages.getDiagnostics(f).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 0);
  await vscode.commands.executeCommand("workbench.actions.view.problems");
  const summary = `Gantry: checked ${files.length} plan ${files.length === 1 ? "file" : "files"}: ${errors === 0 ? "no errors" : `${errors} ${errors === 1 ? "error" : "errors"}`}.`;
  void (errors === 0 ? vscode.window.showInformationMessage(summary) : vscode.window.showWarningMessage(summary));
}

/** Resolves when the server has reported on every uri in `pending`, or after WAIT_MS. */
function waitFor(status: PlanStatus, pending: Set<string>): Promise<void> {
  return new Promise((resolve) => {
    if (pending.size === 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(done, WAIT_MS);
    const listener = status.onDidChange((s) => {
      pending.delete(s.uri);
      if (pending.size === 0) done();
    });
  });
}
