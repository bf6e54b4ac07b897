// The real-plan adapter through the whole engine: plan text → analyze with leveling →
// exact dates, named causes, and no resource over its capacity on any day.
import { describe, expect, it } from "vitest";
import { analyze, type Analysis } from "../../core/analysis";
import { formatMinutes } from "../../core/dates";
import { overAllocations } from "./helpers";

function run(text: string, level: "off" | "on" | "optimize" = "on"): Analysis {
  return analyze("file:///w/plan.plan", { read: (u) => (u === "file:///w/plan.plan" ? text : undefined), workspaceRoot: undefined }, { level, optimizeMs: 200 });
}

const index = (a: Analysis, id: string) => a.plan.tasks.findIndex((t) => t.id === id);
const dates = (a: Analysis, id: string) => {
  const t = a.schedule.tasks[index(a, id)]!;
  return `${formatMinutes(t.start)} → ${formatMinutes(t.finish)}`;
};

const HEAD = `project "L" { start 2027-01-04 }\n`;

describe("leveling a plan", () => {
  it("sequences competing tasks by latest finish and names the competitor", () => {
    const text = HEAD + `resource dev "Dev" { }
task a "A" { duration 2d  assign dev }
task b "B" { duration 3d  assign dev }
task c "C" { duration 1d  after b }
`;
    const off = run(text, "off");
    expect(overAllocations(off).length).toBeGreaterThan(0);
    const a = run(text);
    expect(a.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(dates(a, "b")).toBe("2027-01-04T08:00 → 2027-01-06T17:00");
    expect(dates(a, "c")).toBe("2027-01-07T08:00 → 2027-01-07T17:00");
    expect(dates(a, "a")).toBe("2027-01-07T08:00 → 2027-01-08T17:00");
    expect(a.schedule.tasks[index(a, "a")]!.driver).toEqual({ kind: "leveling", resource: 0, competitor: index(a, "b"), inner: { kind: "projectStart" } });
    expect(a.schedule.leveled).toBe(true);
    expect(overAllocations(a)).toEqual([]);
  });

  it("reads days off only as far as the schedule can reach: one typed in the year 8029 changes nothing, one three weeks on does", () => {
    const plan = (off: string) => HEAD + `resource dev "Dev" { ${off} }
task a "A" { duration 10d  assign dev }
task b "B" { duration 10d  assign dev }
task c "C" { duration 10d  assign dev }
`;
    const finishes = (a: Analysis) => ["a", "b", "c"].map((id) => dates(a, id));
    const none = run(plan(""));
    expect(finishes(none)).toEqual(["2027-01-04T08:00 → 2027-01-15T17:00", "2027-01-18T08:00 → 2027-01-29T17:00", "2027-02-01T08:00 → 2027-02-12T17:00"]);
    expect(finishes(run(plan("off 8029-11-25")))).toEqual(finishes(none));
    expect(finishes(run(plan("off 2027-01-25..2027-01-29  off 8029-11-25")))).toEqual([
      "2027-01-04T08:00 → 2027-01-15T17:00",
      "2027-02-01T08:00 → 2027-02-12T17:00", // after the leave: a task keeps its resource's days together
      "2027-02-15T08:00 → 2027-02-26T17:00",
    ]);
  });

  it("lets a higher priority go first", () => {
    const a = run(HEAD + `resource dev "Dev" { }
task a "A" { duration 2d  assign dev  priority 700 }
task b "B" { duration 3d  assign dev }
task c "C" { duration 1d  after b }
`);
    expect(dates(a, "a")).toBe("2027-01-04T08:00 → 2027-01-05T17:00");
    expect(dates(a, "b")).toBe("2027-01-06T08:00 → 2027-01-08T17:00");
    expect(dates(a, "c")).toBe("2027-01-11T08:00 → 2027-01-11T17:00");
    expect(overAllocations(a)).toEqual([]);
  });

  it("fills a pool and respects half-time shares", () => {
    const a = run(HEAD + `resource dev "Devs" { units 2 }
resource qa "QA" { }
task a "A" { duration 1d  assign dev }
task b "B" { duration 1d  assign dev }
task c "C" { duration 1d  assign dev }
task d "D" { duration 2d  assign qa 50% }
task e "E" { duration 2d  assign qa 50% }
`);
    expect(dates(a, "a")).toBe("2027-01-04T08:00 → 2027-01-04T17:00");
    expect(dates(a, "b")).toBe("2027-01-04T08:00 → 2027-01-04T17:00");
    expect(dates(a, "c")).toBe("2027-01-05T08:00 → 2027-01-05T17:00");
    expect(dates(a, "d")).toBe("2027-01-04T08:00 → 2027-01-05T17:00");
    expect(dates(a, "e")).toBe("2027-01-04T08:00 → 2027-01-05T17:00");
    expect(overAllocations(a)).toEqual([]);
  });

  it("does not book a resource during its days off", () => {
    const a = run(HEAD + `resource dev "Dev" { off 2027-01-06..2027-01-07 }
task a "A" { duration 2d  assign dev }
task b "B" { duration 2d  assign dev }
`);
    expect(dates(a, "a")).toBe("2027-01-04T08:00 → 2027-01-05T17:00");
    expect(dates(a, "b")).toBe("2027-01-08T08:00 → 2027-01-11T17:00");
    expect(overAllocations(a)).toEqual([]);
  });

  it("keeps tasks with actuals in place and works around them", () => {
    const a = run(`project "L" { start 2027-01-04  status 2027-01-05 }
resource dev "Dev" { }
task a "A" { duration 3d  assign dev  started 2027-01-04  done 30% }
task b "B" { duration 1d  assign dev }
`);
    const off = run(`project "L" { start 2027-01-04  status 2027-01-05 }
resource dev "Dev" { }
task a "A" { duration 3d  assign dev  started 2027-01-04  done 30% }
task b "B" { duration 1d  assign dev }
`, "off");
    expect(dates(a, "a")).toBe(dates(off, "a"));
    expect(a.schedule.tasks[index(a, "b")]!.start).toBeGreaterThanOrEqual(off.schedule.tasks[index(off, "a")]!.finish);
    expect(overAllocations(a)).toEqual([]);
  });

  it("moves only the tasks that depend on or compete with an edited task", () => {
    const plan = (d: number) => HEAD + `resource dev "Dev" { }
resource ops "Ops" { }
task a "A" { duration ${d}d  assign dev }
task b "B" { duration 2d  assign dev }
task c "C" { duration 1d  after a }
task x "X" { duration 2d  assign ops }
task y "Y" { duration 3d  assign ops }
task z "Z" { duration 1d  after y }
`;
    const before = run(plan(2));
    const after = run(plan(3));
    expect(run(plan(2)).schedule.tasks).toEqual(before.schedule.tasks); // deterministic
    const moved = before.plan.tasks
      .filter((t) => before.schedule.tasks[t.index]!.start !== after.schedule.tasks[t.index]!.start || before.schedule.tasks[t.index]!.finish !== after.schedule.tasks[t.index]!.finish)
      .map((t) => t.id);
    expect(moved.every((id) => ["a", "b", "c"].includes(id))).toBe(true);
    for (const id of ["x", "y", "z"]) expect(dates(after, id)).toBe(dates(before, id));
    expect(overAllocations(after)).toEqual([]);
  });

  it("leaves the plan unleveled when a resource never works in project time", () => {
    const text = HEAD + `calendar weekend { workweek sat-sun  hours 08:00-16:00 }
resource w "Weekender" { calendar weekend }
task a "A" { duration 1d  assign w }
task b "B" { duration 1d  assign w }
`;
    const on = run(text);
    const off = run(text, "off");
    expect(on.schedule.tasks).toEqual(off.schedule.tasks.map((t) => ({ ...t })));
  });

  it("levels a resource whose hours only partly overlap the project's", () => {
    // Plant 06:00–14:00 against office 09:00–17:00: the plant works 4 of 7 project hours a day.
    const a = run(`project "L" { start 2027-01-04  calendar office }
calendar office { workweek mon-fri  hours 09:00-12:00, 13:00-17:00 }
calendar plant { workweek mon-sat  hours 06:00-14:00 }
resource p "Plant" { calendar plant }
task a "A" { duration 2d  assign p }
task b "B" { duration 2d  assign p }
task c "C" { duration 4h  assign p }
`);
    expect(a.schedule.leveled).toBe(true);
    expect(overAllocations(a)).toEqual([]);
    expect(dates(a, "a")).toBe("2027-01-04T06:00 → 2027-01-05T14:00");
    const leveling = { kind: "leveling", resource: 0, competitor: index(a, "a"), inner: { kind: "projectStart" } };
    for (const id of ["b", "c"]) {
      expect(a.schedule.tasks[index(a, id)]!.driver).toEqual(leveling);
      expect(a.schedule.tasks[index(a, id)]!.start).toBeGreaterThanOrEqual(a.schedule.tasks[index(a, "a")]!.finish);
    }
    expect(a.schedule.tasks[index(a, "c")]!.start).toBeGreaterThanOrEqual(a.schedule.tasks[index(a, "b")]!.finish);
  });

  it("optimize is never longer than fast and leaves no over-allocation", () => {
    const text = HEAD + `resource dev "Dev" { units 2 }
task a "A" { duration 3d  assign dev }
task b "B" { duration 2d  assign dev }
task c "C" { duration 2d  assign dev  after a }
task d "D" { duration 4d  assign dev 200% }
task e "E" { duration 1d  assign dev  after b }
`;
    const fast = run(text);
    const opt = run(text, "optimize");
    expect(opt.schedule.finish).toBeLessThanOrEqual(fast.schedule.finish);
    expect(overAllocations(fast)).toEqual([]);
    expect(overAllocations(opt)).toEqual([]);
  });
});
