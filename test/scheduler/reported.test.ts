// Reported problems, each pinned with exact values: over-allocation from rounding, capped
// GANTRY402 messages, slack after leveling, slack of started tasks, reached milestones.
import { describe, expect, it } from "vitest";
import { formatMinutes } from "../../core/dates";
import { analyzeText, taskIndex } from "../semantic/helpers";

type Analysis = ReturnType<typeof analyzeText>;
const task = (a: Analysis, id: string) => a.schedule.tasks[taskIndex(a, id)]!;
const dates = (a: Analysis, id: string) => `${formatMinutes(task(a, id).start)} → ${formatMinutes(task(a, id).finish)}`;
const codesOf = (a: Analysis) => a.diagnostics.map((d) => d.code);

describe("over-allocation (GANTRY402)", () => {
  it("does not fire for back-to-back half-time bookings that fill the day exactly", () => {
    // t: 2d of effort over shares 1 + 2 + 0.5 + 1 = 4.5 takes 213 min (213.33 rounded), so
    // dba works 0.5 × 213 = 106.5 min; t2 follows at 11:33 and dba works 0.5 × 267 =
    // 133.5 min of the rest of the day: 240 min, exactly half of 480.
    const a = analyzeText(`project "R" { start 2027-01-04 }
resource pm "PM" {}
resource dev "Dev" { units 3 }
resource dba "DBA" { units 50% }
resource acme "Acme" { kind vendor }
task t "Work" { effort 2d  assign pm, dev 200%, dba, acme }
task t2 "Tuning" { effort 5d  assign dba  after t }`);
    expect(codesOf(a)).toEqual([]);
    expect(dates(a, "t")).toBe("2027-01-04T08:00 → 2027-01-04T11:33");
    expect(dates(a, "t2")).toBe("2027-01-04T11:33 → 2027-01-18T11:33");
    const dba = a.plan.resources.findIndex((r) => r.id === "dba");
    const day = a.plan.project.start;
    expect([...a.schedule.bookings].filter((b) => b.resource === dba && b.day === day).map((b) => [b.task, b.minutes])).toEqual([
      [0, 107], // 106.5 rounded for display; the check uses the exact minutes
      [1, 134],
    ]);
  });

  it("still fires when the exact demand is over capacity", () => {
    const a = analyzeText(`project "R" { start 2027-01-04 }
resource dba "DBA" { units 50% }
task a "A" { duration 1d  assign dba }
task b "B" { duration 1h  assign dba 10% }`);
    expect(a.diagnostics.map((d) => d.message)).toEqual([
      "dba is over-allocated on 2027-01-04 by a, b: more work is booked than its capacity. Move a task, lower a share, or turn leveling on.",
    ]);
  });

  it("lists at most five day ranges and five tasks, with related locations for the tasks shown", () => {
    const days = ["2027-01-04", "2027-01-06", "2027-01-08", "2027-01-12", "2027-01-14", "2027-01-18", "2027-01-20"];
    const tasks = days.flatMap((d, k) =>
      ["a", "b"].map((x) => `task p${k}${x} "P${k}${x}" { duration 1d  assign sam  start no earlier than ${d} }`),
    );
    const a = analyzeText(`project "Big" { start 2027-01-04 }\nresource sam "Sam" {}\n${tasks.join("\n")}`);
    const over = a.diagnostics.filter((d) => d.code === "GANTRY402");
    expect(over.map((d) => d.message)).toEqual([
      "sam is over-allocated on 2027-01-04, 2027-01-06, 2027-01-08, 2027-01-12, 2027-01-14 and 2 more " +
        "by p0a, p0b, p1a, p1b, p2a and 9 more: more work is booked than its capacity. Move a task, lower a share, or turn leveling on.",
    ]);
    expect(over[0]!.related!.map((r) => [r.range.start.line, r.range.start.col, r.message])).toEqual([
      [2, 5, "p0a books sam"],
      [3, 5, "p0b books sam"],
      [4, 5, "p1a books sam"],
      [5, 5, "p1b books sam"],
      [6, 5, "p2a books sam"],
    ]);
  });
});

describe("slack after leveling", () => {
  it("measures slack on the leveled schedule, with the delay as a link", () => {
    const a = analyzeText(`project "L" { start 2027-01-04  leveling on }
resource sam "Sam" {}
task a "A" { duration 3d  assign sam  priority 800 }
task b "B" { duration 2d  assign sam }
task c "C" { duration 1d  after a, b }
task e "E" { duration 1d }`);
    expect(dates(a, "b")).toBe("2027-01-07T08:00 → 2027-01-08T17:00");
    expect(dates(a, "c")).toBe("2027-01-11T08:00 → 2027-01-11T17:00");
    // Unleveled, b had 1d of slack and E 3d; leveled, A holds Sam for B, so A → B → C is
    // critical and E can slip to the leveled finish, Jan 11: 5 working days.
    expect(["a", "b", "c", "e"].map((id) => [task(a, id).totalSlack, task(a, id).critical])).toEqual([
      [0, true],
      [0, true],
      [0, true],
      [5 * 480, false],
    ]);
    expect(formatMinutes(task(a, "a").lateFinish)).toBe("2027-01-06T17:00");
  });
});

describe("slack of started tasks", () => {
  const plan = (extra: string) => `project "S" { start 2027-01-04  status 2027-01-13 }
task a "A" { duration 5d  started 2027-01-04  done 20% }
task b "B" { duration 1d  after a ${extra} }`;

  it("gives a task that resumes after the status date no negative slack without a constraint", () => {
    const a = analyzeText(plan(""));
    // 1d done on Jan 4; the other 4d resume on the status date, Jan 13 → Jan 18.
    expect(dates(a, "a")).toBe("2027-01-04T08:00 → 2027-01-18T17:00");
    expect(dates(a, "b")).toBe("2027-01-19T08:00 → 2027-01-19T17:00");
    // Its late finish is B's late start (next working minute): no slack either way.
    expect([task(a, "a").totalSlack, task(a, "a").critical, formatMinutes(task(a, "a").lateFinish)]).toEqual([0, true, "2027-01-19T08:00"]);
    expect(codesOf(a)).toEqual([]);
  });

  it("does not bound a started task's finish by a link from its start", () => {
    // C started 2d after A started, as its SS link asks; both starts are history, so C's
    // fixed late start must not cap A's late finish at Jan 4 + 5d (which gave -6d).
    const a = analyzeText(plan("") + `\ntask c "C" { duration 2d  after a SS +2d  started 2027-01-06  done 50% }`);
    expect(dates(a, "c")).toBe("2027-01-06T08:00 → 2027-01-13T17:00");
    expect([task(a, "a").totalSlack, task(a, "c").totalSlack]).toEqual([0, 4 * 480]);
    expect(codesOf(a)).toEqual([]);
  });

  it("reports GANTRY308 when a constraint causes the negative slack", () => {
    const a = analyzeText(plan(" finish no later than 2027-01-15"));
    // B must end Jan 15, so A must end Jan 14 17:00: 2 working days before Jan 18 17:00.
    expect([task(a, "a").totalSlack, task(a, "b").totalSlack]).toEqual([-2 * 480, -2 * 480]);
    expect(codesOf(a)).toEqual(["GANTRY308"]);
  });
});

describe("reached milestones", () => {
  it("needs only `finished` and sits at the end of that day's work", () => {
    const a = analyzeText(`project "M" { start 2027-01-04  status 2027-01-13 }
task a "A" { duration 2d  started 2027-01-04  finished 2027-01-05  done 100% }
milestone m "M" { after a  finished 2027-01-06 }
milestone n "N" { after a  started 2027-01-06  finished 2027-01-06 }
task b "B" { duration 1d  after m }`);
    expect(codesOf(a)).toEqual([]);
    expect(dates(a, "m")).toBe("2027-01-06T17:00 → 2027-01-06T17:00");
    expect(dates(a, "n")).toBe("2027-01-06T17:00 → 2027-01-06T17:00");
    expect([task(a, "m").done, a.plan.tasks[taskIndex(a, "m")]!.done]).toEqual([1, 1]);
    // B has not started: it waits for the status date.
    expect(dates(a, "b")).toBe("2027-01-13T08:00 → 2027-01-13T17:00");
  });

  it("still warns when a milestone's progress contradicts its finish", () => {
    const a = analyzeText(`project "M" { start 2027-01-04  status 2027-01-13 }
milestone m "M" { finished 2027-01-06  done 50% }`);
    expect(codesOf(a)).toEqual(["GANTRY313"]);
  });
});

describe("missed deadline overrun (GANTRY307)", () => {
  it("counts a milestone at the start of the next working day as one day late, and a half day as 0.5", () => {
    const a = analyzeText(`project "D" { start 2027-01-04 }
milestone m "Review" { start no earlier than 2027-01-11  deadline 2027-01-08 }
task t "Fix" { duration 4h  start no earlier than 2027-01-11  deadline 2027-01-08 }`);
    expect(dates(a, "m")).toBe("2027-01-11T08:00 → 2027-01-11T08:00");
    expect(a.diagnostics.filter((d) => d.code === "GANTRY307").map((d) => d.message.split(". ")[0])).toEqual([
      `"Review" finishes on 2027-01-11, 1 working day after its deadline 2027-01-08`,
      `"Fix" finishes on 2027-01-11, 0.5 working days after its deadline 2027-01-08`,
    ]);
  });
});
