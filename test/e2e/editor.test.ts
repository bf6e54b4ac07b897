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
    await server?.stop();
    // The extension host's and language server's logs, for reading a failure.
    const logs = server && join(server.userDataDir, "logs");
    if (logs && existsSync(logs)) cpSync(logs, join(out, "logs"), { recursive: true });
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
    const tokens = await until(wb.tokens, (ts) => ts.some((t) => t.text === "project") && ts.some((t) => t.text === name), 15_000, "the project line");
    const colour = (text: string) => tokens.find((t) => t.text === text)?.color;
    expect(colour("project")).toBe(THEME.keyword);
    expect(colour(name)).toBe(THEME.string);
    expect(colour(start)).toBe(THEME.number);
    expect(tokens.find((t) => t.text.startsWith("#"))?.color).toBe(THEME.comment);
    await wb.screenshot("02-colours");
  });

  it("reports a reference to an unknown task in the Problems panel, and clears it when fixed", async () => {
    await wb.keyboard.press("Control+1");
    await wb.keyboard.press("Control+End");
    await wb.type('\ntask e2e_broken "Broken" { duration 1d  after no_such_task }');
    await wb.keyboard.press("Control+Shift+M");
    const problem = wb.page.locator(".markers-panel .monaco-list-row", { hasText: "no_such_task" });
    await problem.first().waitFor({ timeout: 30_000 });
    await expect.poll(() => problem.first().innerText()).toMatch(/GANTRY2\d\d/);
    await expect(wb.editor.locator(".squiggly-error").count()).resolves.toBeGreaterThan(0);
    await wb.screenshot("03-problem");
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
    await wb.screenshot("04-completion");
    await wb.keyboard.press("Enter");
    await suggest.waitFor({ state: "hidden" });
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
    await expect.poll(() => hover.innerText()).toContain(t.start.slice(0, 10));
    expect(await hover.innerText()).toContain(t.finish.slice(0, 10));
    await wb.screenshot("05-hover");
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
    await wb.screenshot("06-panel");
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
    await wb.screenshot("07-moved");
  });

  it("selects a task in the editor when its bar is clicked", async () => {
    const { successor } = leafWithSuccessor(read());
    const succLine = read().split("\n").findIndex((l) => new RegExp(`^\\s*task\\s+${successor}\\b`).test(l));
    const succ = taskOnLine(schedule(), succLine);
    await wb.keyboard.press("Control+1");
    await wb.keyboard.press("Control+Home");
    await wb.cursorAt(1, 1);
    await wb.webview.locator(`g.task[data-id="${succ.id}"] .bar`).first().click();
    await wb.cursorAt(succ.source.line + 1, succ.source.col + 1);
    await expect.poll(() => wb.page.locator("#status\\.editor\\.selection").innerText()).toMatch(/selected/);
    await wb.screenshot("08-reveal");
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
    await wb.screenshot("09-rename");
  });

  it("formats the document to the canonical layout (Shift+Alt+F)", async () => {
    await wb.keyboard.press("Control+1");
    await wb.keyboard.press("Control+End");
    await wb.type('\ntask   e2e_messy    "Messy"   {duration 1d}');
    await wb.save();
    const before = read();
    await wb.keyboard.press("Shift+Alt+F");
    await wb.page.locator(".tab.active.dirty").waitFor({ timeout: 15_000 });
    await wb.save();
    const after = read();
    expect(after).not.toBe(before);
    expect(after).toBe(formatPlan(before));
    await wb.screenshot("10-format");
  });
});
