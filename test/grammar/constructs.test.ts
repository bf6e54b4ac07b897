// Every construct of docs/language.md parses into the expected AST values.
import { describe, expect, it } from "vitest";
import type * as ast from "../../core/ast";
import { parse } from "../../grammar";

function ok(text: string): ast.Document {
  const r = parse(text, "file:///t.plan");
  expect(r.diagnostics).toEqual([]);
  return r.document;
}

/** "line:col-line:col" of a range, for compact range checks. */
const at = (r: ast.Range) => `${r.start.line}:${r.start.col}-${r.end.line}:${r.end.col}`;
/** The range of the n-th occurrence of `needle` in `text`, in the same notation. */
function find(text: string, needle: string, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  const pos = (o: number) => {
    const before = text.slice(0, o).split(/\r\n|\n/);
    return `${before.length - 1}:${before[before.length - 1]!.length}`;
  };
  return `${pos(i)}-${pos(i + needle.length)}`;
}
const ids = (ref: ast.Ref | undefined) => ref?.segments.map((s) => s.text).join(".");
const dur = (d: ast.DurationLit | undefined) => d && `${d.value}${d.elapsed ? "e" : ""}${d.unit}`;

describe("project", () => {
  it("reads every field", () => {
    const text = `project "ERP Cloud Migration" {
  start     2027-01-04            # the project start
  currency  USD
  budget    420000.50
  calendar  office
  status    2027-03-15
  leveling  on
}`;
    const d = ok(text);
    const p = d.project!;
    expect(p.name?.value).toBe("ERP Cloud Migration");
    expect(p.start).toMatchObject({ text: "2027-01-04", year: 2027, month: 1, day: 4 });
    expect(at(p.start!.range)).toBe(find(text, "2027-01-04"));
    expect(p.currency?.text).toBe("USD");
    expect(p.budget).toMatchObject({ value: 420000.5, text: "420000.50" });
    expect(ids(p.calendar)).toBe("office");
    expect(p.status?.text).toBe("2027-03-15");
    expect(p.leveling?.text).toBe("on");
    expect(at(p.keyword.range)).toBe("0:0-0:7");
    expect(at(p.range)).toBe("0:0-7:1");
    expect(d.comments.map((c) => [c.text, at(c.range)])).toEqual([["# the project start", find(text, "# the project start")]]);
    expect(d.extraProjects).toEqual([]);
  });

  it("keeps extra project blocks and leaves unwritten fields undefined", () => {
    const d = ok(`project { start 2027-01-04 }\nproject "Two" { leveling off }`);
    expect(d.project).toMatchObject({ name: undefined, currency: undefined, budget: undefined, calendar: undefined, status: undefined, leveling: undefined });
    expect(d.extraProjects.map((p) => [p.name?.value, p.leveling?.text])).toEqual([["Two", "off"]]);
  });
});

describe("calendar", () => {
  it("reads workweek ranges, hours and holidays", () => {
    const d = ok(`calendar office {
  workweek mon-fri
  hours    09:00-12:00, 13:00-17:00
  holiday  2027-01-18 "MLK Day"
  holiday  2027-12-24..2027-12-31 "Year-end shutdown"
  holiday  2027-05-31
}
calendar dc { workweek mon, wed, sun-tue  hours 00:00-24:00 }`);
    const [office, dc] = d.calendars;
    expect(office!.id?.text).toBe("office");
    expect(office!.workweek!.items.map((i) => [i.from.text, i.to?.text])).toEqual([["mon", "fri"]]);
    expect(at(office!.workweek!.range)).toBe("1:11-1:18");
    expect(office!.hours!.map((h) => [h.from, h.to])).toEqual([["09:00", "12:00"], ["13:00", "17:00"]]);
    expect(office!.holidays.map((h) => [h.dates?.from.text, h.dates?.to?.text, h.name?.value])).toEqual([
      ["2027-01-18", undefined, "MLK Day"],
      ["2027-12-24", "2027-12-31", "Year-end shutdown"],
      ["2027-05-31", undefined, undefined],
    ]);
    expect(dc!.workweek!.items.map((i) => [i.from.text, i.to?.text])).toEqual([["mon", undefined], ["wed", undefined], ["sun", "tue"]]);
    expect(dc!.hours).toEqual([expect.objectContaining({ from: "00:00", to: "24:00" })]);
  });
});

describe("resource", () => {
  it("reads role, rates, units, days off, calendar and kind", () => {
    const text = `resource pm   "Dana Ortiz"   { role "Project manager"  rate 110/h }
resource dev  "Backend team" { rate 95.5/h  units 3 }
resource dba  "Sam Lee"      { rate 120/h  units 50%  off 2027-02-08..2027-02-12  off 2027-03-01  calendar night }
resource acme { kind vendor  rate 1400/d }`;
    const d = ok(text);
    const [pm, dev, dba, acme] = d.resources;
    expect(pm).toMatchObject({ id: { text: "pm" }, name: { value: "Dana Ortiz" }, role: { value: "Project manager" }, units: undefined, kind: undefined });
    expect(pm!.rate).toMatchObject({ amount: { value: 110, text: "110" }, per: "h" });
    expect(at(pm!.rate!.amount.range)).toBe(find(text, "110"));
    expect(at(pm!.rate!.range)).toBe(find(text, "110/h"));
    expect(dev!.rate).toMatchObject({ amount: { value: 95.5, text: "95.5" }, per: "h" });
    expect(dev!.units).toMatchObject({ value: 3, text: "3" });
    expect(dba!.units).toEqual({ value: 50, range: expect.anything() });
    expect(dba!.off.map((o) => [o.from.text, o.to?.text])).toEqual([["2027-02-08", "2027-02-12"], ["2027-03-01", undefined]]);
    expect(ids(dba!.calendar)).toBe("night");
    expect(acme).toMatchObject({ name: undefined, kind: { text: "vendor" }, rate: { per: "d", amount: { value: 1400 } } });
  });
});

describe("task", () => {
  it("reads lengths, assignments, costs, progress, notes and nesting", () => {
    const d = ok(`task init "Initiation" {
  task charter "Project charter"  { duration 3d  assign pm }
  task reqs    "Requirements"     { effort 10d  assign pm, dev 50%  after charter }
}
task build {
  after init
  budget 50000
  priority 700
  calendar office
  task code  "Code"  { estimate 10d..15.5d..25d  assign dev 200% }
  task ship  "Ship"  { duration 2ed  after code  cost 1200 "Freight"  cost 300.25 }
  task rest { duration 1mo  done 40%  started 2027-01-05  finished 2027-01-20  spent 5300  note "a \\"quoted\\" note"  note "two\\\\" }
}`);
    const [init, build] = d.tasks;
    expect(init!.children.map((t) => t.id?.text)).toEqual(["charter", "reqs"]);
    const [charter, reqs] = init!.children;
    expect(charter).toMatchObject({ kind: "task", name: { value: "Project charter" }, duration: { value: 3, unit: "d", elapsed: false, text: "3d" } });
    expect(charter!.assignments.map((a) => [ids(a.resource), a.share?.value])).toEqual([["pm", undefined]]);
    expect(reqs!.effort).toMatchObject({ value: 10, unit: "d" });
    expect(reqs!.assignments.map((a) => [ids(a.resource), a.share?.value])).toEqual([["pm", undefined], ["dev", 50]]);
    expect(reqs!.deps.map((x) => [ids(x.target), x.type, x.typeNode, x.lag, x.negative])).toEqual([["charter", "FS", undefined, undefined, false]]);

    expect(build).toMatchObject({ name: undefined, budget: { value: 50000 }, priority: { value: 700 }, duration: undefined });
    expect(ids(build!.calendar)).toBe("office");
    expect(build!.deps.map((x) => ids(x.target))).toEqual(["init"]);
    const [code, ship, rest] = build!.children;
    expect([dur(code!.estimate!.optimistic), dur(code!.estimate!.likely), dur(code!.estimate!.pessimistic)]).toEqual(["10d", "15.5d", "25d"]);
    expect(code!.assignments[0]!.share?.value).toBe(200);
    expect(ship!.duration).toMatchObject({ value: 2, unit: "d", elapsed: true, text: "2ed" });
    expect(ship!.costs.map((c) => [c.amount.text, c.category?.value])).toEqual([["1200", "Freight"], ["300.25", undefined]]);
    expect(rest).toMatchObject({
      duration: { value: 1, unit: "mo" },
      done: { value: 40 },
      started: { text: "2027-01-05" },
      finished: { text: "2027-01-20", year: 2027, month: 1, day: 20 },
      spent: { value: 5300 },
    });
    expect(rest!.notes.map((n) => n.value)).toEqual(['a "quoted" note', "two\\"]);
    expect(rest!.fields.map((f) => f.keyword)).toEqual(["duration", "done", "started", "finished", "spent", "note", "note"]);
    expect(at(build!.body!)).toBe("4:11-12:1");
    expect(at(build!.range)).toBe("4:0-12:1");
  });

  it("reads every duration unit", () => {
    const d = ok(`task a { after b +4h, c +3d, d +2w, e +1mo, f +12eh, g +3ed, h +1ew, i +1emo }`);
    expect(d.tasks[0]!.deps.map((x) => dur(x.lag))).toEqual(["4h", "3d", "2w", "1mo", "12eh", "3ed", "1ew", "1emo"]);
  });

  it("reads link types and signed lags", () => {
    const text = `task e { duration 3d  after a FF, b -1d, c SS +2d, d SF, e FS -0.5d, x.y.z +2ed }`;
    const d = ok(text);
    expect(d.tasks[0]!.deps.map((x) => [ids(x.target), x.type, x.typeNode?.text, dur(x.lag), x.negative])).toEqual([
      ["a", "FF", "FF", undefined, false],
      ["b", "FS", undefined, "1d", true],
      ["c", "SS", "SS", "2d", false],
      ["d", "SF", "SF", undefined, false],
      ["e", "FS", "FS", "0.5d", true],
      ["x.y.z", "FS", undefined, "2ed", false],
    ]);
    const xyz = d.tasks[0]!.deps[5]!.target;
    expect(xyz.segments.map((s) => at(s.range))).toEqual([find(text, "x"), find(text, "y"), find(text, "z")]);
    expect(at(xyz.range)).toBe(find(text, "x.y.z"));
  });

  it("reads constraints and deadline, recording multi-word field keywords", () => {
    const d = ok(`task a { duration 2d  start no earlier than 2027-01-11  finish no later than 2027-01-29  start on 2027-01-18  as late as possible  deadline 2027-02-05 }`);
    const a = d.tasks[0]!;
    expect(a.constraints.map((c) => [c.kind, c.date?.text])).toEqual([
      ["startNoEarlierThan", "2027-01-11"],
      ["finishNoLaterThan", "2027-01-29"],
      ["startOn", "2027-01-18"],
      ["asLateAsPossible", undefined],
    ]);
    expect(a.deadline?.text).toBe("2027-02-05");
    expect(a.fields.map((f) => [f.keyword, at(f.range), f.clause && at(f.clause)])).toEqual([
      ["duration", "0:9-0:17", "0:9-0:20"],
      ["start no earlier than", "0:22-0:43", "0:22-0:54"],
      ["finish no later than", "0:56-0:76", "0:56-0:87"],
      ["start on", "0:89-0:97", "0:89-0:108"],
      ["as late as possible", "0:110-0:129", "0:110-0:129"],
      ["deadline", "0:131-0:139", "0:131-0:150"],
    ]);
  });

  it("reads milestones like tasks", () => {
    const d = ok(`milestone golive "Go-live" {\n  after build\n  deadline 2027-01-29\n}`);
    expect(d.tasks[0]).toMatchObject({ kind: "milestone", id: { text: "golive" }, name: { value: "Go-live" }, deadline: { text: "2027-01-29" } });
    expect(at(d.tasks[0]!.keyword.range)).toBe("0:0-0:9");
  });
});

describe("risk and import", () => {
  it("reads every risk field", () => {
    const d = ok(`risk vendor_delay "Vendor API delays" {
  probability 40%
  impact      15000, 10d
  affects     infra, build.data
  owner       pm
  mitigation  "Weekly vendor sync"
  status      mitigated
}
risk a { impact 15000 }
risk b { impact 3w  status open }`);
    const [v, a, b] = d.risks;
    expect(v).toMatchObject({ id: { text: "vendor_delay" }, name: { value: "Vendor API delays" }, probability: { value: 40 }, costImpact: { value: 15000 }, mitigation: { value: "Weekly vendor sync" }, status: { text: "mitigated" } });
    expect(dur(v!.scheduleImpact)).toBe("10d");
    expect(v!.affects.map(ids)).toEqual(["infra", "build.data"]);
    expect(ids(v!.owner)).toBe("pm");
    expect([a!.costImpact?.value, a!.scheduleImpact]).toEqual([15000, undefined]);
    expect([b!.costImpact, dur(b!.scheduleImpact), b!.status?.text]).toEqual([undefined, "3w", "open"]);
  });

  it("reads imports", () => {
    const d = ok(`import "shared/resources.plan"\nimport "other.plan"`);
    expect(d.imports.map((i) => [i.path?.value, at(i.range)])).toEqual([["shared/resources.plan", "0:0-0:30"], ["other.plan", "1:0-1:19"]]);
  });
});

describe("lexical rules", () => {
  it("treats words that start with a keyword as identifiers", () => {
    const d = ok(`task startup { after done_check, as_is, taskforce, SSO, finished2 }\nresource ontime { calendar offsite }`);
    expect(d.tasks[0]!.id?.text).toBe("startup");
    expect(d.tasks[0]!.deps.map((x) => ids(x.target))).toEqual(["done_check", "as_is", "taskforce", "SSO", "finished2"]);
    expect(ids(d.resources[0]!.calendar)).toBe("offsite");
    expect(d.resources[0]!.id?.text).toBe("ontime");
  });

  it("does not take keywords as identifiers, but keeps the block", () => {
    const r = parse(`risk vendor "Vendor API delays" { probability 40% }\ntask import { duration 2d }`, "u");
    expect(r.diagnostics.map((d) => [d.message, d.fix])).toEqual([
      ["`vendor` is a keyword and cannot name a risk: choose another identifier, such as `vendor_risk`", { kind: "replace", candidates: ["vendor_risk"] }],
      ["`import` is a keyword and cannot name a task: choose another identifier, such as `import_task`", { kind: "replace", candidates: ["import_task"] }],
    ]);
    expect(r.document.risks.map((x) => [x.id?.text, x.name?.value, x.probability?.value])).toEqual([["vendor", "Vendor API delays", 40]]);
    expect(r.document.tasks.map((x) => [x.id?.text, x.duration?.text])).toEqual([["import", "2d"]]);
  });

  it("ignores layout: one line equals many", () => {
    const one = ok(`task a { duration 3d assign pm }`).tasks[0]!;
    const many = ok(`task a {\n  duration 3d\n  assign pm\n}`).tasks[0]!;
    expect([dur(one.duration), ids(one.assignments[0]!.resource)]).toEqual([dur(many.duration), ids(many.assignments[0]!.resource)]);
  });

  it("counts columns in UTF-16 units and keeps every comment", () => {
    const text = `# 🚀 launch\ntask a "Café 🚀" { duration 1d } # après\n`;
    const d = ok(text);
    // 🚀 is two UTF-16 units: the comment ends at column 11, the name spans 9 units.
    expect(d.comments.map((c) => [c.text, at(c.range)])).toEqual([["# 🚀 launch", "0:0-0:11"], ["# après", find(text, "# après")]]);
    expect(at(d.tasks[0]!.name!.range)).toBe("1:7-1:16");
    expect(at(d.tasks[0]!.duration!.range)).toBe(find(text, "1d"));
    expect(at(d.range)).toBe("0:0-2:0");
  });

  it("handles CRLF line ends", () => {
    const d = ok(`task a {\r\n  duration 1d\r\n}\r\n`);
    expect(at(d.tasks[0]!.duration!.range)).toBe("1:11-1:13");
  });
});
