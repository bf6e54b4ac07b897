// The example plans check clean (no errors, no warnings) and schedule to the dates and
// costs worked out by hand in the comments below, so a change to the engine that moves
// them is noticed.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, type Analysis } from "../../core/analysis";
import { formatMinutes } from "../../core/dates";

const root = join(__dirname, "..", "..");
const examples = join(root, "examples");

function analyzeExample(name: string): Analysis {
  const read = (uri: string) => {
    try {
      return readFileSync(uri, "utf8");
    } catch {
      return undefined;
    }
  };
  return analyze(join(examples, name), { read, workspaceRoot: root });
}

interface Expected {
  file: string;
  imports: string[];
  finish: string;
  cost: number; // in the project currency
  /** task id → [start, finish], each worked out by hand. */
  tasks: Record<string, [string, string]>;
}

const EXPECTED: Expected[] = [
  {
    file: "erp-migration.plan",
    imports: ["shared/company.plan"],
    // config resumes from its actual start (26d PERT mean, 40% done, ahead of the status
    // date) → Apr 5; reports 16d → Apr 27; SIT 30d/2 → May 18; perf → May 24; UAT 15d over
    // Memorial Day → Jun 15; freeze Jun 16; final 3d over Juneteenth → Jun 22; smoke and
    // go-live Jun 23; hypercare 20d over Jul 5 → Jul 22; decommission → Jul 29.
    finish: "2027-07-29T17:00",
    // Bookings 274,155 + fixed costs 54,700 (licenses, software, venue, archiving). An
    // effort task that finished late keeps its effort as work (data.cleanse: 105 h).
    cost: 328_855,
    tasks: {
      "apps.config": ["2027-03-01T09:00", "2027-04-05T17:00"],
      "data.reconcile": ["2027-03-09T09:00", "2027-03-16T14:12"], // 40% of 28h left after the status date
      "cutover.golive": ["2027-06-23T17:00", "2027-06-23T17:00"],
      "data.cleanse": ["2027-02-19T09:00", "2027-03-03T17:00"], // actuals
    },
  },
  {
    file: "datacenter-move.plan",
    imports: [],
    // Wave 2 window opens Sat Jun 5 00:00 on the 24/7 calendar: 3h + 8h + 4eh + 12h + 4h
    // + 6h → Sun 13:00; hypercare Mon–Fri; wipe 3d, handover, lessons → Fri Jun 18.
    finish: "2027-06-18T17:00",
    // Bookings 96,274 + fixed costs 260,500 (setup fee, telecom, cabling, network and
    // storage hardware, freight, disposal).
    cost: 356_774,
    tasks: {
      "wave1.move.online": ["2027-05-09T00:00", "2027-05-09T00:00"],
      "wave2.move.online": ["2027-06-06T13:00", "2027-06-06T13:00"],
      "site.burnin": ["2027-04-06T17:00", "2027-04-09T17:00"], // 72 elapsed hours from storage's Tue 17:00 finish
      "site.circuits": ["2027-03-12T08:00", "2027-04-11T08:00"], // 30 elapsed days
    },
  },
  {
    file: "software-release.plan",
    imports: ["shared/company.plan"],
    // iOS 60d/2 → Apr 15; integrate 20d/2.5 → Apr 27; beta a day early, Apr 27; public beta
    // 2ew → May 12 09:00; store review 5ed → May 17 09:00; hypercare 2w → May 28; retro
    // after Memorial Day → Jun 1.
    finish: "2027-06-01T17:00",
    // Bookings 235,738 + fixed costs 33,500 (legal, gateway sandbox, marketing).
    cost: 269_238,
    tasks: {
      "launch.live": ["2027-05-17T09:00", "2027-05-17T09:00"],
      "app.flags": ["2027-03-26T09:00", "2027-04-13T17:00"], // 8d around the tech lead's week off
      "api.push": ["2027-03-09T17:00", "2027-03-22T17:00"], // vendor calendar, over a Mexican holiday
      "app.beta": ["2027-04-27T09:00", "2027-04-27T17:00"], // a one-day lead on integrate
    },
  },
];

describe.each(EXPECTED)("examples/$file", (x) => {
  const analysis = analyzeExample(x.file);
  const schedule = analysis.schedule;
  const taskIndex = (id: string) => analysis.plan.tasks.findIndex((t) => t.id === id);

  it("checks with no errors and no warnings", () => {
    const findings = analysis.diagnostics.filter((d) => d.severity !== "info");
    expect(findings.map((d) => `${d.code} ${d.uri}:${d.range.start.line + 1} ${d.message}`)).toEqual([]);
  });

  it("imports the shared company file where it says so", () => {
    expect(analysis.imports.map((u) => u.slice(examples.length + 1))).toEqual(x.imports);
  });

  it("finishes and costs what was worked out by hand", () => {
    expect(formatMinutes(schedule.finish)).toBe(x.finish);
    expect(schedule.cost).toBe(Math.round(x.cost * 100));
  });

  it.each(Object.entries(x.tasks))("schedules %s", (id, [start, finish]) => {
    const i = taskIndex(id);
    expect(i).toBeGreaterThanOrEqual(0);
    expect([formatMinutes(schedule.tasks[i]!.start), formatMinutes(schedule.tasks[i]!.finish)]).toEqual([start, finish]);
  });

  it("stays within its budget", () => {
    expect(schedule.cost).toBeLessThanOrEqual(analysis.plan.project.budget!);
  });
});
