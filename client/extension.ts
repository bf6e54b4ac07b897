// The Gantry extension: starts the plan language server, shows the schedule panel and the
// status-bar summary, and offers the workspace check and chart exports.
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import {
  ScheduleChangedNotification,
  ScheduleRequest,
  SERVER_EXEC_ARGV,
  StatusNotification,
  type ScheduleChangedParams,
  type ScheduleParams,
  type ScheduleResponse,
  type StatusParams,
} from "../server/protocol";
import { SchedulePanel, VIEW_TYPE, type PanelContext } from "./panel";
import { PlanStatus } from "./status";
import { checkWorkspace } from "./check";
import { exportChart } from "./export";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const status = new PlanStatus();
  context.subscriptions.push(status);

  client = createClient(context);
  const lsp = client;
  const panelContext: PanelContext = {
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    fetch: (uri, since) => lsp.sendRequest<ScheduleResponse | null>(ScheduleRequest, { uri, since } satisfies ScheduleParams),
  };
  const openPanel = () => SchedulePanel.show(panelContext);

  context.subscriptions.push(
    lsp.onNotification(StatusNotification, (p: StatusParams) => status.update(p)),
    lsp.onNotification(ScheduleChangedNotification, (p: ScheduleChangedParams) => SchedulePanel.active?.scheduleChanged(p.uri)),
    vscode.window.onDidChangeActiveTextEditor((e) => status.show(e)),
    vscode.commands.registerCommand("gantry.openSchedule", () => {
      openPanel();
    }),
    vscode.commands.registerCommand("gantry.checkWorkspace", () => checkWorkspace(status)),
    vscode.commands.registerCommand("gantry.exportSvg", (target?: string | vscode.Uri) => exportChart(openPanel, "svg", target)),
    vscode.commands.registerCommand("gantry.exportPng", (target?: string | vscode.Uri) => exportChart(openPanel, "png", target)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel) {
        SchedulePanel.revive(panel, panelContext);
      },
    }),
    { dispose: () => SchedulePanel.active?.dispose() },
  );

  status.show(vscode.window.activeTextEditor);
  await lsp.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const watcher = vscode.workspace.createFileSystemWatcher("**/*.plan");
  context.subscriptions.push(watcher);
  const module = context.asAbsolutePath("dist/server.js");
  // IPC transport; the default (non-detached) spawn keeps the server in the editor's process group.
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, "--nolazy", "--inspect=6019"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "plan" }],
    // The server follows gantry.* settings (inlay hints, leveling) from these notifications,
    // and re-analyses the open plans importing a .plan file edited on disk.
    synchronize: { configurationSection: "gantry", fileEvents: watcher },
  };
  return new LanguageClient("gantry", "Gantry Plan Language Server", serverOptions, clientOptions);
}
