// The three example plans, as the CLI schedules them (fixtures/example-*.json, made by
// make-fixtures.mjs): every bar and arrow where its dates put it, the critical path
// marked, every tab drawn without errors, and screenshots for people to look at.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import type { ScheduleJson } from "../../core/json";
import { ROOT, fixture, pageErrors, post, posted, sendSchedule, setTheme } from "./browser";
import { useHarness } from "./harness";
import { axis, shapes, xOf } from "./measure";

const OUT = join(ROOT, "test-output", "webview");
const EXAMPLES = readdirSync(join(ROOT, "test", "webview", "fixtures")).filter((f) => f.startsWith("example-"));
const harness = useHarness();
beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
});

/** Outline order: parents before children, siblings in plan order. */
function outline(data: ScheduleJson): string[] {
  const kids = new Map<string | null, string[]>();
  for (const t of data.tasks) kids.set(t.parent, [...(kids.get(t.parent) ?? []), t.id]);
  const out: string[] = [];
  const walk = (id: string | null) => (kids.get(id) ?? []).forEach((k) => { out.push(k); walk(k); });
  walk(null);
  return out;
}

test("there are example fixtures", () => {
  expect(EXAMPLES).toHaveLength(3);
});

test.each(EXAMPLES)("%s: bars, arrows and the critical path where the schedule puts them", async (file) => {
  const data = fixture(file);
  const page = await harness.open({ width: 2600, height: 24 * data.tasks.length + 200 });
  await sendSchedule(page, data);
  await page.click("button[data-zoom=month]");
  const a = await axis(page), order = outline(data), row = new Map(order.map((id, i) => [id, i]));
  const tasks = new Map(data.tasks.map((t) => [t.id, t]));
  const got = await shapes(page);
  expect(got.map((s) => s.id)).toEqual(order);
  for (const s of got) {
    const t = tasks.get(s.id)!, x1 = xOf(a, t.start), x2 = xOf(a, t.finish);
    if (t.milestone) expect(s.x + s.width / 2).toBeCloseTo(x1, 2);
    else {
      expect(s.x).toBeCloseTo(x1, 2);
      expect(s.x + s.width).toBeCloseTo(x2, 2);
    }
    // Leaves and milestones are centred on their row; a phase bar hangs its end caps below.
    expect(s.y + s.height / 2).toBe(row.get(t.id)! * a.rowH + a.rowH / 2 + (t.summary ? 1 : 0));
    expect(s.cls.split(" ").includes("critical")).toBe(t.critical);
  }
  const links = await page.$$eval(".gantt-view path.link", (els) => els.map((e) => ({
    from: e.getAttribute("data-from")!, to: e.getAttribute("data-to")!, type: e.getAttribute("data-type")!, d: e.getAttribute("d")!,
  })));
  expect(links).toHaveLength(data.tasks.reduce((n, t) => n + t.predecessors.length, 0));
  for (const l of links) {
    const pts = l.d.slice(1).split("L").map((p) => p.split(",").map(Number));
    const from = tasks.get(l.from)!, to = tasks.get(l.to)!;
    expect(pts[0][0]).toBeCloseTo(xOf(a, l.type[0] === "S" ? from.start : from.finish), 1);
    expect(pts.at(-1)![0]).toBeCloseTo(xOf(a, l.type[1] === "S" ? to.start : to.finish), 1);
    expect(pts[0][1]).toBe(row.get(l.from)! * a.rowH + a.rowH / 2);
    expect(pts.at(-1)![1]).toBe(row.get(l.to)! * a.rowH + a.rowH / 2);
  }
  for (const theme of ["vscode-light", "vscode-dark"] as const) {
    await setTheme(page, theme);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.click("button[data-zoom=week]");
    const name = file.replace(/^example-|\.json$/g, "");
    await page.screenshot({ path: join(OUT, `example-${name}-gantt-${theme}.png`) });
    for (const tab of ["budget", "resources", "risks"]) {
      await page.click(`[data-tab=${tab}]`);
      await page.screenshot({ path: join(OUT, `example-${name}-${tab}-${theme}.png`) });
    }
    await page.click("[data-tab=gantt]");
  }
  // The exports, for people to look at (export.test in panel.test.ts checks their content).
  for (const format of ["svg", "png"] as const) {
    await post(page, { type: "export", format });
    await page.waitForFunction((f) => window.gantryPosted!.some((m) => m.type === "exported" && m.format === f), format);
    const msg = (await posted(page)).find((m) => m.type === "exported" && m.format === format) as { data: string };
    const name = file.replace(/^example-|\.json$/g, "");
    writeFileSync(join(OUT, `example-${name}-export.${format}`), format === "svg" ? msg.data : Buffer.from(msg.data, "base64"));
  }
  expect(pageErrors.get(page)).toEqual([]);
  await page.context().close();
});
