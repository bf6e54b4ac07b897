import { describe, expect, it } from "vitest";
import { run } from "./helpers";
import { calendar } from "./build";

describe("durations and links", () => {
  it("chains finish-to-start at the next working hour", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "design", duration: "5d" },
        { id: "build", duration: "10d", after: ["design"] },
        { id: "live", milestone: true, after: ["build"], deadline: "2027-02-15" },
      ],
    });
    expect(r.dates("design")).toBe("2027-01-04T08:00 → 2027-01-08T17:00");
    expect(r.dates("build")).toBe("2027-01-11T08:00 → 2027-01-22T17:00");
    expect(r.dates("live")).toBe("2027-01-22T17:00 → 2027-01-22T17:00");
    expect(r.result.criticalPath.map(r.id)).toEqual(["design", "build", "live"]);
    expect(r.task("build").driver).toEqual({ kind: "predecessor", task: 0, type: "FS", lag: { minutes: 0, elapsed: false } });
    expect(r.task("design").driver).toEqual({ kind: "projectStart" });
    expect(r.result.diagnostics).toEqual([]);
  });

  it("works in hours: a 4h task from 13:00 ends at 17:00, its successor starts next morning", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "a", duration: "4h" },
        { id: "b", duration: "4h", after: ["a"] },
        { id: "c", duration: "4h", after: ["b"] },
      ],
    });
    expect(r.dates("a")).toBe("2027-01-04T08:00 → 2027-01-04T12:00");
    expect(r.dates("b")).toBe("2027-01-04T13:00 → 2027-01-04T17:00");
    expect(r.dates("c")).toBe("2027-01-05T08:00 → 2027-01-05T12:00");
  });

  it("applies the four link types with lags and leads", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "a", duration: "5d" },
        { id: "b", duration: "5d" },
        { id: "c", duration: "3d", after: ["a"] },
        { id: "d", duration: "3d", after: [{ id: "a", type: "SS", lag: "2d" }] },
        { id: "e", duration: "3d", after: [{ id: "a", type: "FF" }, { id: "b", lag: "-1d" }] },
        { id: "f", duration: "1d", after: [{ id: "b", type: "SF" }] },
        { id: "g", duration: "1d", after: [{ id: "c", lag: "2ed" }] },
        { id: "h", duration: "1d", after: [{ id: "c", lag: "4h" }] },
      ],
    });
    expect(r.dates("c")).toBe("2027-01-11T08:00 → 2027-01-13T17:00");
    expect(r.dates("d")).toBe("2027-01-06T08:00 → 2027-01-08T17:00");
    // FF a → finish ≥ Fri 17:00 → start Wed; FS b −1d → start Fri 08:00: the later wins.
    expect(r.dates("e")).toBe("2027-01-08T08:00 → 2027-01-12T17:00");
    expect(r.task("e").driver).toMatchObject({ kind: "predecessor", task: 1, type: "FS" });
    // SF: finish ≥ b's start (Mon 08:00): before the project start, so the project start wins.
    expect(r.dates("f")).toBe("2027-01-04T08:00 → 2027-01-04T17:00");
    // 2 elapsed days after Wed 17:00 is Fri 17:00 → next working minute Mon 08:00.
    expect(r.dates("g")).toBe("2027-01-18T08:00 → 2027-01-18T17:00");
    expect(r.dates("h")).toBe("2027-01-14T13:00 → 2027-01-15T12:00");
  });

  it("expands a phase as predecessor and passes a phase's links to its tasks", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "p" },
        { id: "p1", parent: "p", duration: "2d" },
        { id: "p2", parent: "p", duration: "4d" },
        { id: "x", duration: "1d" },
        { id: "q", after: ["p"] },
        { id: "q1", parent: "q", duration: "1d" },
        { id: "q2", parent: "q", duration: "1d", after: ["q1"] },
        { id: "y", duration: "1d", after: ["q"] },
      ],
    });
    expect(r.dates("p")).toBe("2027-01-04T08:00 → 2027-01-07T17:00");
    expect(r.dates("q1")).toBe("2027-01-08T08:00 → 2027-01-08T17:00");
    expect(r.task("q1").driver).toMatchObject({ kind: "predecessor", task: 2 });
    expect(r.dates("q2")).toBe("2027-01-11T08:00 → 2027-01-11T17:00");
    expect(r.dates("y")).toBe("2027-01-12T08:00 → 2027-01-12T17:00");
    expect(r.result.criticalPath.map(r.id)).toEqual(["p2", "q1", "q2", "y"]);
    expect(r.task("x").totalSlack).toBe(6 * 480);
    expect(r.task("p1").totalSlack).toBe(2 * 480);
    expect(r.task("p1").freeSlack).toBe(2 * 480);
    expect(r.task("p2").totalSlack).toBe(0);
    expect(r.task("p").critical).toBe(true);
  });

  // The validator reports such links (GANTRY311) and lowering drops them; a plan built
  // without it still schedules as if they were not there, at any depth and either way.
  it("leaves out links between a phase and a task inside it", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "p", after: ["p2"] },
        { id: "s", parent: "p" },
        { id: "p1", parent: "s", duration: "2d", after: ["p"] },
        { id: "p2", parent: "s", duration: "1d", after: ["p1"] },
        { id: "q", duration: "3d", after: ["s"] },
      ],
    });
    expect(r.dates("p1")).toBe("2027-01-04T08:00 → 2027-01-05T17:00");
    expect(r.dates("p2")).toBe("2027-01-06T08:00 → 2027-01-06T17:00");
    expect(r.dates("p")).toBe("2027-01-04T08:00 → 2027-01-06T17:00");
    expect(r.dates("q")).toBe("2027-01-07T08:00 → 2027-01-11T17:00");
    expect(r.result.diagnostics).toEqual([]);
  });

  it("skips cycle members and schedules the rest", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "a", duration: "1d", after: ["b"] },
        { id: "b", duration: "1d", after: ["a"] },
        { id: "c", duration: "2d" },
        { id: "d", duration: "1d", after: ["c", "a"] },
      ],
    });
    expect(r.task("a").unscheduled).toBe(true);
    expect(r.task("b").unscheduled).toBe(true);
    expect(r.task("c").unscheduled).toBeUndefined();
    expect(r.dates("d")).toBe("2027-01-06T08:00 → 2027-01-06T17:00");
  });
});

describe("calendars", () => {
  it("waits over a holiday and says so", () => {
    const r = run({
      start: "2027-01-04",
      calendar: calendar({ holidays: [["2027-01-18", "2027-01-18", "MLK Day"]] }),
      tasks: [
        { id: "a", duration: "10d" },
        { id: "b", duration: "1d", after: ["a"] },
        { id: "c", duration: "11d" },
      ],
    });
    expect(r.dates("a")).toBe("2027-01-04T08:00 → 2027-01-15T17:00");
    expect(r.dates("b")).toBe("2027-01-19T08:00 → 2027-01-19T17:00");
    expect(r.task("b").driver).toMatchObject({ kind: "calendarGap", reason: "holiday", name: "MLK Day", inner: { kind: "predecessor", task: 0 } });
    expect(r.dates("c")).toBe("2027-01-04T08:00 → 2027-01-19T17:00");
  });

  it("runs effort over the intersection of resource calendars and vacations", () => {
    const r = run({
      start: "2027-01-04",
      resources: [
        { id: "pm", rate: [11000, "h"] },
        { id: "dev", rate: [9500, "h"], off: [["2027-01-05", "2027-01-06", "Ski trip"]] },
      ],
      tasks: [
        { id: "t", effort: "10d", assign: [["pm"], ["dev"]] },
        { id: "u", duration: "1d", assign: [["dev"]], snet: "2027-01-05" },
      ],
    });
    // 10d of effort on two people at 100% is 5d, but dev is away Tue–Wed.
    expect(r.dates("t")).toBe("2027-01-04T08:00 → 2027-01-12T17:00");
    expect(r.task("t").work).toBe(10 * 480);
    expect(r.task("t").cost).toBe(40 * 11000 + 40 * 9500);
    expect(r.dates("u")).toBe("2027-01-07T08:00 → 2027-01-07T17:00");
    expect(r.task("u").driver).toMatchObject({ kind: "calendarGap", reason: "resourceOff", name: "Ski trip", resource: 1, inner: { kind: "constraint" } });
  });

  it("counts elapsed durations in clock time", () => {
    const r = run({ start: "2027-01-04", tasks: [{ id: "ship", duration: "3ed" }, { id: "next", duration: "1d", after: ["ship"] }] });
    expect(r.dates("ship")).toBe("2027-01-04T08:00 → 2027-01-07T08:00");
    expect(r.dates("next")).toBe("2027-01-07T08:00 → 2027-01-07T17:00");
  });

  it("uses a 24/7 calendar for a resource on it", () => {
    const dc = calendar({ id: "dc", workdays: "1111111", hours: [[0, 24]] });
    const r = run({ start: "2027-01-04", resources: [{ id: "ops", calendar: dc }], tasks: [{ id: "move", effort: "16h", assign: [["ops"]] }] });
    // The task works when its resource works: 24/7, from the project start at midnight.
    expect(r.dates("move")).toBe("2027-01-04T00:00 → 2027-01-04T16:00");
  });
});
