// Runs inside VS Code's extension host (see run.ts): a few checks through the public API,
// without mocha: each check is an async function, failures are collected and reported.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";

const PLAN = "software-release.plan";

async function until<T>(read: () => T | PromiseLike<T>, accept: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100)); // polling interval of a bounded wait
  }
}

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, "the test workspace is open");
  return f.uri;
}

async function openPlan(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), PLAN));
  return vscode.window.showTextDocument(doc);
}

const checks: Record<string, () => Promise<void>> = {
  async "activates on a plan file and gives it the plan language"() {
    const editor = await openPlan();
    assert.equal(editor.document.languageId, "plan");
    const ext = vscode.extensions.getExtension("gantry.gantry");
    assert.ok(ext, "the extension is installed");
    await until(() => ext.isActive, Boolean, "activation");
  },

  async "reports an unknown task as an error diagnostic"() {
    const editor = await openPlan();
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\ntask e2e_broken "Broken" { duration 1d  after no_such_task }\n'));
    const diags = await until(() => vscode.languages.getDiagnostics(editor.document.uri), (d) => d.some((x) => x.message.includes("no_such_task")), "the diagnostic");
    const d = diags.find((x) => x.message.includes("no_such_task"))!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(String(typeof d.code === "object" ? d.code.value : d.code), /^GANTRY2\d\d$/);
    await vscode.commands.executeCommand("undo");
  },

  async "completes the declared resources after assign"() {
    const editor = await openPlan();
    const text = editor.document.getText();
    const company = readFileSync(join(folder().fsPath, "shared", "company.plan"), "utf8");
    const resources = [...`${text}\n${company}`.matchAll(/^\s*resource\s+(\w+)/gm)].map((m) => m[1]);
    const line = editor.document.lineCount;
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), "\ntask extra { effort 2d  assign  }"));
    const list = await until(
      () => vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", editor.document.uri, new vscode.Position(line + 1, "task extra { effort 2d  assign ".length)),
      (l) => l.items.length > 0,
      "completion items",
    );
    const labels = list.items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
    for (const r of resources) assert.ok(labels.includes(r!), `completion offers ${r}`);
    await vscode.commands.executeCommand("undo");
  },

  async "exports the schedule as SVG to a given path, one bar per declared task"() {
    const editor = await openPlan();
    const target = vscode.Uri.joinPath(folder(), "schedule.svg");
    await vscode.commands.executeCommand("gantry.exportSvg", target.fsPath);
    const svg = Buffer.from(await vscode.workspace.fs.readFile(target)).toString("utf8");
    assert.match(svg, /^(<\?xml[^>]*>\s*)?<svg[\s>]/);
    const declared = editor.document.getText().match(/^\s*(task|milestone)\s+\w+/gm) ?? [];
    const bars = new Set(svg.match(/<g class="task" data-id="[^"]+"/g) ?? []);
    assert.equal(bars.size, declared.length);
  },
};

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check();
      console.log(`  ok  ${name}`);
    } catch (error) {
      failures.push(name);
      console.error(`  FAIL ${name}\n${(error as Error).stack ?? error}`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${Object.keys(checks).length} checks failed`);
}
