// Gantry in a real VS Code: the packaged .vsix installed into code-server, driven in
// Chromium like a person would (keyboard, Quick Open, command palette, mouse), checked
// against what the engine computes from the same files. Screenshots of every step go to
// test-output/e2e/. Needs `bash scripts/setup-e2e.sh` (npm test runs it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startCodeServer, type CodeServer } from "./codeServer";
import { Workbench, until } from "./workbench";
import { declaredResources, hoursBetween, leafWithSuccessor, renameIdentifier, scheduleOf } from "./planText";
import { formatPlan } from "../../core/format";
import type { ScheduleJson, TaskJson } from "../../core/json";

const root = join(__dirname, "..", "..");
const out = join(root, "test-output", "e2e");
const PLAN = process.env.GANTRY_E2E_PLAN ?? "software-release.plan";
/** Dark Modern, VS Code's default theme: the colours of the TextMate scopes. */
const THEME = { keyword: "rgb(86, 156, 214)", string: "rgb(206, 145, 120)", number: "rgb(181, 206, 168)", comment: "rgb(106, 153, 85)" };
/** Its colours of semantic token types. */
const SEMANTIC = { function: "rgb(220, 220, 170)" };

let server: CodeServer;
let wb: Workbench;
let planFile: string;

const read = () => readFileSync(planFile, "utf8");
const schedule = (): ScheduleJson => scheduleOf(planFile, server.workspace);
const taskOnLine = (data: ScheduleJson, line: number): TaskJson => {
  const t = data.tasks.find((x) => x.source.uri.endsWith(`/${PLAN}`) && x.source.line === line);
  if (!t) throw new Error(`no task declared on line ${line + 1}`);
  return t;
};

/** The SVG scale of the Gantt chart and a bar's left edge. */
async function barX(id: string): Promise<{ x: number; t0: string; pxPerHour: number } | null> {
  const svg = wb.webview.locator("svg[data-t0]").first();
  const bar = wb.webview.locator(`g.task[data-id="${id}"] .bar`).first();
  if (!(await bar.count()) || !(await svg.count())) return null;
  const [x, t0, px] = await Promise.all([bar.getAttribute("x"), svg.getAttribute("data-t0"), svg.getAttribute("data-px-per-hour")]);
  return x === null || t0 === null || px === null ? null : { x: Number(x), t0, pxPerHour: Number(px) };
}
/** Where the chart must draw a task that starts at `start`. */
const expectedX = (at: { t0: string; pxPerHour: number }, start: string) => hoursBetween(at.t0, start) * at.pxPerHour;

/** Clicks an export button of the panel and accepts the save dialog's proposed path; returns the file. */
async function exportThroughDialog(button: string, fileName: string, complete: (b: Buffer) => boolean): Promise<Buffer> {
  const target = join(server.workspace, fileName);
  await wb.webview.locator("button", { hasText: button }).click();
  const input = wb.page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ timeout: 15_000 });
  await expect.poll(() => input.inputValue()).toMatch(new RegExp(`${fileName.replace(".", "\\.")}$`));
  await wb.keyboard.press("Enter");
  return until(() => Promise.resolve(existsSync(target) ? readFileSync(target) : Buffer.alloc(0)), complete, 20_000, `${fileName} on disk`);
}

describe("Gantry in VS Code (code-server)", () => {
  beforeAll(async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    execFileSync("npm", ["run", "package"], { cwd: root, stdio: "pipe", timeout: 180_000 });
    server = await startCodeServer({ vsix: join(root, "dist", "gantry.vsix"), sources: [join(root, "examples")], logFile: join(out, "code-server.log") });
    planFile = join(server.workspace, PLAN);
    wb = await Workbench.open(server.url, out);
  });

  afterAll(async () => {
    await wb?.close();
    // The extension host's and language server's logs, for reading a failure.
    const logs = server && join(server.userDataDir, "logs");
    if (logs && existsSync(logs)) cpSync(logs, join(out, "logs"), { recursive: true });
    await server?.stop();
  });

  it("packages a .vsix with the bundles and language assets only", () => {
    const files = execFileSync("unzip", ["-Z1", join(root, "dist", "gantry.vsix")], { encoding: "utf8" }).trim().split("\n");
    const shipped = files.filter((f) => f.startsWith("extension/")).map((f) => f.slice("extension/".length)).sort();
    expect(shipped.filter((f) => f.includes("node_modules") || /\.(ts|map)$/.test(f))).toEqual([]);
    for (const f of ["package.json", "dist/client.js", "dist/server.js", "dist/webview.js", "dist/webview.css", "media/icon.png", "grammar/plan.tmLanguage.json", "snippets/plan.json", "language-configuration.json", "LICENSE.txt"]) {
      expect(shipped).toContain(f);
    }
  });

  it("opens an example plan with Quick Open", async () => {
    await wb.quickOpen(PLAN);
    const firstLine = read().split("\n")[0]!;
    await expect.poll(() => wb.editor.locator(".view-line").first().innerText()).toBe(firstLine.replace(/ /g, "\u00a0"));
    await wb.screenshot("01-open");
  });

  it("colours keywords, strings, dates and comments with the TextMate grammar", async () => {
    const text = read();
    const name = /^project\s+"([^"]+)"/m.exec(text)![1]!;
    const start = /^\s*start\s+(\d{4}-\d\d-\d\d)/m.exec(text)![1]!;
    // A span may hold a whole string with its quotes, or only its inside.
    const find = <T extends { text: string }>(ts: T[], text: string) => ts.find((t) => t.text.trim() === text || t.text.trim() === `"${text}"`);
    const tokens = await until(() => wb.tokens(), (ts) => !!find(ts, "project") && !!find(ts, name), 15_000, "the project line");
    const colour = (text: string) => find(tokens, text)?.color;
    expect(colour("project")).toBe(THEME.keyword);
    expect(colour(name)).toBe(THEME.string);
    expect(colour(start)).toBe(THEME.number);
    expect(tokens.find((t) => t.text.startsWith("#"))?.color).toBe(THEME.comment);
    await wb.screenshot("02-colours");
  });

  it("closes and indents a block as it is typed (language configuration)", async () => {
    const before = read();
    await wb.keyboard.press("Control+1");
    await wb.keyboard.press("Control+End");
    await wb.type('\ntask e2e_block "Block" {');
    await wb.type("\nduration 2d");
    await wb.save();
    expect(read().slice(before.length)).toBe('\ntask e2e_block "Block" {\n  duration 2d\n}');
    await wb.screenshot("03-indent");
  });

  it("reports a reference to an unknown task in the Problems panel, and clears it when fixed", async () => {
    await wb.keyboard.press("Control+Shift+M"); // the Problems panel first, so the editor scrolls to what is typed
    await wb.keyboard.press("Control+1");
    await wb.keyboard.press("Control+End");
    await wb.type('\ntask e2e_broken "Broken" { duration 1d  after no_such_task }');
    await wb.editor.locator(".squiggly-error").first().waitFor({ timeout: 30_000 });
    const problem = wb.page.locator(".markers-panel .monaco-list-row", { hasText: "no_such_task" });
    await problem.first().waitFor({ timeout: 30_000 });
    await expect.poll(() => problem.first().innerText()).toMatch(/GANTRY2\d\d/);
    await wb.screenshot("04-problem");
    await wb.keyboard.press("Control+1");
    await wb.keyboard.press("Control+Shift+K");
    await problem.first().waitFor({ state: "detached", timeout: 30_000 });
  });

  it("completes a resource after `assign`", async () => {
    const resources = declaredResources(planFile);
    const pick = resources.at(-1)!;
    await wb.keyboard.press("Control+1");
    await wb.keyboard.press("Control+End");
    await wb.type('\ntask e2e_extra "Extra" { effort 2d  assign');
    await wb.keyboard.type(" ");
    const suggest = wb.page.locator(".editor-widget.suggest-widget.visible");
    if (!(await suggest.waitFor({ timeout: 3_000 }).then(() => true, () => false))) await wb.keyboard.press("Control+Space");
    await suggest.locator(".monaco-list-row").first().waitFor({ timeout: 20_000 });
    const labels = await suggest.locator(".monaco-list-row .label-name").allInnerTexts();
    expect(labels.length).toBeGreaterThan(1);
    for (const label of labels) expect(resources).toContain(label);
    await wb.keyboard.type(pick.slice(0, 3), { delay: 30 });
    await suggest.locator(".monaco-list-row.focused .label-name", { hasText: new RegExp(`^${pick}$`) }).waitFor();
    await wb.screenshot("05-completion");
    await wb.keyboard.press("Enter");
    await suggest.waitFor({ state: "hidden" });
    await wb.keyboard.type(" "); // the `}` was closed automatically when `{` was typed
    await wb.save();
    expect(read().trimEnd().split("\n").at(-1)).toBe(`task e2e_extra "Extra" { effort 2d  assign ${pick} }`);
  });

  it("shows a task's computed dates on hover", async () => {
    const { task } = leafWithSuccessor(read());
    const t = taskOnLine(schedule(), task.line);
    await wb.goTo(task.line + 1, task.idCol + 2);
    await wb.keyboard.press("Control+K");
    await wb.keyboard.press("Control+I");
    const hover = wb.page.locator(".monaco-hover:not(.hidden) .monaco-hover-content").first();
    await hover.waitFor({ timeout: 15_000 });
    const local = (iso: string) => iso.replace("T", " ").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await expect.poll(() => hover.innerText()).toMatch(new RegExp(`Start\\s+${local(t.start)}`));
    expect(await hover.innerText()).toMatch(new RegExp(`Finish\\s+${local(t.finish)}`));
    await wb.screenshot("06-hover");
    await wb.keyboard.press("Escape");
  });

  it("shows the project finish in the status bar", async () => {
    const finish = schedule().project.finish.slice(0, 10);
    await wb.page.locator(".statusbar-item", { hasText: `Finish ${finish}` }).waitFor({ timeout: 15_000 });
  });

  it("opens the schedule panel beside the plan and draws every bar where the engine puts it", async () => {
    await wb.command("Gantry: Open Schedule to the Side");
    await wb.page.locator(".tab", { hasText: `Schedule: ${PLAN}` }).waitFor();
    const data = schedule();
    const { task } = leafWithSuccessor(read());
    const t = taskOnLine(data, task.line);
    const at = await until(() => barX(t.id), (b) => b !== null && Math.abs(b.x - expectedX(b, t.start)) < 0.5, 30_000, `the bar of ${t.id}`);
    expect(at!.x).toBeCloseTo(expectedX(at!, t.start), 1);
    await wb.screenshot("07-panel");
  });

  it("moves a successor's bar when a task gets longer in the editor", async () => {
    const { task, successor } = leafWithSuccessor(read());
    const before = taskOnLine(schedule(), task.line);
    const succLine = read().split("\n").findIndex((l) => new RegExp(`^\\s*task\\s+${successor}\\b`).test(l));
    const succ = taskOnLine(schedule(), succLine);
    const x0 = (await barX(succ.id))!.x;
    await wb.keyboard.press("Control+1");
    await wb.goTo(task.line + 1, task.durationCol + 1);
    for (const _ of String(task.durationDays)) await wb.keyboard.press("Shift+ArrowRight");
    await wb.keyboard.type(String(task.durationDays + 5));
    await wb.save();
    const moved = taskOnLine(schedule(), succLine);
    expect(moved.start > succ.start).toBe(true);
    expect(taskOnLine(schedule(), task.line).durationHours).toBeGreaterThan(before.durationHours);
    const at = await until(() => barX(succ.id), (b) => b !== null && Math.abs(b.x - expectedX(b, moved.start)) < 0.5, 30_000, `the moved bar of ${succ.id}`);
    expect(at!.x).toBeGreaterThan(x0);
    await wb.screenshot("08-moved");
  });

  it("colours a reference to a task as the task it names (semantic tokens), after the edits too", async () => {
    // The TextMate grammar colours a reference as a variable; the server's semantic tokens
    // colour it as a function (test/server/structure.test.ts checks their differences exactly).
    const { task, successor } = leafWithSuccessor(read());
    const lines = read().split("\n");
    const succLine = lines.findIndex((l) => new RegExp(`^\\s*task\\s+${successor}\\b`).test(l));
    // A character typed into the successor's name first: the line's tokens move.
    await wb.keyboard.press("Control+1");
    await wb.goTo(succLine + 1, lines[succLine]!.indexOf('"') + 2);
    await wb.keyboard.type("x");
    // The colours of the line's name, `after` and reference, once its text has the new character
    // (`after` as the grammar colours it: the server sends no keywords).
    const colours = () =>
      wb.editor.locator(".view-lines").evaluate((root, id) => {
        for (const line of root.querySelectorAll(".view-line")) {
          const spans = [...line.querySelectorAll("span span")];
          const after = spans.findIndex((s) => s.textContent === "after");
          const ref = spans.slice(after + 1).find((s) => s.textContent === id);
          const name = spans.find((s) => s.textContent?.startsWith('"x'));
          if (after >= 0 && ref && name) return [name, spans[after]!, ref].map((s) => getComputedStyle(s).color).join(" ");
        }
        return null;
      }, task.id);
    const expected = [THEME.string, THEME.keyword, SEMANTIC.function].join(" ");
    try {
      expect(await until(colours, (c) => c === expected, 15_000, `the name, \`after\` and the reference to ${task.id} coloured`)).toBe(expected);
    } finally {
      await wb.keyboard.press("Backspace");
      await wb.save();
    }
  });

  it("selects a task in the editor when its bar is clicked", async () => {
    const { successor } = leafWithSuccessor(read());
    const succLine = read().split("\n").findIndex((l) => new RegExp(`^\\s*task\\s+${successor}\\b`).test(l));
    const succ = taskOnLine(schedule(), succLine);
    await wb.keyboard.press("Control+1");
    await wb.keyboard.press("Control+Home");
    await wb.cursorAt(1, 1);
    // Line 1 holds no task: click once the chart has handled the cursor move (its highlight
    // dropped), so nothing from the editor is still on its way to it.
    await until(() => wb.webview.locator(".bar.highlighted").count(), (n) => n === 0, 15_000, "the chart to drop its highlight");
    const bar = wb.webview.locator(`g.task[data-id="${succ.id}"] .bar`).first();
    await bar.click();
    await wb.page.mouse.move(0, 0); // let the chart's tooltip go
    // The click reached the chart, which marks the bar it sends to the editor.
    await until(() => bar.getAttribute("class"), (c) => c?.split(" ").includes("selected") ?? false, 10_000, `the bar of ${succ.id} selected in the chart`);
    // Which of the two ends up focused depends on which message comes first: the chart's frame
    // telling the workbench it was clicked, or the extension revealing the task. The status
    // bar shows the cursor of a focused editor only: focus it (the reveal moves its cursor either way).
    await wb.keyboard.press("Control+1");
    await wb.cursorAt(succ.source.line + 1, succ.source.col + 1);
    await expect.poll(() => wb.page.locator("#status\\.editor\\.selection").innerText()).toMatch(/selected/);
    await wb.screenshot("09-reveal");
  });

  it("highlights the task under the editor's cursor in the chart", async () => {
    const { task } = leafWithSuccessor(read());
    const t = taskOnLine(schedule(), task.line);
    await wb.keyboard.press("Control+1");
    await wb.goTo(task.line + 1, task.idCol + 1);
    await wb.webview.locator(`g.task[data-id="${t.id}"] .bar.highlighted`).waitFor({ timeout: 15_000 });
    expect(await wb.webview.locator(".bar.highlighted").count()).toBe(1);
  });

  it("exports the whole chart as SVG and PNG through the save dialog", async () => {
    const data = schedule();
    const svgText = await exportThroughDialog("Export SVG", "schedule.svg", (b) => b.toString("utf8").trimEnd().endsWith("</svg>"));
    const svg = svgText.toString("utf8");
    for (const t of data.tasks) expect(svg).toContain(`data-id="${t.id}"`);
    const [, w, h] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.map(Number);
    const png = await exportThroughDialog("Export PNG", "schedule.png", (b) => b.length > 24);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    // Drawn at twice the size for sharpness (below Chromium's canvas limits).
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Math.floor(w! * 2), Math.floor(h! * 2)]);
  });

  it("restores the schedule panel after a window reload", async () => {
    const { task } = leafWithSuccessor(read());
    const t = taskOnLine(schedule(), task.line);
    await wb.command("Developer: Reload Window");
    await wb.page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    await wb.page.locator(".tab", { hasText: `Schedule: ${PLAN}` }).waitFor({ timeout: 60_000 });
    await until(() => barX(t.id), (b) => b !== null && Math.abs(b.x - expectedX(b, t.start)) < 0.5, 60_000, `the restored bar of ${t.id}`);
    await wb.screenshot("10-restored");
  });

  it("renames a task and every reference to it with F2", async () => {
    const before = read();
    const { task } = leafWithSuccessor(before);
    const renamed = `${task.id}_e2e`;
    await wb.keyboard.press("Control+1");
    await wb.goTo(task.line + 1, task.idCol + 2);
    await wb.keyboard.press("F2");
    const input = wb.page.locator(".rename-box input, .rename-box .rename-input").first();
    await input.waitFor({ timeout: 15_000 });
    await input.fill(renamed);
    await wb.keyboard.press("Enter");
    await wb.editor.locator(".view-line", { hasText: `task ${renamed}` }).first().waitFor({ timeout: 15_000 });
    await wb.save();
    expect(read()).toBe(renameIdentifier(before, task.id, renamed));
    await wb.screenshot("11-rename");
  });

  it("formats the document to the canonical layout (Ctrl+Shift+I)", async () => {
    await wb.keyboard.press("Control+1");
    await wb.keyboard.press("Control+End");
    await wb.type('\ntask   e2e_messy    "Messy"   {duration 1d}');
    await wb.save();
    const before = read();
    await wb.keyboard.press("Control+Shift+I"); // Format Document on Linux
    await wb.page.locator(".tab.active.dirty").waitFor({ timeout: 15_000 });
    await wb.save();
    const after = read();
    expect(after).not.toBe(before);
    expect(after).toBe(formatPlan(before));
    await wb.screenshot("12-format");
  });

  it("checks every plan of the workspace and counts the errors (Gantry: Check Workspace)", async () => {
    const plans = execFileSync("find", [server.workspace, "-name", "*.plan"], { encoding: "utf8" }).trim().split("\n");
    await wb.command("Gantry: Check Workspace");
    const toast = wb.page.locator(".notification-toast", { hasText: `Gantry: checked ${plans.length} plan files` });
    await toast.waitFor({ timeout: 60_000 });
    await wb.page.locator(".markers-panel").waitFor();
    // The same count as VS Code's own problems counter in the status bar.
    const counter = await wb.page.locator("#status\\.problems").getAttribute("aria-label");
    expect(counter).toMatch(/Errors: \d+|Warnings: \d+|Infos: \d+|No Problems/); // parts with 0 are left out
    const errors = Number(/Errors: (\d+)/.exec(counter!)?.[1] ?? 0);
    expect(await toast.innerText()).toContain(errors === 0 ? "no errors" : `${errors} error`);
    await wb.screenshot("13-check");
  });

  it("follows the active plan: the panel draws each of the other examples where the engine puts them", async () => {
    const others = ["erp-migration.plan", "datacenter-move.plan", "software-release.plan"].filter((f) => f !== PLAN);
    for (const [i, name] of others.entries()) {
      // Ctrl+1: the plan's editor group, so the plan opens there and the panel stays beside it.
      await wb.keyboard.press("Escape");
      await wb.keyboard.press("Control+1");
      await wb.quickOpen(name);
      await wb.page.locator(".tab", { hasText: `Schedule: ${name}` }).waitFor({ timeout: 30_000 });
      const data = scheduleOf(join(server.workspace, name), server.workspace);
      const leaves = data.tasks.filter((t) => !t.summary && !t.milestone && t.source.uri.endsWith(`/${name}`));
      for (const t of [leaves[0]!, leaves.at(-1)!]) {
        // The cursor on the task's line scrolls its bar into view (the chart draws only what is in view).
        await wb.goTo(t.source.line + 1, t.source.col + 1);
        const at = await until(() => barX(t.id), (b) => b !== null && Math.abs(b.x - expectedX(b, t.start)) < 0.5, 30_000, `the bar of ${t.id} in ${name}`);
        expect(at!.x).toBeCloseTo(expectedX(at!, t.start), 1);
      }
      await wb.screenshot(`14-follows-${i + 1}-${name.replace(".plan", "")}`);
    }
  });
});
