// The figures behind the Budget, Resources and Risks tabs, from the small fixture.
import { describe, expect, test } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../../core/analysis";
import { parseDay } from "../../core/dates";
import { toScheduleJson } from "../../core/report/json";
import { capacityOn } from "../../core/scheduler/cost";
import { capacityDays, costByCategory, costCurve, hourlyRate, overloaded, resourceLoad } from "../../webview/costs";
import { byExposure, impactLevel, probabilityLevel } from "../../webview/risk-view";
import { fixture } from "./browser";

const data = fixture("small.json");

describe("costs", () => {
  test("a day rate spreads over the calendar's hours per day", () => {
    expect(hourlyRate(data.resources[1], 8)).toBe(90);
    expect(hourlyRate(data.resources[0], 8)).toBe(100);
  });

  test("the S-curve adds bookings × rates per day and fixed costs on the task's start day", () => {
    const curve = costCurve(data);
    expect(curve[0]).toEqual({ day: "2027-01-04", cumulative: 800 });
    // Jan 8: visual design (dev 8h × 90) and handover (pm 4h × 100) on top of Jan 4–7.
    expect(curve.find((p) => p.day === "2027-01-08")!.cumulative).toBe(3 * 800 + 2 * 720 + 400);
    // Jan 11: the API's 1200 licence lands on its start day with 16h × 90.
    expect(curve.find((p) => p.day === "2027-01-11")!.cumulative).toBe(3 * 800 + 2 * 720 + 400 + 1440 + 1200);
    expect(curve[curve.length - 1]).toEqual({ day: "2027-01-21", cumulative: 19220 });
  });

  test("cost by category: labour from the resources, fixed costs by category, uncategorised as Other", () => {
    expect(costByCategory(data)).toEqual([
      { label: "Labour", value: 17520 },
      { label: "Licenses", value: 1200 },
      { label: "Other", value: 500 },
    ]);
  });

  test("resource load per week against capacity flags the over-allocated week", () => {
    const [pm, dev] = resourceLoad(data, "week");
    expect(pm.buckets.map((b) => [b.start, b.hours, b.capacity])).toEqual([
      ["2027-01-04", 28, 40], ["2027-01-11", 0, 40], ["2027-01-18", 32, 32],
    ]);
    expect(dev.buckets.filter(overloaded).map((b) => [b.start, b.hours, b.capacity])).toEqual([["2027-01-11", 104, 80]]);
    expect([...dev.buckets[1].tasks]).toEqual([["build.api", 80], ["build.ui", 24]]);
    expect(dev.capacity).toBe(14 * 16);
  });

  test("resource load per day", () => {
    const dev = resourceLoad(data, "day")[1];
    expect(dev.buckets.filter(overloaded).map((b) => [b.start, b.hours])).toEqual([
      ["2027-01-13", 24], ["2027-01-14", 24], ["2027-01-15", 24],
    ]);
  });
});

describe("capacity", () => {
  const root = join(__dirname, "../..");
  const host = { read: (u: string) => (existsSync(u) ? readFileSync(u, "utf8") : undefined), workspaceRoot: root };

  test.each(["erp-migration", "datacenter-move", "software-release"])("a week and the days off give each day's capacity on %s", (name) => {
    const a = analyze(join(root, "examples", `${name}.plan`), host);
    const json = toScheduleJson(a);
    let daysOff = 0;
    a.plan.resources.forEach((r, i) => {
      const days = [...capacityDays(json.resources[i]!.capacity)];
      const first = parseDay(days[0]![0])!;
      expect(days.map(([day]) => parseDay(day)!)).toEqual(days.map((_, k) => first + k));
      for (const [day, hours] of days) expect(hours).toBe(capacityOn(r, parseDay(day)!) / 60);
      daysOff += days.filter(([, h], k) => h === 0 && json.resources[i]!.capacity.week[(first + k + 3) % 7]! > 0).length;
    });
    expect(daysOff).toBeGreaterThan(0); // holidays and leave are in the spans
  });

  test("a plan a typo stretches to the year 9999 has a few numbers of capacity, not millions of days", () => {
    const text = `project "P" { start 2027-01-04 }
resource qa "QA" { units 2  off 2027-02-01..9998-12-31 }
task c "C" { duration 3d  assign qa  start no earlier than 9998-01-01 }
`;
    const json = toScheduleJson(analyze("file:///p.plan", { read: () => text, workspaceRoot: undefined }));
    expect(json.resources[0]!.capacity).toEqual({
      from: "2027-01-04", to: "9999-01-05", week: [16, 16, 16, 16, 16, 0, 0], off: [["2027-02-01", "9998-12-31"]],
    });
  });
});

describe("risks", () => {
  test("probability and impact levels on the 5×5 matrix", () => {
    expect([0, 10, 20, 21, 40, 70, 100].map(probabilityLevel)).toEqual([1, 1, 1, 2, 2, 4, 5]);
    const level = (id: string) => impactLevel(data.risks.find((r) => r.id === id)!, data);
    // Budget 16000, 15 working days: 4000 is 25 % → 5; 5 days is 33 % → 5; 500 is 3.1 % → 3.
    expect([level("scope"), level("vendor"), level("staff"), level("old")]).toEqual([5, 5, 3, 1]);
  });

  test("sorted by cost exposure, then schedule exposure", () => {
    expect([...data.risks].sort(byExposure).map((r) => r.id)).toEqual(["scope", "vendor", "old", "staff"]);
  });
});
