// The schedule's difference between two analyses (core/json-delta.ts): applied to the
// schedule before, it gives the schedule after, on edits to the examples; and it holds
// only what changed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, keptFromPrevious, ParseCache } from "../../core/analysis";
import { applyScheduleDelta, sameJson, scheduleDelta } from "../../core/json-delta";
import type { ScheduleJson } from "../../core/json";
import { toScheduleJson } from "../../core/report/json";
import { seeded } from "../../core/level/random";

const ROOT = join(__dirname, "../..");
const TODAY = 20_800;

function scheduleOf(text: string, file = "file:///delta/plan.plan"): ScheduleJson {
  return toScheduleJson(analyze(file, { read: (u) => (u === file ? text : undefined), workspaceRoot: undefined }, { today: TODAY }));
}

const PLAN = `project "Site" { start 2027-01-04  currency EUR }
resource dev "Devs" { rate 100/h }
task design "Design" { duration 3d  assign dev }
task build "Build" { duration 5d  assign dev  after design }
task docs "Docs" { duration 2d }
`;

describe("the schedule's difference", () => {
  it("is empty between equal schedules", () => {
    expect(scheduleDelta(scheduleOf(PLAN), scheduleOf(PLAN))).toEqual({});
  });

  it("after a keystroke in a name, is that one task", () => {
    const before = scheduleOf(PLAN);
    const after = scheduleOf(PLAN.replace('"Docs"', '"Docsx"'));
    const delta = scheduleDelta(before, after);
    expect(delta).toEqual({ tasks: [{ start: 2, deleteCount: 1, items: [after.tasks[2]] }] });
    expect(delta.tasks![0]!.items[0]!.name).toBe("Docsx");
  });

  it("after a longer duration, is the moved tasks, their bookings and the project's dates", () => {
    const before = scheduleOf(PLAN);
    const after = scheduleOf(PLAN.replace("duration 3d", "duration 4d"));
    const delta = scheduleDelta(before, after);
    expect(Object.keys(delta).sort()).toEqual(["bookings", "project", "resources", "tasks"]);
    // design and build, adjacent: one run; docs (not linked) gains slack only as the finish moves.
    expect(delta.tasks!.map((s) => [s.start, s.deleteCount, s.items.map((t) => t.id)])).toEqual([[0, 3, ["design", "build", "docs"]]]);
    expect(delta.project!.finish).toBe("2027-01-14T17:00");
    // One more day of design, then build's five, after the four days before that did not move.
    expect(delta.bookings).toEqual([{ start: 3, deleteCount: 5, items: after.bookings.slice(3) }]);
    expect(after.bookings.length - before.bookings.length).toBe(1);
  });

  it("after a task is added, is one splice that inserts it and renumbers the ones after it", () => {
    const before = scheduleOf(PLAN);
    const after = scheduleOf(PLAN.replace('task docs "Docs"', 'task spec "Spec" { duration 1d }\ntask docs "Docs"'));
    const delta = scheduleDelta(before, after);
    // docs comes again: its WBS number is now 4.
    expect(delta.tasks).toEqual([{ start: 2, deleteCount: 1, items: [after.tasks[2], after.tasks[3]] }]);
    expect(delta.tasks![0]!.items.map((t) => [t.id, t.wbs, t.source.line])).toEqual([["spec", "3", 4], ["docs", "4", 5]]);
    expect(applyScheduleDelta(before, delta)).toEqual(after);
  });

  it("after Enter, is which tasks moved and how far, not the tasks", () => {
    const before = scheduleOf(PLAN);
    const after = scheduleOf(PLAN.replace("\ntask build", "\n\n\ntask build"));
    expect(scheduleDelta(before, after)).toEqual({ moved: { tasks: [{ start: 1, end: 3, lines: 2 }] } });
    expect(applyScheduleDelta(before, scheduleDelta(before, after))).toEqual(after);
    expect(scheduleDelta(after, before)).toEqual({ moved: { tasks: [{ start: 1, end: 3, lines: -2 }] } });
  });

  it("applied to the schedule before, gives the schedule after, on 300 edits to the examples", () => {
    const random = seeded(20261124);
    const SNIPPETS = ["x", "\n", "}", '"', "5d", " after design", "task y { duration 2d }\n", "0"];
    let checked = 0;
    for (const name of ["datacenter-move.plan", "erp-migration.plan", "software-release.plan"]) {
      const file = `file:///delta/${name}`;
      let text = readFileSync(join(ROOT, "examples", name), "utf8").replace(/^import .*$/gm, "");
      let before = scheduleOf(text, file);
      for (let i = 0; i < 100; i++) {
        const at = Math.floor(random() * text.length);
        text = random() < 0.7 ? text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
        const after = scheduleOf(text, file);
        const applied = applyScheduleDelta(before, scheduleDelta(before, after));
        expect(sameJson(applied, after)).toBe(true);
        expect(applied).toEqual(after);
        before = after;
        checked++;
      }
    }
    expect(checked).toBe(300);
  });

  it("passes over the tasks an edit kept: their JSON is the same object, with new lines where they moved", () => {
    const file = "file:///delta/kept.plan";
    let text = PLAN.replace('task build "Build"', 'task ux "UX" {\n  task wire "Wireframes" { duration 2d }\n  task visual "Visual" { duration 1d  after wire }\n}\ntask build "Build"');
    const parses = new ParseCache();
    const host = { read: () => text, workspaceRoot: undefined };
    let analysis = analyze(file, host, { today: TODAY, parses });
    let before = toScheduleJson(analysis);
    const edits: [string, (t: string) => string, (b: ScheduleJson, a: ScheduleJson) => void][] = [
      [
        "a keystroke in the last task's name",
        (t) => {
          const at = t.indexOf('"', t.lastIndexOf("task ")) + 1;
          return t.slice(0, at) + "x" + t.slice(at);
        },
        (b, a) => {
          expect(a.tasks.filter((t, i) => t !== b.tasks[i]).map((t) => [t.id, t.name])).toEqual([["docs", "xDocs"]]);
        },
      ],
      ["a blank line above build: the tasks from build on move down a line", (t) => t.replace("\ntask build", "\n\ntask build"), (b, a) => {
        expect(a.tasks.map((t) => t.id)).toEqual(["design", "ux", "ux.wire", "ux.visual", "build", "docs"]);
        // The tasks above are passed over; build and docs are copies a line lower.
        expect(a.tasks.map((t, i) => [t.id, t === b.tasks[i], t.source.line - b.tasks[i]!.source.line])).toEqual([
          ["design", true, 0], ["ux", true, 0], ["ux.wire", true, 0], ["ux.visual", true, 0], ["build", false, 1], ["docs", false, 1],
        ]);
      }],
    ];
    for (const [what, change, check] of edits) {
      text = change(text);
      analysis = analyze(file, host, { today: TODAY, parses, previous: analysis });
      expect(keptFromPrevious(analysis), what).not.toBe("nothing");
      const after = toScheduleJson(analysis);
      check(before, after);
      expect(after).toEqual(scheduleOf(text, file));
      before = after;
    }
  });

  it("compares JSON deeply: the same keys in any order, arrays element by element", () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameJson({ a: 1, source: 2 }, { a: 1, source: 3 }, "source")).toBe(true);
  });

  it("leaves the schedule it is applied to as it was", () => {
    const before = scheduleOf(PLAN);
    const copy = structuredClone(before);
    applyScheduleDelta(before, scheduleDelta(before, scheduleOf(PLAN.replace("duration 3d", "duration 4d"))));
    expect(before).toEqual(copy);
  });
});
