// The schedule panel in headless Chromium: geometry of bars and arrows against the
// axis the SVG exposes, folding, state across reloads, keyboard, messages, the XSS
// fixture, virtualisation and export. Expected pixels are computed here from the
// fixture's ISO times, independently of the panel's code.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { ScheduleJson, TaskJson } from "../../core/json";
import { scheduleDelta } from "../../core/json-delta";
import { fixture, pageErrors, post, posted, sendSchedule } from "./browser";
import { useHarness } from "./harness";
import { axis, hoursOf, shapes, xOf } from "./measure";
import { synthSchedule } from "./synth";

const harness = useHarness();

const small = fixture("small.json");
const ZOOMS = ["day", "week", "month", "quarter"] as const;

const rowIds = (page: Page) => page.$$eval(".gantt-view g.tree-row", (els) => els.map((e) => e.getAttribute("data-id")!));
const state = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem("gantry.webview.state") ?? "null"));
const byId = (data: ScheduleJson) => new Map(data.tasks.map((t) => [t.id, t]));

async function open(data: ScheduleJson = small, opts: { width?: number; height?: number } = { width: 2600, height: 700 }): Promise<Page> {
  const page = await harness.open(opts);
  await sendSchedule(page, data);
  return page;
}

describe("gantt geometry", () => {
  test.each(ZOOMS)("bars sit at their exact start and finish at %s zoom", async (zoom) => {
    const page = await open();
    await page.click(`button[data-zoom=${zoom}]`);
    const a = await axis(page);
    expect(a.zoom).toBe(zoom);
    expect(a.pxPerHour).toBeCloseTo({ day: 2, week: 14 / 24, month: 4 / 24, quarter: 1.5 / 24 }[zoom], 10);
    const got = await shapes(page);
    expect(got.map((s) => s.id)).toEqual(small.tasks.map((t) => t.id));
    small.tasks.forEach((t, row) => {
      const s = got[row], x1 = xOf(a, t.start), x2 = xOf(a, t.finish), mid = row * a.rowH + a.rowH / 2;
      if (t.milestone) {
        expect(s.cls).toContain("milestone");
        expect(s.x + s.width / 2).toBeCloseTo(x1, 2);
        expect(s.y + s.height / 2).toBeCloseTo(mid, 2);
        expect(s.d).toMatch(/^M[^LZ]+L[^LZ]+L[^LZ]+L[^LZ]+Z$/); // four corners: a diamond
      } else {
        expect(s.x).toBeCloseTo(x1, 2);
        expect(s.width).toBeCloseTo(x2 - x1, 2);
        expect(s.cls).toContain(t.summary ? "summary" : "leaf");
      }
    });
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  test("arrows join the bar ends their link type names, with orthogonal elbows", async () => {
    const page = await open();
    const a = await axis(page), tasks = byId(small), rows = new Map(small.tasks.map((t, i) => [t.id, i]));
    const links = await page.$$eval(".gantt-view path.link", (els) => els.map((e) => ({
      from: e.getAttribute("data-from")!, to: e.getAttribute("data-to")!, type: e.getAttribute("data-type")!, d: e.getAttribute("d")!,
    })));
    const expected = small.tasks.flatMap((t) => t.predecessors.map((p) => `${p.id}>${t.id}:${p.type}`)).sort();
    expect(links.map((l) => `${l.from}>${l.to}:${l.type}`).sort()).toEqual(expected);
    expect(new Set(links.map((l) => l.type))).toEqual(new Set(["FS", "SS", "FF", "SF"]));
    const end = (t: TaskJson, which: string) => xOf(a, which === "S" ? t.start : t.finish);
    for (const l of links) {
      const pts = l.d.slice(1).split("L").map((p) => p.split(",").map(Number));
      const [fx, fy] = pts[0], [tx, ty] = pts[pts.length - 1];
      expect(fx).toBeCloseTo(end(tasks.get(l.from)!, l.type[0]), 1);
      expect(tx).toBeCloseTo(end(tasks.get(l.to)!, l.type[1]), 1);
      expect(fy).toBe(rows.get(l.from)! * a.rowH + a.rowH / 2);
      expect(ty).toBe(rows.get(l.to)! * a.rowH + a.rowH / 2);
      for (let i = 1; i < pts.length; i++) {
        expect(pts[i][0] === pts[i - 1][0] || pts[i][1] === pts[i - 1][1]).toBe(true);
      }
      // The last segment runs into the bar end from the side the type names.
      const [px] = pts[pts.length - 2];
      if (l.type[1] === "S") expect(px).toBeLessThan(tx);
      else expect(px).toBeGreaterThan(tx);
    }
    await page.context().close();
  });

  test("critical bars carry class critical; slack whiskers, deadlines, progress", async () => {
    const page = await open();
    const a = await axis(page);
    const got = await shapes(page);
    expect(got.filter((s) => s.cls.split(" ").includes("critical")).map((s) => s.id))
      .toEqual(small.tasks.filter((t) => t.critical).map((t) => t.id));
    const handover = byId(small).get("handover")!;
    const slack = await page.$eval('.gantt-view g.task[data-id="handover"] path.slack', (e) => e.getAttribute("d")!);
    expect(slack.startsWith(`M${xOf(a, handover.finish)},`)).toBe(true);
    expect(slack).toContain(`H${xOf(a, handover.lateFinish)}`);
    const deadlines = await page.$$eval(".gantt-view path.deadline", (els) => els.map((e) => ({
      id: e.closest("[data-id]")!.getAttribute("data-id"), missed: e.classList.contains("missed"),
      x: { x: (e as SVGGraphicsElement).getBBox().x, width: (e as SVGGraphicsElement).getBBox().width },
    })));
    expect(deadlines.map((d) => [d.id, d.missed])).toEqual([["live", true], ["handover", false], ["review", false]]);
    // The marker stands at the end of the deadline day.
    const live = deadlines[0].x;
    expect(live.x + live.width / 2).toBeCloseTo(xOf(a, "2027-01-21T00:00"), 2);
    const progress = await page.$eval('.gantt-view g.task[data-id="design.visual"] rect.progress', (e) => +e.getAttribute("width")!);
    expect(progress).toBeCloseTo((xOf(a, "2027-01-08T17:00") - xOf(a, "2027-01-07T08:00")) / 2, 2);
    await page.context().close();
  });

  test("collapsing a phase hides its children and moves the rows below up", async () => {
    const page = await open();
    await page.click('.gantt-view g.tree-row[data-id="build"] text.toggle');
    expect(await rowIds(page)).toEqual(["design", "design.wire", "design.visual", "build", "test", "live", "handover", "review"]);
    expect(await page.$$('.gantt-view g.task[data-id^="build."]')).toHaveLength(0);
    const a = await axis(page);
    const test4 = (await shapes(page)).find((s) => s.id === "test")!;
    expect(test4.y + test4.height / 2).toBe(4 * a.rowH + a.rowH / 2);
    // Links inside the folded phase go with it; links across its edge meet its row, at the
    // hidden task's own date, dashed.
    const links = await page.$$eval(".gantt-view path.link", (els) => els.map((e) => ({
      id: `${e.getAttribute("data-from")}>${e.getAttribute("data-to")}`, folded: e.classList.contains("folded"), d: e.getAttribute("d")!,
    })));
    expect(links.map((l) => `${l.id}${l.folded ? " folded" : ""}`).sort()).toEqual([
      "build.api>handover folded",
      "build.docs>test folded",
      "design.visual>build.api folded",
      "design.wire>design.visual",
      "design>review",
      "test>live",
    ]);
    const ends = (id: string) => {
      const pts = links.find((l) => l.id === id)!.d.slice(1).split("L").map((p) => p.split(",").map(Number));
      return [pts[0]!, pts[pts.length - 1]!];
    };
    const tasks = byId(small), buildRow = 3 * a.rowH + a.rowH / 2;
    const [, into] = ends("design.visual>build.api");
    expect(into).toEqual([expect.closeTo(xOf(a, tasks.get("build.api")!.start), 1), buildRow]);
    const [outOf] = ends("build.docs>test");
    expect(outOf).toEqual([expect.closeTo(xOf(a, tasks.get("build.docs")!.finish), 1), buildRow]);
    expect(await page.$eval('.gantt-view g.tree-row[data-id="build"] text.toggle', (e) => e.textContent)).toBe("▸");
    await page.click('.gantt-view g.tree-row[data-id="build"] text.toggle');
    expect(await rowIds(page)).toHaveLength(small.tasks.length);
    await page.context().close();
  });
});

describe("state and messages", () => {
  test("zoom, scroll, collapsed phases and the tab survive an update and a reload", async () => {
    const big = synthSchedule(400);
    const page = await open(big, { width: 1200, height: 600 });
    await page.click("button[data-zoom=day]");
    await page.click('.gantt-view g.tree-row[data-id="p1"] text.toggle');
    await page.$eval(".gantt-scroll", (e) => { e.scrollTop = 1500; e.scrollLeft = 2000; });
    await page.waitForFunction(() => document.querySelector(".gantt-scroll")!.scrollTop === 1500);
    const before = await page.$eval(".gantt-scroll", (e) => [e.scrollLeft, e.scrollTop]);
    // An update (one more task at the end) keeps the view where it was.
    const next = { ...big, tasks: [...big.tasks, { ...big.tasks[5], id: "extra", wbs: "999" , parent: null, depth: 0 }] };
    await sendSchedule(page, next);
    expect(await page.$eval(".gantt-scroll", (e) => [e.scrollLeft, e.scrollTop])).toEqual(before);
    await page.click("[data-tab=risks]");
    await page.waitForFunction(() => JSON.parse(sessionStorage.getItem("gantry.webview.state") ?? "{}").tab === "risks");
    expect(await state(page)).toMatchObject({ tab: "risks", zoom: "day", collapsed: ["p1"], scrollTop: 1500 });

    await page.reload();
    await sendSchedule(page, next);
    expect(await page.$eval("[data-tab=risks]", (e) => e.getAttribute("aria-selected"))).toBe("true");
    await page.click("[data-tab=gantt]");
    expect((await axis(page)).zoom).toBe("day");
    expect(await page.$eval(".gantt-scroll", (e) => [e.scrollLeft, e.scrollTop])).toEqual(before);
    expect(await page.$$('.gantt-view g.task[data-id^="p1."]')).toHaveLength(0);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  test("applies a schedule's difference to the schedule it holds, and waits for a whole one when it holds none", async () => {
    const page = await harness.open({ width: 2600, height: 700 });
    const about = { uri: small.project.uri, stale: false, errorCount: 0, today: "2027-01-06" };
    // A difference first: nothing to apply it to, so nothing is drawn.
    await post(page, { type: "scheduleDelta", ...about, version: 900, delta: { tasks: [] } });
    await post(page, { type: "highlight", taskId: null }); // a later message, handled after it
    expect(await page.$$(".gantt-view rect.bar")).toHaveLength(0);
    await sendSchedule(page, small);
    // The API takes a day longer and the docs are renamed: two runs of changed tasks.
    const next = structuredClone(small);
    const api = next.tasks.find((t) => t.id === "build.api")!;
    api.finish = "2027-01-18T17:00";
    next.tasks.find((t) => t.id === "build.docs")!.name = "Docs and release notes";
    const delta = scheduleDelta(small, next);
    expect(delta.tasks!.map((x) => x.items.map((t) => t.id))).toEqual([["build.api"], ["build.docs"]]);
    await post(page, { type: "scheduleDelta", ...about, version: 901, delta });
    await page.waitForFunction(() => document.body.dataset.version === "901");
    const a = await axis(page);
    const bar = (await shapes(page)).find((x) => x.id === "build.api")!;
    expect(bar.x + bar.width).toBeCloseTo(xOf(a, "2027-01-18T17:00"), 2);
    expect(await page.$eval('.gantt-view g.tree-row[data-id="build.docs"]', (e) => e.textContent)).toContain("Docs and release notes");
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  test("clicking a bar reveals its task; Enter reveals the selected row; arrows and +/- work", async () => {
    const page = await open();
    expect(await posted(page)).toEqual([{ type: "ready" }]);
    await page.click('.gantt-view rect.bar[data-id="build.api"]');
    expect((await posted(page)).at(-1)).toEqual({ type: "reveal", taskId: "build.api" });
    await page.focus(".gantt-scroll");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect((await posted(page)).at(-1)).toEqual({ type: "reveal", taskId: "build.docs" });
    expect(await page.$eval('.gantt-view g.tree-row[data-id="build.docs"]', (e) => e.classList.contains("selected"))).toBe(true);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowLeft"); // to the parent phase
    await page.keyboard.press("ArrowLeft"); // collapse it
    expect(await rowIds(page)).not.toContain("build.ui");
    await page.keyboard.press("ArrowRight");
    expect(await rowIds(page)).toContain("build.ui");
    await page.keyboard.press("+");
    expect((await axis(page)).zoom).toBe("day");
    await page.keyboard.press("-");
    await page.keyboard.press("-");
    expect((await axis(page)).zoom).toBe("month");
    await page.mouse.move(1500, 300);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -120);
    await page.keyboard.up("Control");
    await page.waitForFunction(() => document.querySelector("svg.gantt-svg")?.getAttribute("data-zoom") === "week");
    // Tabs: arrow keys move between them.
    await page.focus("[data-tab=gantt]");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-tab"))).toBe("budget");
    await page.context().close();
  });

  test("a highlight message expands, marks and scrolls to the bar", async () => {
    const big = synthSchedule(600);
    const page = await open(big, { width: 1200, height: 500 });
    await page.click('.gantt-view g.tree-row[data-id="p1"] text.toggle');
    await post(page, { type: "highlight", taskId: "p50.t3" });
    await page.waitForSelector('.gantt-view .bar.highlighted[data-id="p50.t3"]');
    const [top, h] = await page.$eval(".gantt-scroll", (e) => [e.scrollTop, e.clientHeight]);
    expect((await rowIds(page)).length).toBeLessThan(60); // only the rows in view are drawn
    const y = await page.$eval('.gantt-view .bar[data-id="p50.t3"]', (e) => (e as SVGGraphicsElement).getBBox().y);
    expect(y).toBeGreaterThanOrEqual(top);
    expect(y).toBeLessThanOrEqual(top + h);
    await post(page, { type: "highlight", taskId: "p1.t2" });
    await page.waitForSelector('.gantt-view .bar.highlighted[data-id="p1.t2"]');
    // The state is saved a moment after it changes (debounced): wait for it.
    await expect.poll(async () => (await state(page))?.collapsed ?? []).not.toContain("p1");
    await page.context().close();
  });

  test("moving the highlight only marks bars: they stay the same elements, so a click on one lands", async () => {
    const page = await open();
    const [a, b] = await page.$$eval(".gantt-view .bar[data-id]", (bars) => bars.slice(0, 2).map((e) => e.getAttribute("data-id")!));
    // Tag every bar element; a redrawn bar would be a new, untagged element.
    await page.$$eval(".gantt-view .bar", (bars) => bars.forEach((e) => e.setAttribute("data-probe", "drawn before")));
    for (const id of [a, b, null]) {
      await post(page, { type: "highlight", taskId: id });
      if (id) await page.waitForSelector(`.gantt-view .bar.highlighted[data-id="${id}"]`);
      else await page.waitForFunction(() => document.querySelectorAll(".gantt-view .bar.highlighted").length === 0);
      expect(await page.$$eval(".gantt-view .bar.highlighted", (bars) => bars.map((e) => e.getAttribute("data-id")))).toEqual(id ? [id] : []);
      expect(await page.$$eval(".gantt-view .bar:not([data-probe])", (bars) => bars.length)).toBe(0);
    }
    await page.context().close();
  });

  test("a click on a bar lands even when a schedule update redraws the bar between press and release", async () => {
    const page = await open();
    const box = (await page.$('.gantt-view rect.bar[data-id="build.api"]'))!;
    const { x, y, width, height } = (await box.boundingBox())!;
    await page.mouse.move(x + width / 2, y + height / 2);
    await page.mouse.down();
    await page.$eval('.gantt-view rect.bar[data-id="build.api"]', (e) => e.setAttribute("data-probe", "pressed"));
    await sendSchedule(page, small);
    expect(await page.$$('.gantt-view rect.bar[data-probe="pressed"]')).toHaveLength(0); // redrawn under the pointer
    await page.mouse.up();
    expect((await posted(page)).at(-1)).toEqual({ type: "reveal", taskId: "build.api" });
    // Pressing on one bar and releasing on another is no click.
    const other = (await (await page.$('.gantt-view rect.bar[data-id="build.docs"]'))!.boundingBox())!;
    await page.mouse.down();
    await page.mouse.move(other.x + other.width / 2, other.y + other.height / 2);
    await page.mouse.up();
    expect((await posted(page)).filter((m) => m.type === "reveal")).toHaveLength(1);
    await page.context().close();
  });

  test("the configured default zoom applies until the user picks one", async () => {
    const page = await open();
    await post(page, { type: "config", defaultZoom: "month" });
    await page.waitForFunction(() => document.querySelector("svg.gantt-svg")?.getAttribute("data-zoom") === "month");
    await page.click("button[data-zoom=day]");
    await page.waitForFunction(() => JSON.parse(sessionStorage.getItem("gantry.webview.state") ?? "{}").zoom === "day");
    await page.reload();
    await post(page, { type: "config", defaultZoom: "quarter" });
    await sendSchedule(page, small);
    expect((await axis(page)).zoom).toBe("day");
    await page.context().close();
  });

  test("a stale schedule keeps drawing under a quiet banner", async () => {
    const page = await harness.open();
    await sendSchedule(page, small, { stale: true, errorCount: 2 });
    expect(await page.$eval(".stale-banner", (e) => [(e as HTMLElement).hidden, e.textContent])).toEqual([
      false, "The plan has errors — showing the last good schedule (2 errors)",
    ]);
    expect(await page.$$(".gantt-view .bar")).toHaveLength(small.tasks.length);
    await sendSchedule(page, small);
    expect(await page.$eval(".stale-banner", (e) => (e as HTMLElement).hidden)).toBe(true);
    await page.context().close();
  });

  test("risk links reveal the affected task", async () => {
    const page = await open();
    await page.click("[data-tab=risks]");
    expect(await page.$$eval(".risk-view tbody tr", (els) => els.map((e) => e.getAttribute("data-risk")))).toEqual(["scope", "vendor", "old", "staff"]);
    expect(await page.$eval('.heat-cell[data-p="4"][data-i="5"]', (e) => e.textContent)).toBe("Scope creep");
    await page.click('.risk-view [data-reveal="build.ui"]');
    expect((await posted(page)).at(-1)).toEqual({ type: "reveal", taskId: "build.ui" });
    // From the keyboard too: Enter on the focused button (a click without a pointer).
    await page.focus('.risk-view [data-reveal="build.api"]');
    await page.keyboard.press("Enter");
    expect((await posted(page)).at(-1)).toEqual({ type: "reveal", taskId: "build.api" });
    await page.context().close();
  });

  test("budget and resource tabs flag what is over", async () => {
    const page = await open();
    await page.click("[data-tab=budget]");
    expect(await page.$$eval(".budget-view .hrow.flagged", (els) => els.map((e) => e.getAttribute("data-id")))).toEqual(["build"]);
    expect(await page.$eval('.budget-view .hrow[data-id="build"] .hnote', (e) => e.textContent)).toBe("⚠ over by 3,080 USD");
    await page.click("[data-tab=resources]");
    const over = () => page.$$eval(".resource-view rect.load.over", (els) => els.map((e) => [e.closest("[data-resource]")!.getAttribute("data-resource"), e.getAttribute("data-start")]));
    expect(await over()).toEqual([["dev", "2027-01-11"]]);
    await page.click("button[data-bucket=day]");
    expect(await over()).toEqual([["dev", "2027-01-13"], ["dev", "2027-01-14"], ["dev", "2027-01-15"]]);
    await page.hover('.resource-view rect.load.over[data-start="2027-01-14"]');
    expect(await page.$eval(".tooltip", (e) => e.textContent)).toBe(
      "Backend team · day of 2027-01-14 · over-allocatedBooked24hCapacity16hbuild.api16hbuild.ui8h");
    await page.context().close();
  });
});

describe("security", () => {
  test("plan strings are text: markup shows literally, no element or dialog appears", async () => {
    const xss = fixture("xss.json");
    const page = await harness.open({ width: 1400, height: 700 });
    let dialogs = 0;
    page.on("dialog", (d) => { dialogs++; void d.dismiss(); });
    await sendSchedule(page, xss);
    const names = await page.$$eval(".gantt-view g.tree-row text.name", (els) => els.map((e) => e.textContent));
    expect(names.slice(0, 2)).toEqual(["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>"]);
    await page.hover('.gantt-view .bar[data-id="design.visual"]');
    expect(await page.$eval(".tooltip", (e) => e.textContent)).toContain("Note<img src=x onerror=alert(1)>");
    for (const tab of ["budget", "resources", "risks"]) await page.click(`[data-tab=${tab}]`);
    expect(await page.$eval(".risk-view tbody", (e) => e.textContent)).toContain("</script><img src=x onerror=alert(1)>");
    await page.click("[data-tab=budget]");
    expect(await page.$$eval(".budget-view .hlabel", (els) => els.map((e) => e.textContent))).toContain("<img src=x onerror=alert(1)>");
    expect(await page.$$("img")).toHaveLength(0);
    expect(await page.$$("script")).toHaveLength(1);
    expect(dialogs).toBe(0);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});

describe("speed structure", () => {
  test("a 10k-task plan draws only the rows in view", async () => {
    const big = synthSchedule(10_000);
    const page = await open(big, { width: 1400, height: 800 });
    const drawn = await page.$$eval(".gantt-view g.task", (els) => els.length);
    expect(drawn).toBeGreaterThan(20);
    expect(drawn).toBeLessThan(45);
    await page.$eval(".gantt-scroll", (e) => { e.scrollTop = e.scrollHeight; });
    await page.waitForFunction(() => document.querySelector('.gantt-view g.tree-row[data-id="p1000.t9"]') !== null);
    expect(await page.$$eval(".gantt-view g.tree-row", (els) => els.length)).toBeLessThan(45);
    await page.context().close();
  });
});

describe("export", () => {
  test("SVG: every row, the full span, names in full, concrete colours", async () => {
    const data = synthSchedule(300);
    data.tasks[7].name = "A very long task name that would never fit the tree column of the live panel, kept whole";
    const page = await open(data, { width: 900, height: 500 });
    await post(page, { type: "export", format: "svg" });
    await page.waitForFunction(() => window.gantryPosted!.some((m) => m.type === "exported"));
    const msg = (await posted(page)).find((m) => m.type === "exported")!;
    expect(msg).toMatchObject({ format: "svg" });
    const svg = (msg as { data: string }).data;
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toContain("var(--");
    expect(svg).not.toContain("hidden"); // drawn off-screen, but the copy must show
    const ids = [...svg.matchAll(/<g class="task" data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(data.tasks.map((t) => t.id));
    expect(svg).toContain(data.tasks[7].name);
    // Bars keep their geometry and carry a resolved colour.
    const t0 = /data-t0="([^"]+)"/.exec(svg)![1], pph = +/data-px-per-hour="([^"]+)"/.exec(svg)![1];
    const last = data.tasks.at(-1)!;
    const rect = new RegExp(`<rect x="([\\d.]+)"[^>]*width="([\\d.]+)"[^>]*class="bar leaf[^"]*" data-id="${last.id.replace(".", "\\.")}" style="fill:rgb`).exec(svg)!;
    expect(+rect[1]).toBeCloseTo((hoursOf(last.start) - hoursOf(t0)) * pph, 2);
    expect(+rect[2]).toBeCloseTo((hoursOf(last.finish) - hoursOf(last.start)) * pph, 2);
    // The tree column is as wide as the longest name needs.
    const treeW = +/data-tree-w="(\d+)"/.exec(svg)![1];
    expect(treeW).toBeGreaterThan(500);
    await page.click("button[data-export=png]");
    expect((await posted(page)).at(-1)).toEqual({ type: "requestExport", format: "png" });
    await page.context().close();
  });

  test("PNG: the SVG drawn into a canvas", async () => {
    const page = await open();
    await post(page, { type: "export", format: "png" });
    await page.waitForFunction(() => window.gantryPosted!.some((m) => m.type === "exported"));
    const msg = (await posted(page)).find((m) => m.type === "exported") as { format: string; data: string };
    expect(msg.format).toBe("png");
    const png = Buffer.from(msg.data, "base64");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    const a = await axis(page);
    expect(h).toBe(2 * (44 + small.tasks.length * a.rowH));
    expect(w).toBeGreaterThan(2 * (240 + xOf(a, "2027-02-01T00:00")));
    await page.context().close();
  });
});
