// The formatter: expected layouts (fixtures/*.plan → *.formatted.plan, rewritten only with
// GANTRY_UPDATE=1), idempotence, range formatting, and "never changes the meaning": every
// plan of the repository schedules to the same JSON before and after formatting.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../core/analysis";
import { formatPlan } from "../../core/format";
import { toScheduleJson } from "../../core/report/json";

const ROOT = join(__dirname, "..", "..");
const FIXTURES = join(__dirname, "fixtures");
const UPDATE = process.env["GANTRY_UPDATE"] === "1";

const plansIn = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".plan") && !f.endsWith(".formatted.plan")).map((f) => join(dir, f)) : [];

/** Every plan in the repository that is meant to be read: examples and test fixtures. */
const ALL_PLANS = [
  ...plansIn(join(ROOT, "examples")),
  ...plansIn(join(ROOT, "examples/shared")),
  ...plansIn(join(ROOT, "test/fixtures")),
  ...plansIn(join(ROOT, "test/fixtures/shared")),
  ...plansIn(join(ROOT, "test/server/fixtures")),
  ...plansIn(FIXTURES),
];

/** The schedule of `text` as if it were the file `path` (imports read from disk), minus source positions. */
function meaning(path: string, text: string): unknown {
  const analysis = analyze(path, { read: (p) => (p === path ? text : existsSync(p) ? readFileSync(p, "utf8") : undefined), workspaceRoot: dirname(path) });
  const json = JSON.parse(JSON.stringify(toScheduleJson(analysis)), (key, value) => (key === "source" ? undefined : value));
  return { json, codes: analysis.diagnostics.map((d) => d.code) };
}

describe("formatPlan: expected layouts", () => {
  it.each(plansIn(FIXTURES).map((p) => [p.slice(FIXTURES.length + 1), p]))("%s", (_name, path) => {
    const formatted = formatPlan(readFileSync(path, "utf8"));
    const expectedFile = path.replace(/\.plan$/, ".formatted.plan");
    if (UPDATE) writeFileSync(expectedFile, formatted);
    expect(existsSync(expectedFile), `${expectedFile} is missing: run with GANTRY_UPDATE=1`).toBe(true);
    expect(formatted).toBe(readFileSync(expectedFile, "utf8"));
  });
});

describe("formatPlan: idempotent and meaning-preserving on every plan", () => {
  it.each(ALL_PLANS.map((p) => [p.slice(ROOT.length + 1), p]))("%s", (_name, path) => {
    const text = readFileSync(path, "utf8").replace("<|>", "");
    const once = formatPlan(text);
    expect(formatPlan(once)).toBe(once);
    expect(meaning(path, once)).toEqual(meaning(path, text));
  });

  it("covers the examples and the shared fixtures", () => {
    expect(ALL_PLANS.filter((p) => p.includes("/examples/")).length).toBeGreaterThanOrEqual(2);
  });
});

describe("formatPlan: details", () => {
  it("keeps a one-line block on one line, with two spaces between statements", () => {
    expect(formatPlan('task  a "A"  {duration 2d   assign pm,dev 50%}\n')).toBe('task a "A" { duration 2d  assign pm, dev 50% }\n');
  });

  it("puts each statement of a multi-line block on its own line, indented by two spaces", () => {
    expect(formatPlan('task a "A" { duration 2d after b\n task c "C" { duration 1d } }')).toBe(
      'task a "A" {\n  duration 2d\n  after b\n  task c "C" { duration 1d }\n}\n',
    );
  });

  it("keeps multi-word constraints on one line", () => {
    expect(formatPlan("task a {\nstart no earlier than 2027-01-04 as late as possible finish no later than 2027-02-01 }")).toBe(
      "task a {\n  start no earlier than 2027-01-04\n  as late as possible\n  finish no later than 2027-02-01\n}\n",
    );
  });

  it("keeps comments: own-line ones on their line, trailing ones after two spaces", () => {
    expect(formatPlan("# head\ntask a {   # why\n      # note\nduration 2d # two\n}")).toBe("# head\ntask a {  # why\n  # note\n  duration 2d  # two\n}\n");
  });

  it("shrinks blank-line runs to one and keeps CRLF line ends", () => {
    expect(formatPlan('task a "A" { duration 1d }\r\n\r\n\r\n\r\ntask b "B" { duration 1d }\r\n')).toBe('task a "A" { duration 1d }\r\n\r\ntask b "B" { duration 1d }\r\n');
  });

  it("aligns names and braces of one-line definitions on consecutive lines", () => {
    const text = 'resource pm "Dana" { rate 1/h }\nresource arch "Marco B." { rate 2/h }\n\ntask a "A" { duration 1d }\nmilestone golive "Go-live" { after a }\ntask b "Build it" {\n  duration 1d\n}\n';
    expect(formatPlan(text)).toBe(
      'resource pm   "Dana"     { rate 1/h }\nresource arch "Marco B." { rate 2/h }\n\ntask a           "A"       { duration 1d }\nmilestone golive "Go-live" { after a }\ntask b "Build it" {\n  duration 1d\n}\n',
    );
  });

  it("leaves text it cannot read safely unchanged", () => {
    for (const bad of ['task a "A" { duration 2d', 'task a "A { duration 2d }', "task a { duration 2d } $"]) expect(formatPlan(bad)).toBe(bad);
  });

  it("formats only the lines of a range", () => {
    const text = 'task a   "A" { duration 1d }\ntask b   "B" { duration 1d }\ntask c   "C" { duration 1d }\n';
    expect(formatPlan(text, { startLine: 1, endLine: 1 })).toBe('task a   "A" { duration 1d }\ntask b "B" { duration 1d }\ntask c   "C" { duration 1d }\n');
  });
});
