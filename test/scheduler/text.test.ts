// Plan text → analyze → exact dates: the scheduler through the real parser and lowering.
import { describe, expect, it } from "vitest";
import { analyze } from "../../core/analysis";
import { formatMinutes } from "../../core/dates";
import type { TaskSchedule } from "../../core/schedule";

function sched(text: string) {
  const a = analyze("file:///w/test.plan", { read: (uri) => (uri === "file:///w/test.plan" ? text : undefined), workspaceRoot: "/w" }, {});
  const byId = new Map(a.plan.tasks.map((t) => [t.id, t.index]));
  const task = (id: string): TaskSchedule => a.schedule.tasks[byId.get(id)!]!;
  return {
    a,
    task,
    dates: (id: string) => `${formatMinutes(task(id).start)} → ${formatMinutes(task(id).finish)}`,
    codes: () => a.diagnostics.map((d) => d.code),
    ids: (xs: number[]) => xs.map((i) => a.plan.tasks[i]!.id),
  };
}

describe("scheduling plan text", () => {
  it("schedules the language page's links example", () => {
    const s = sched(`project "Links" { start 2027-01-04 }
task a "A" { duration 5d }
task b "B" { duration 5d }
task c "C" { duration 3d  after a }
task d "D" { duration 3d  after a SS +2d }
task e "E" { duration 3d  after a FF, b -1d }
task f "F" { duration 1d  after b SF }
task g "G" { duration 1d  after c +2ed }
`);
    expect(s.codes()).toEqual([]);
    expect(s.dates("c")).toBe("2027-01-11T08:00 → 2027-01-13T17:00");
    expect(s.dates("d")).toBe("2027-01-06T08:00 → 2027-01-08T17:00");
    expect(s.dates("e")).toBe("2027-01-08T08:00 → 2027-01-12T17:00");
    expect(s.dates("f")).toBe("2027-01-04T08:00 → 2027-01-04T17:00");
    expect(s.dates("g")).toBe("2027-01-18T08:00 → 2027-01-18T17:00");
    expect(s.ids(s.a.schedule.criticalPath)).toEqual(["a", "c", "g"]);
    expect(s.task("b").totalSlack).toBe(4 * 480);
    expect(s.task("d").totalSlack).toBe(6 * 480);
  });

  it("works on a 7-hour office calendar with a holiday and a vacation", () => {
    const s = sched(`project "Cal" { start 2027-01-04  calendar office }
calendar office {
  workweek mon-fri
  hours    09:00-12:00, 13:00-17:00
  holiday  2027-01-18 "MLK Day"
}
resource dev "Dev" { rate 100/h  off 2027-01-19..2027-01-20 }
task a "A" { duration 10d }
task b "B" { duration 1d  after a }
task c "C" { effort 2d  assign dev  after a }
task h "H" { duration 4h  after b }
`);
    expect(s.codes()).toEqual([]);
    expect(s.dates("a")).toBe("2027-01-04T09:00 → 2027-01-15T17:00");
    expect(s.dates("b")).toBe("2027-01-19T09:00 → 2027-01-19T17:00");
    expect(s.task("b").driver).toMatchObject({ kind: "calendarGap", reason: "holiday", name: "MLK Day" });
    expect(s.dates("c")).toBe("2027-01-21T09:00 → 2027-01-22T17:00");
    expect(s.task("c").driver).toMatchObject({ kind: "calendarGap", reason: "holiday", inner: { kind: "predecessor" } });
    expect(s.task("c").work).toBe(14 * 60);
    expect(s.task("c").cost).toBe(14 * 10000);
    expect(s.dates("h")).toBe("2027-01-20T09:00 → 2027-01-20T14:00");
  });

  it("schedules the progress example", () => {
    const s = sched(`project "Progress" { start 2027-01-04  status 2027-01-13 }
resource dev "Dev" { rate 100/h }
task a "A" { duration 5d  started 2027-01-04  finished 2027-01-08  done 100%  spent 4100  assign dev }
task b "B" { duration 4d  after a  started 2027-01-11  done 50%  assign dev }
task c "C" { duration 2d  after b }
`);
    expect(s.dates("a")).toBe("2027-01-04T08:00 → 2027-01-08T17:00");
    expect(s.task("a").driver.kind).toBe("actual");
    expect(s.dates("b")).toBe("2027-01-11T08:00 → 2027-01-14T17:00");
    expect(s.task("b").driver.kind).toBe("statusDate");
    expect(s.dates("c")).toBe("2027-01-15T08:00 → 2027-01-18T17:00");
    expect(s.a.schedule.cost).toBe(72 * 10000);
  });

  it("schedules the constraints example and reports a missed deadline", () => {
    const s = sched(`project "Constraints" { start 2027-01-04 }
task a "A" { duration 2d  start no earlier than 2027-01-11 }
task b "B" { duration 2d  finish no later than 2027-01-29 }
task c "C" { duration 2d  start on 2027-01-18 }
task d "D" { duration 2d  as late as possible  after a }
milestone m "Review" { after c  deadline 2027-01-18 }
`);
    expect(s.dates("a")).toBe("2027-01-11T08:00 → 2027-01-12T17:00");
    expect(s.dates("c")).toBe("2027-01-18T08:00 → 2027-01-19T17:00");
    expect(s.dates("d")).toBe("2027-01-18T08:00 → 2027-01-19T17:00");
    expect(s.task("d").driver).toEqual({ kind: "lateDates" });
    expect(s.dates("m")).toBe("2027-01-19T17:00 → 2027-01-19T17:00");
    const missed = s.a.diagnostics.filter((d) => d.code === "GANTRY307");
    expect(missed.map((d) => d.message)).toEqual(['"Review" finishes on 2027-01-19, 1 working day after its deadline 2027-01-18. Driving chain: c → m.']);
    // The range is the deadline's date on line 6.
    expect(missed[0]!.range.start.line).toBe(5);
  });

  // A phase's constraint binds every task inside it, at any depth; a nested phase's own
  // constraint binds too, and the tighter one wins.
  it("binds the tasks of nested phases by every enclosing phase's constraints", () => {
    const s = sched(`project "Nested" { start 2027-01-04 }
task outer "Outer" {
  start no earlier than 2027-01-11
  finish no later than 2027-01-29
  task inner "Inner" {
    task deep "Deep" { duration 2d }
    task second "Second" { duration 2d  start no earlier than 2027-01-18 }
  }
  task pinned "Pinned" {
    start no earlier than 2027-01-06
    task early "Early" { duration 1d }
  }
  task tight "Tight" {
    finish no later than 2027-01-13
    task last "Last" { duration 3d  as late as possible }
  }
}
`);
    expect(s.dates("outer.inner.deep")).toBe("2027-01-11T08:00 → 2027-01-12T17:00");
    expect(s.dates("outer.inner.second")).toBe("2027-01-18T08:00 → 2027-01-19T17:00");
    // The phase's own, earlier date does not free it from the outer phase's.
    expect(s.dates("outer.pinned.early")).toBe("2027-01-11T08:00 → 2027-01-11T17:00");
    // As late as its phase lets it finish (the project ends later, on the 19th).
    expect(s.dates("outer.tight.last")).toBe("2027-01-11T08:00 → 2027-01-13T17:00");
    expect(s.codes()).toEqual([]);
  });

  it("splits effort over a pool and prices a daily rate", () => {
    const s = sched(`project "Res" { start 2027-01-04  budget 2000 }
resource dev  "Devs" { rate 95/h  units 3 }
resource acme "Acme" { kind vendor  rate 1400/d }
task build "Build" { budget 1000
  task code "Code" { effort 12d  assign dev 200% }
  task host "Host" { duration 2d  assign acme  after code  cost 120.50 "Freight" }
}
`);
    expect(s.dates("build.code")).toBe("2027-01-04T08:00 → 2027-01-11T17:00");
    expect(s.dates("build.host")).toBe("2027-01-12T08:00 → 2027-01-13T17:00");
    expect(s.task("build.code").cost).toBe(96 * 9500);
    expect(s.task("build").cost).toBe(96 * 9500 + 280000 + 12050);
    expect(s.a.diagnostics.filter((d) => d.code === "GANTRY403").map((d) => d.message)).toEqual([
      "The project costs 12,040.50, 10,040.50 over its budget of 2,000.00.",
      '"Build" costs 12,040.50, 11,040.50 over its budget of 1,000.00.',
    ]);
  });
});
