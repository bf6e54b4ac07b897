// The schedule panel host: a webview beside the active plan that shows its Gantt chart
// (webview/main.ts draws it). It follows the active plan editor, forwards fresh schedules
// and the cursor's task, reveals tasks clicked in the chart, and runs exports.
import * as vscode from "vscode";
import { randomBytes } from "node:crypto";
import { isWebviewMessage, type HostMessage, type WebviewMessage, type Zoom } from "../webview/protocol";
import type { ScheduleResponse } from "../server/protocol";
import { applyScheduleDelta } from "../core/json-delta";
import { coalesce } from "./coalesce";
import { taskAt, taskById } from "./tasks";

export const VIEW_TYPE = "gantry.schedule";
const EXPORT_TIMEOUT_MS = 15_000;

/** What a panel needs from the extension. */
export interface PanelContext {
  extensionUri: vscode.Uri;
  /** Where schedules come from (the language server); `since`: the `resultId` of the one held. */
  fetch(uri: string, since?: string): Promise<ScheduleResponse | null>;
  /** Remembers which plan the panel follows, for restoring it after a window reload. */
  workspaceState: vscode.Memento;
}
const FOLLOWED_KEY = "gantry.schedulePanel.document";

type ExportFormat = "svg" | "png";
interface PendingExport {
  format: ExportFormat;
  resolve(data: string): void;
  reject(error: Error): void;
}

export class SchedulePanel implements vscode.Disposable {
  private static current: SchedulePanel | undefined;

  private document: vscode.Uri | undefined;
  /** The latest schedule of the followed plan, whole (differences applied). */
  private schedule: ScheduleResponse | undefined;
  /** The `resultId` of the schedule the current webview holds: the next one goes to it as a difference. */
  private posted: string | undefined;
  /** The webview's script runs (it said "ready"); false again once hidden, as hiding discards it. */
  private ready = false;
  /** The current webview has been sent a schedule. */
  private drawn = false;
  /** Exports wait until the chart has a schedule to draw. */
  private readonly shownWaiters: (() => void)[] = [];
  private pendingExport: PendingExport | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens the panel beside the active plan, or reveals it. */
  static show(ctx: PanelContext): SchedulePanel {
    if (SchedulePanel.current) {
      SchedulePanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return SchedulePanel.current;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, "Schedule", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(ctx.extensionUri));
    return new SchedulePanel(panel, ctx, activePlan());
  }

  /** Re-attaches a panel that VS Code restored after a window reload (the webview keeps its own UI state). */
  static revive(panel: vscode.WebviewPanel, ctx: PanelContext): SchedulePanel {
    SchedulePanel.current?.dispose();
    const saved = ctx.workspaceState.get<string>(FOLLOWED_KEY);
    return new SchedulePanel(panel, ctx, saved ? vscode.Uri.parse(saved) : activePlan());
  }

  static get active(): SchedulePanel | undefined {
    return SchedulePanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly ctx: PanelContext,
    document: vscode.Uri | undefined,
  ) {
    SchedulePanel.current = this;
    panel.webview.options = webviewOptions(ctx.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(ctx.extensionUri, "media", "icon.png");
    panel.webview.html = this.html();
    this.follow(document);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) {
          this.ready = this.drawn = false;
          this.posted = undefined;
        }
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.languageId === "plan") this.follow(e.document.uri);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this.document?.toString()) this.highlight(e.textEditor);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("gantry.panel.defaultZoom")) this.post(configMessage());
      }),
    );
  }

  /** The server says `uri` has a new analysis. */
  scheduleChanged(uri: string): void {
    if (uri === this.document?.toString()) void this.refresh();
  }

  /** Asks the chart for an export; resolves with SVG text or base64 PNG. */
  export(format: ExportFormat): Promise<string> {
    this.pendingExport?.reject(new Error("superseded by a newer export"));
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`the schedule panel did not export ${format} within ${EXPORT_TIMEOUT_MS / 1000}s`)), EXPORT_TIMEOUT_MS);
      const finish = (error: Error | null, data?: string) => {
        clearTimeout(timer);
        if (this.pendingExport === pending) this.pendingExport = undefined;
        if (error) reject(error);
        else resolve(data!);
      };
      const pending: PendingExport = { format, resolve: (d) => finish(null, d), reject: (e) => finish(e) };
      this.pendingExport = pending;
      this.whenShown(() => this.pendingExport === pending && this.post({ type: "export", format }));
    });
  }

  dispose(): void {
    if (SchedulePanel.current === this) SchedulePanel.current = undefined;
    this.pendingExport?.reject(new Error("the schedule panel was closed"));
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private follow(document: vscode.Uri | undefined): void {
    if (!document || document.toString() === this.document?.toString()) return;
    this.document = document;
    this.schedule = undefined;
    this.drawn = false; // an export waits for this plan's chart
    void this.ctx.workspaceState.update(FOLLOWED_KEY, document.toString());
    this.panel.title = `Schedule: ${document.path.split("/").pop()}`;
    void this.refresh();
  }

  /** Fetches and shows the followed plan's schedule: one fetch at a time, the last one after the last request. */
  private readonly refresh = coalesce(() => this.fetchSchedule());

  private async fetchSchedule(): Promise<void> {
    const uri = this.document?.toString();
    if (!uri || !this.ready) return;
    const held = this.schedule;
    const response = await this.ctx.fetch(uri, held?.resultId).catch(() => null);
    // Only an answer for the document still followed is shown.
    if (!response || uri !== this.document?.toString()) return;
    const data = response.delta ? held?.data && applyScheduleDelta(held.data, response.delta) : response.data;
    if (!data) return;
    this.schedule = { ...response, data, delta: undefined };
    const about = { uri, version: response.version, stale: response.stale, errorCount: response.errorCount, today: today() };
    // The webview holds the schedule the difference is from: it gets the difference too.
    const webviewHas = response.delta && this.posted !== undefined && this.posted === held?.resultId;
    this.post(webviewHas ? { type: "scheduleDelta", ...about, delta: response.delta! } : { type: "schedule", ...about, data });
    if (this.ready) this.posted = response.resultId;
    this.drawn = true;
    for (const wake of this.shownWaiters.splice(0)) wake();
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    if (editor) this.highlight(editor);
  }

  private highlight(editor: vscode.TextEditor): void {
    if (!this.schedule?.data) return;
    const at = editor.selection.active;
    const task = taskAt(this.schedule.data, editor.document.uri.toString(), at.line, at.character);
    this.post({ type: "highlight", taskId: task?.id ?? null });
  }

  private receive(raw: unknown): void {
    if (!isWebviewMessage(raw)) return; // untrusted input
    const message: WebviewMessage = raw;
    switch (message.type) {
      case "ready":
        this.ready = true;
        this.posted = undefined; // a new webview: it holds no schedule yet
        this.post(configMessage());
        void this.refresh();
        break;
      case "reveal":
        void this.reveal(message.taskId);
        break;
      case "exported":
        if (this.pendingExport?.format === message.format) this.pendingExport.resolve(message.data);
        break;
      case "requestExport":
        void vscode.commands.executeCommand(message.format === "svg" ? "gantry.exportSvg" : "gantry.exportPng");
        break;
    }
  }

  private async reveal(taskId: string): Promise<void> {
    const task = this.schedule?.data ? taskById(this.schedule.data, taskId) : null;
    if (!task) return;
    const uri = vscode.Uri.parse(task.source.uri);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const range = new vscode.Range(task.source.line, task.source.col, task.source.endLine, task.source.endCol);
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    // Anchored at the end so the cursor (and the status bar's Ln/Col) sits on the declaration.
    editor.selection = new vscode.Selection(range.end, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private whenShown(then: () => void): void {
    if (this.drawn) then();
    else this.shownWaiters.push(then);
  }

  private post(message: HostMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extensionUri, "dist", name));
    const nonce = randomBytes(16).toString("base64");
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data: blob:`,
    ].join("; ");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset("webview.css")}">
<title>Schedule</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${asset("webview.js")}"></script>
</body>
</html>`;
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist"), vscode.Uri.joinPath(extensionUri, "media")],
  };
}

/** The active plan editor's document, else the first plan in sight. */
function activePlan(): vscode.Uri | undefined {
  const isPlan = (e: vscode.TextEditor | undefined) => e?.document.languageId === "plan";
  const editor = isPlan(vscode.window.activeTextEditor) ? vscode.window.activeTextEditor : vscode.window.visibleTextEditors.find(isPlan);
  return editor?.document.uri;
}

function configMessage(): HostMessage {
  const zoom = vscode.workspace.getConfiguration("gantry").get<Zoom>("panel.defaultZoom", "week");
  return { type: "config", defaultZoom: zoom };
}

/** Today as the webview's "today" line: the local calendar day, ISO. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
