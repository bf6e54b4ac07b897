import { describe, expect, it } from "vitest";
import { run } from "./helpers";
import { formatMinutes } from "../../core/dates";
import { capacityOn } from "../../core/scheduler/cost";

describe("more scheduling rules", () => {
  it("starts an elapsed task the moment its predecessor ends", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "pour", duration: "4d" },
        { id: "cure", duration: "2ed", after: ["pour"] },
        { id: "frame", duration: "1d", after: ["cure"] },
      ],
    });
    expect(r.dates("cure")).toBe("2027-01-07T17:00 → 2027-01-09T17:00");
    expect(r.dates("frame")).toBe("2027-01-11T08:00 → 2027-01-11T17:00");
    expect(r.task("cure").duration).toBe(2 * 1440);
  });

  it("marks every task of a cycle through a phase unscheduled and keeps the others", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "x", duration: "1d", after: ["p"] },
        { id: "p" },
        { id: "p1", parent: "p", duration: "1d", after: ["x"] },
        { id: "y", duration: "2d" },
      ],
    });
    expect(["x", "p", "p1", "y"].map((id) => r.task(id).unscheduled ?? false)).toEqual([true, true, true, false]);
    expect(r.dates("y")).toBe("2027-01-04T08:00 → 2027-01-05T17:00");
    expect(r.result.criticalPath.map(r.id)).toEqual(["y"]);
  });

  it("computes late dates through finish-to-finish and start-to-finish links", () => {
    const r = run({
      start: "2027-01-04",
      tasks: [
        { id: "a", duration: "2d" },
        { id: "b", duration: "5d", after: [{ id: "a", type: "FF" }] },
        { id: "c", duration: "1d", after: [{ id: "a", type: "SF", lag: "1d" }] },
        { id: "z", duration: "6d" },
      ],
    });
    expect(r.dates("b")).toBe("2027-01-04T08:00 → 2027-01-08T17:00");
    // a may finish as late as b's late finish (the project end, Mon 11th): 1 day of slack.
    expect(formatMinutes(r.task("a").lateFinish)).toBe("2027-01-11T17:00");
    expect(r.task("a").totalSlack).toBe(480 * 4);
    // SF +1d: c finishes no earlier than 1 working day after a starts: Mon 17:00.
    expect(r.dates("c")).toBe("2027-01-04T08:00 → 2027-01-04T17:00");
    expect(r.task("z").critical).toBe(true);
  });

  it("does not flag a pool working within its units", () => {
    const r = run({
      start: "2027-01-04",
      resources: [{ id: "dev", units: 3 }],
      tasks: [
        { id: "a", duration: "2d", assign: [["dev", 2]] },
        { id: "b", duration: "2d", assign: [["dev"]] },
        { id: "c", duration: "1d", assign: [["dev"]], after: ["b"] },
      ],
    });
    expect(r.result.diagnostics).toEqual([]);
    const dev = r.plan.resources[0]!;
    expect([capacityOn(dev, r.plan.project.start), capacityOn(dev, r.plan.project.start + 1)]).toEqual([1440, 1440]);
  });
});

describe("network exports for the leveler", () => {
  it("expands phase links to leaves and places a leaf at a time", async () => {
    const { networkFor, leafPredecessors, placeAt } = await import("../../core/scheduler/network");
    const { parseMinutes } = await import("../../core/dates");
    const { plan } = await import("./build");
    const p = plan({
      start: "2027-01-04",
      tasks: [
        { id: "p" },
        { id: "p1", parent: "p", duration: "1d" },
        { id: "p2", parent: "p", duration: "2d" },
        { id: "q", after: [{ id: "p", lag: "1d" }] },
        { id: "q1", parent: "q", duration: "4h", after: ["x"] },
        { id: "x", duration: "1d" },
      ],
    });
    const net = networkFor(p);
    expect(networkFor(p)).toBe(net);
    expect(leafPredecessors(net, 4).map((l) => [l.from, l.type, l.lag.minutes])).toEqual([[5, "FS", 0], [1, "FS", 480], [2, "FS", 480]]);
    const at = placeAt(net, 4, parseMinutes("2027-01-08T15:00")!);
    expect([formatMinutes(at.start), formatMinutes(at.finish)]).toEqual(["2027-01-08T15:00", "2027-01-11T10:00"]);
  });
});

describe("calendar gap reasons", () => {
  it.each([
    // A project starting on a Saturday waits for Monday.
    [{ start: "2027-01-02", tasks: [{ id: "a", duration: "1d" }] }, "2027-01-04T08:00", { kind: "calendarGap", reason: "weekend", inner: { kind: "projectStart" } }],
    // An elapsed lag that lands in the evening waits for the next morning.
    [{ start: "2027-01-04", tasks: [{ id: "x", duration: "1d" }, { id: "a", duration: "1d", after: [{ id: "x", lag: "3eh" }] }] }, "2027-01-05T08:00", { kind: "calendarGap", reason: "offHours", inner: { kind: "predecessor" } }],
    // A start-no-earlier-than on a working morning is not a gap.
    [{ start: "2027-01-04", tasks: [{ id: "a", duration: "1d", snet: "2027-01-05" }] }, "2027-01-05T08:00", { kind: "constraint" }],
  ])("%#", (spec, start, driver) => {
    const r = run(spec as Parameters<typeof run>[0]);
    expect(formatMinutes(r.task("a").start)).toBe(start);
    expect(r.task("a").driver).toMatchObject(driver);
  });
});
