// The status-bar item: the project finish and critical-path length of the active plan,
// as the server last reported them (`gantry/status`).
import * as vscode from "vscode";
import type { StatusParams } from "../server/protocol";

export class PlanStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("gantry.status", vscode.StatusBarAlignment.Left, 50);
  private readonly byUri = new Map<string, StatusParams>();
  private readonly changed = new vscode.EventEmitter<StatusParams>();
  /** Fires for every status the server sends. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item.name = "Gantry schedule";
    this.item.command = "gantry.openSchedule";
  }

  update(status: StatusParams): void {
    this.byUri.set(status.uri, status);
    this.changed.fire(status);
    this.show(vscode.window.activeTextEditor);
  }

  get(uri: string): StatusParams | undefined {
    return this.byUri.get(uri);
  }

  /** Shows the status of the editor's plan; keeps the last one while a non-editor (the panel) has focus. */
  show(editor: vscode.TextEditor | undefined): void {
    if (!editor) return;
    const status = editor.document.languageId === "plan" ? this.byUri.get(editor.document.uri.toString()) : undefined;
    if (!status) {
      this.item.hide();
      return;
    }
    const file = vscode.workspace.asRelativePath(editor.document.uri);
    const errors = status.errorCount === 1 ? "1 error" : `${status.errorCount} errors`;
    if (!status.finish) {
      this.item.text = `$(error) No schedule: ${errors}`;
      this.item.tooltip = `Gantry: ${file} has ${errors} and no schedule yet.`;
    } else {
      // With errors, the server's figures are those of the last text that scheduled.
      const icon = status.errorCount > 0 ? "$(warning)" : "$(calendar)";
      const path = status.criticalPathDays !== null ? ` · critical path ${formatDays(status.criticalPathDays)}` : "";
      this.item.text = `${icon} Finish ${status.finish}${path}`;
      this.item.tooltip = `Gantry: project finish and critical-path length (working days) of ${file}` +
        (status.errorCount > 0 ? `, from the last schedule without errors (${errors} now)` : "") + ". Click to open the schedule.";
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}

const formatDays = (days: number): string => `${Number.isInteger(days) ? days : days.toFixed(1)}d`;
