import { describe, expect, it } from "vitest";
import { run } from "./helpers";
import { day } from "./build";
import { capacityOn } from "../../core/scheduler/cost";
import { BookingColumns, Bookings, type Booking } from "../../core/schedule";

describe("work and cost", () => {
  it("spreads effort over shares and prices hours and days", () => {
    const r = run({
      start: "2027-01-04",
      resources: [
        { id: "pm", rate: [11000, "h"] },
        { id: "dev", rate: [9500, "h"], units: 3 },
        { id: "dba", rate: [12000, "h"], units: 0.5 },
        { id: "acme", rate: [140000, "d"] },
      ],
      tasks: [
        { id: "pool", effort: "12d", assign: [["dev", 2]] },
        { id: "half", effort: "2d", assign: [["dba", 0.5]] },
        { id: "vendor", duration: "2d", assign: [["acme"]], costs: [[120000, "Freight"]] },
      ],
    });
    expect(r.dates("pool")).toBe("2027-01-04T08:00 → 2027-01-11T17:00");
    expect(r.task("pool").work).toBe(12 * 480);
    expect(r.task("pool").cost).toBe(96 * 9500);
    expect(r.dates("half")).toBe("2027-01-04T08:00 → 2027-01-07T17:00");
    expect(r.task("half").cost).toBe(16 * 12000);
    expect(r.task("vendor").cost).toBe(2 * 140000 + 120000);
    expect(r.result.cost).toBe(96 * 9500 + 16 * 12000 + 2 * 140000 + 120000);
    expect(r.result.resources.map((l) => [l.work, l.cost])).toEqual([[0, 0], [12 * 480, 96 * 9500], [16 * 60, 16 * 12000], [960, 280000]]);
    const week = [0, 1, 2, 3, 4, 5, 6].map((k) => r.plan.project.start + k);
    expect(week.map((d) => capacityOn(r.plan.resources[1]!, d))).toEqual([1440, 1440, 1440, 1440, 1440, 0, 0]);
    expect(capacityOn(r.plan.resources[2]!, week[0]!)).toBe(240);
  });

  it("rounds money once per task and resource, then sums cents", () => {
    const r = run({
      start: "2027-01-04",
      resources: [{ id: "x", rate: [9533, "h"] }],
      tasks: [
        { id: "p" },
        { id: "a", parent: "p", duration: "7h", assign: [["x", 0.5]] },
        { id: "b", parent: "p", duration: "7h", assign: [["x", 0.5]], after: ["a"] },
      ],
    });
    expect(r.task("a").cost).toBe(33366); // 3.5 h × 95.33 = 333.655
    expect(r.task("p").cost).toBe(66732);
    expect(r.result.cost).toBe(66732);
  });

  it("rolls up work, cost and work-weighted progress", () => {
    const r = run({
      start: "2027-01-04",
      resources: [{ id: "x", rate: [10000, "h"] }],
      tasks: [
        { id: "p", costs: [[5000]] },
        { id: "a", parent: "p", duration: "3d", assign: [["x"]], done: 1, started: "2027-01-04", finished: "2027-01-06" },
        { id: "b", parent: "p", duration: "1d", assign: [["x"]], after: ["a"] },
      ],
    });
    expect(r.task("p").work).toBe(4 * 480);
    expect(r.task("p").cost).toBe(32 * 10000 + 5000);
    expect(r.task("p").done).toBe(0.75);
    expect(r.dates("p")).toBe("2027-01-04T08:00 → 2027-01-07T17:00");
    expect(r.task("p").duration).toBe(4 * 480);
  });

  it("warns over budget with the amount", () => {
    const r = run({
      start: "2027-01-04",
      budget: 70000,
      resources: [{ id: "x", rate: [10000, "h"] }],
      tasks: [{ id: "p", budget: 50000 }, { id: "a", parent: "p", duration: "1d", assign: [["x"]] }, { id: "b", duration: "1d", budget: 100000 }],
    });
    expect(r.result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["GANTRY403", '"p" costs 800.00 USD, 300.00 USD over its budget of 500.00 USD.'],
      ["GANTRY403", "The project costs 800.00 USD, 100.00 USD over its budget of 700.00 USD."],
    ]);
  });
});

describe("bookings and over-allocation", () => {
  it("books minutes per day and merges over-allocated days into ranges", () => {
    const r = run({
      start: "2027-01-04",
      resources: [{ id: "dev" }],
      tasks: [
        { id: "a", duration: "6d", assign: [["dev"]] },
        { id: "b", duration: "6d", assign: [["dev"]] },
        { id: "c", duration: "1d", assign: [["dev"]], snet: "2027-01-13" },
        { id: "d", duration: "1d", assign: [["dev", 0.5]], snet: "2027-01-13" },
      ],
    });
    const a = [...r.result.bookings].filter((b) => b.task === 0);
    expect(a.map((b) => [b.day - day("2027-01-04"), b.minutes])).toEqual([[0, 480], [1, 480], [2, 480], [3, 480], [4, 480], [7, 480]]);
    expect(r.result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["GANTRY402", "dev is over-allocated on 2027-01-04..2027-01-11, 2027-01-13 by a, b, c, d: more work is booked than its capacity. Move a task, lower a share, or turn leveling on."],
    ]);
  });
});

describe("Bookings", () => {
  it("keeps bookings in order, each resource's in booking order, past the columns' first capacity", () => {
    const columns = new BookingColumns();
    const made: Booking[] = [];
    for (let k = 0; k < 2500; k++) {
      const b = { resource: (k * 7) % 3, task: Math.floor(k / 4), day: 20000 + (k % 11), minutes: k % 480 };
      columns.push(b.resource, b.task, b.day, b.minutes + 0.25);
      made.push(b);
    }
    const bookings = new Bookings(columns, 4);
    expect(bookings.length).toBe(2500);
    expect([...bookings]).toEqual(made);
    expect(bookings.at(1234)).toEqual(made[1234]);
    expect(columns.exact[1234]).toBe(made[1234]!.minutes + 0.25);
    for (let r = 0; r < 4; r++) {
      expect([...bookings.ofResource(r)]).toEqual(made.flatMap((b, k) => (b.resource === r ? [k] : [])));
    }
    expect(Object.isFrozen(bookings)).toBe(true);
  });
});
