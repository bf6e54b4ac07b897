import { describe, expect, it } from "vitest";
import { run } from "./helpers";
import { formatMinutes } from "../../core/dates";

describe("constraints and deadlines", () => {
  it("starts no earlier than, must start on, as late as possible", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "a", duration: "2d", snet: "2027-01-11" },
        { id: "b", duration: "2d", fnlt: "2027-01-29" },
        { id: "c", duration: "2d", startOn: "2027-01-18" },
        { id: "d", duration: "2d", alap: true, after: ["a"] },
      ],
    });
    expect(r.dates("a")).toBe("2027-01-11T08:00 → 2027-01-12T17:00");
    expect(r.task("a").driver).toEqual({ kind: "constraint", constraint: "startNoEarlierThan", day: r.plan.tasks[0]!.constraints[0]!.day });
    expect(r.dates("b")).toBe("2027-01-04T08:00 → 2027-01-05T17:00");
    expect(r.dates("c")).toBe("2027-01-18T08:00 → 2027-01-19T17:00");
    // The project ends with c on Tue 19th: d ends then too.
    expect(r.dates("d")).toBe("2027-01-18T08:00 → 2027-01-19T17:00");
    expect(r.task("d").driver).toEqual({ kind: "lateDates" });
    expect(formatMinutes(r.task("d").earlyStart)).toBe("2027-01-13T08:00");
    expect(r.task("d").totalSlack).toBe(3 * 480);
    expect(r.result.diagnostics).toEqual([]);
  });

  it("reports negative slack when logic misses finish no later than", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "a", duration: "5d" },
        { id: "b", duration: "5d", after: ["a"], fnlt: "2027-01-13" },
        { id: "c", duration: "1d", after: ["b"] },
      ],
    });
    expect(r.dates("b")).toBe("2027-01-11T08:00 → 2027-01-15T17:00");
    expect(r.task("b").totalSlack).toBe(-2 * 480);
    expect(r.task("a").totalSlack).toBe(-2 * 480);
    expect(r.task("c").totalSlack).toBe(0);
    expect(r.task("a").critical).toBe(true);
    expect(r.result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["GANTRY308", '"b" cannot finish by 2027-01-13: the logic finishes it on 2027-01-15, 2 working days of negative slack. Driving chain: a → b.'],
    ]);
  });

  it("reports a start-on date its predecessor cannot meet", () => {
    const r = run({ start: "2027-01-04", tasks: [{ id: "a", duration: "5d" }, { id: "b", duration: "1d", after: ["a"], startOn: "2027-01-06" }] });
    expect(r.dates("b")).toBe("2027-01-06T08:00 → 2027-01-06T17:00");
    expect(r.task("a").totalSlack).toBe(-3 * 480);
    expect(r.result.diagnostics.map((d) => d.code)).toEqual(["GANTRY308"]);
    expect(r.result.diagnostics[0]!.message).toContain("predecessor a");
  });

  it("never moves a task for a deadline, and gives the overrun and chain", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "design", duration: "5d" },
        { id: "build", duration: "10d", after: ["design"] },
        { id: "live", milestone: true, after: ["build"], deadline: "2027-01-20" },
      ],
    });
    expect(r.dates("live")).toBe("2027-01-22T17:00 → 2027-01-22T17:00");
    expect(r.result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["GANTRY307", '"live" finishes on 2027-01-22, 2 working days after its deadline 2027-01-20. Driving chain: design → build → live.'],
    ]);
  });

  it("gives a phase's missed deadline the chain of its last task", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [{ id: "a", duration: "3d" }, { id: "p", deadline: "2027-01-07" }, { id: "p1", parent: "p", duration: "1d", after: ["a"] }, { id: "p2", parent: "p", duration: "4h", after: ["p1"] }],
    });
    expect(r.result.diagnostics.map((d) => d.message)).toEqual([
      '"p" finishes on 2027-01-08, 0.5 working days after its deadline 2027-01-07. Driving chain: a → p1 → p2.',
    ]);
  });
});

describe("progress", () => {
  it("fixes finished tasks, resumes started ones after the status date, holds the rest", () => {
    const r = run({
      start: "2027-01-04",
      status: "2027-01-13",
      resources: [{ id: "dev", rate: [10000, "h"] }],
      tasks: [
        { id: "a", duration: "5d", started: "2027-01-04", finished: "2027-01-08", assign: [["dev"]] },
        { id: "b", duration: "4d", after: ["a"], started: "2027-01-11", done: 0.5, assign: [["dev"]] },
        { id: "c", duration: "2d", after: ["b"] },
        { id: "d", duration: "1d" },
        { id: "e", duration: "4d", started: "2027-01-04", done: 0.25 },
      ],
    });
    expect(r.dates("a")).toBe("2027-01-04T08:00 → 2027-01-08T17:00");
    expect(r.task("a").driver).toEqual({ kind: "actual", day: r.plan.tasks[0]!.started });
    expect(r.dates("b")).toBe("2027-01-11T08:00 → 2027-01-14T17:00");
    expect(r.task("b").driver).toEqual({ kind: "statusDate", day: r.plan.project.status });
    expect(r.dates("c")).toBe("2027-01-15T08:00 → 2027-01-18T17:00");
    expect(r.dates("d")).toBe("2027-01-13T08:00 → 2027-01-13T17:00");
    expect(r.task("d").driver).toEqual({ kind: "statusDate", day: r.plan.project.status });
    // e did 1d of 4 on Monday; 3d remain from the status date.
    expect(r.dates("e")).toBe("2027-01-04T08:00 → 2027-01-15T17:00");
    expect(r.task("b").work).toBe(4 * 480);
    const bBookings = [...r.result.bookings].filter((b) => b.task === 1).map((b) => [b.day - r.plan.project.start, b.minutes]);
    expect(bBookings).toEqual([[7, 480], [8, 480], [9, 480], [10, 480]]);
    const eSegments = r.task("e").duration;
    expect(eSegments).toBe(10 * 480);
  });
});
