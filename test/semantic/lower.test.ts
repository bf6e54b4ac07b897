// Lowering to the PlanModel: units to minutes on the calendar that applies, money to exact
// cents, percentages to fractions, the default calendar.
import { describe, expect, it } from "vitest";
import { dayOf } from "../../core/dates";
import { parseCents, unitMinutes } from "../../core/lower";
import { analyzeText, codes, MAIN, taskIndex } from "./helpers";

describe("money", () => {
  it("parses amounts exactly into cents", () => {
    expect(["0.1", "0.2", "420000", "300.50", "12.5", "19.99", "0.07", "1.005"].map(parseCents)).toEqual([
      10, 20, 42_000_000, 30_050, 1_250, 1_999, 7, 101,
    ]);
    expect(parseCents("1e3")).toBeUndefined();
  });

  it("sums fixed costs and budgets in cents", () => {
    const a = analyzeText(`project "P" { start 2027-01-04  budget 1000.10 }
task t "T" { duration 1d  cost 0.10 "a"  cost 0.20  budget 99.99  spent 0.3 }`);
    const t = a.plan.tasks[0]!;
    expect(t.fixedCosts).toEqual([
      { cents: 10, category: "a" },
      { cents: 20, category: undefined },
    ]);
    expect([a.plan.project.budget, t.budget, t.spent]).toEqual([100_010, 9_999, 30]);
    expect(a.schedule.tasks[0]!.cost).toBe(30);
  });

  it("keeps the project block and its document, so GANTRY403 on the project points at its budget", () => {
    const a = analyzeText(`task t "T" { duration 3d  assign sam }
project "P" { start 2027-01-04  budget 1000 }
resource sam "Sam" { rate 100/h }`);
    expect(a.plan.project.uri).toBe(MAIN);
    expect(a.plan.project.node?.range.start).toMatchObject({ line: 1, col: 0 });
    const over = a.diagnostics.filter((d) => d.code === "GANTRY403");
    expect(over.map((d) => [d.uri, d.range.start.line, d.range.start.col, d.range.end.col, d.message])).toEqual([
      [MAIN, 1, 39, 43, "The project costs 2,400.00, 1,400.00 over its budget of 1,000.00."],
    ]);
  });
});

describe("lengths", () => {
  it("knows every unit on the default 8-hour calendar", () => {
    expect(
      (["h", "d", "w", "mo"] as const).flatMap((u) => [unitMinutes(u, false, 480), unitMinutes(u, true, 480)]),
    ).toEqual([60, 60, 480, 1440, 2400, 10080, 9600, 43200]);
  });

  it("counts days on the task's calendar, and keeps elapsed time elapsed", () => {
    const a = analyzeText(`project "P" { start 2027-01-04  calendar short }
calendar short { workweek mon-fri  hours 09:00-12:00, 13:00-17:00 }
calendar long { workweek mon-sat  hours 06:00-16:00 }
resource crew "Crew" { calendar long }
task a "A" { duration 2d }
task b "B" { duration 1w  assign crew }
task c "C" { duration 3ed }
task d "D" { duration 1.5h  calendar long }
task e "E" { duration 1mo  after a +1d, c SS -2eh }`);
    expect(codes(a)).toEqual([]);
    const span = (id: string) => a.plan.tasks[taskIndex(a, id)]!.span;
    expect(["a", "b", "c", "d", "e"].map(span)).toEqual([
      { minutes: 2 * 420, elapsed: false },
      { minutes: 5 * 600, elapsed: false },
      { minutes: 3 * 1440, elapsed: true },
      { minutes: 90, elapsed: false },
      { minutes: 20 * 420, elapsed: false },
    ]);
    expect(a.plan.tasks[taskIndex(a, "e")]!.deps.map((d) => [d.type, d.lag])).toEqual([
      ["FS", { minutes: 420, elapsed: false }],
      ["SS", { minutes: -120, elapsed: true }],
    ]);
    expect(a.plan.calendars.map((c) => [c.id, c.minutesPerDay, c.workdays.filter(Boolean).length])).toEqual([
      ["short", 420, 5],
      ["long", 600, 6],
    ]);
  });

  it("schedules an estimate with its PERT mean", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
task t "T" { estimate 3d..5d..13d }`);
    const t = a.plan.tasks[0]!;
    expect(t.lengthKind).toBe("estimate");
    expect(t.span.minutes).toBe(((3 + 20 + 13) / 6) * 480);
    expect(t.estimate?.pessimistic.minutes).toBe(13 * 480);
  });
});

describe("project, resources, assignments", () => {
  it("uses the standard calendar when the project names none", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }\ntask t "T" { duration 1d }`);
    const cal = a.plan.project.calendar;
    expect([cal.id, cal.workdays, cal.hours, cal.minutesPerDay]).toEqual([
      "(default)",
      [true, true, true, true, true, false, false],
      [
        { from: 480, to: 720 },
        { from: 780, to: 1020 },
      ],
      480,
    ]);
    expect(a.plan.project.start).toBe(dayOf(2027, 1, 4));
    expect(a.schedule.tasks[0]!.finish).toBe(dayOf(2027, 1, 4)! * 1440 + 17 * 60);
  });

  it("turns units, rates, shares and days off into the model's numbers", () => {
    const a = analyzeText(`project "P" { start 2027-01-04  leveling on  status 2027-01-05  currency EUR }
resource pm "PM" { rate 110.50/h }
resource dev "Devs" { rate 1400/d  units 3  kind vendor }
resource dba "DBA" { units 50%  off 2027-02-08..2027-02-12  off 2027-03-01 }
task t "T" { effort 4d  assign pm, dev 200%, dba  priority 900  done 25%  started 2027-01-04 }`);
    expect(codes(a)).toEqual([]);
    const [pm, dev, dba] = a.plan.resources;
    expect([pm!.rate, pm!.units, pm!.kind]).toEqual([{ cents: 11_050, per: "h" }, 1, "person"]);
    expect([dev!.rate, dev!.units, dev!.kind]).toEqual([{ cents: 140_000, per: "d" }, 3, "vendor"]);
    expect([dba!.units, dba!.off]).toEqual([
      0.5,
      [
        { from: dayOf(2027, 2, 8), to: dayOf(2027, 2, 12), name: undefined },
        { from: dayOf(2027, 3, 1), to: dayOf(2027, 3, 1), name: undefined },
      ],
    ]);
    const t = a.plan.tasks[0]!;
    // Without a share: one person, or all of a part-time resource.
    expect(t.assignments).toEqual([
      { resource: 0, share: 1 },
      { resource: 1, share: 2 },
      { resource: 2, share: 0.5 },
    ]);
    expect([t.priority, t.done, t.started]).toEqual([900, 0.25, dayOf(2027, 1, 4)]);
    expect([a.plan.project.leveling, a.plan.project.status, a.plan.project.currency]).toEqual([true, dayOf(2027, 1, 5), "EUR"]);
  });

  it("lowers risks with probabilities as fractions and impacts in cents and days", () => {
    const a = analyzeText(`project "P" { start 2027-01-04 }
resource pm "PM" { rate 100/h }
task t "T" { duration 1d }
risk r "R" { probability 40%  impact 15000.50, 10d  affects t  owner pm  status mitigated }`);
    const r = a.plan.risks[0]!;
    expect([r.probability, r.costImpact, r.scheduleImpact, r.affects, r.owner, r.status]).toEqual([
      0.4,
      1_500_050,
      { minutes: 4800, elapsed: false },
      [0],
      0,
      "mitigated",
    ]);
  });
});
