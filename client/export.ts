// "Gantry: Export Schedule as SVG/PNG": the panel renders the whole chart; the extension
// writes it to the path given (tests) or to the one the user picks.
import * as vscode from "vscode";
import type { SchedulePanel } from "./panel";

export async function exportChart(openPanel: () => SchedulePanel, format: "svg" | "png", target?: string | vscode.Uri): Promise<vscode.Uri | undefined> {
  const panel = openPanel();
  let data: string;
  try {
    data = await panel.export(format);
  } catch (error) {
    void vscode.window.showErrorMessage(`Gantry: export failed: ${(error as Error).message}`);
    return undefined;
  }
  const uri = typeof target === "string" ? vscode.Uri.file(target) : target ?? (await pickTarget(format));
  if (!uri) return undefined;
  const bytes = format === "svg" ? Buffer.from(data, "utf8") : Buffer.from(data.replace(/^data:image\/png;base64,/, ""), "base64");
  await vscode.workspace.fs.writeFile(uri, bytes);
  if (!target) void vscode.window.showInformationMessage(`Gantry: schedule exported to ${vscode.workspace.asRelativePath(uri)}.`);
  return uri;
}

function pickTarget(format: "svg" | "png"): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `schedule.${format}`) : undefined,
    filters: format === "svg" ? { "SVG image": ["svg"] } : { "PNG image": ["png"] },
    title: `Export schedule as ${format.toUpperCase()}`,
  });
}
