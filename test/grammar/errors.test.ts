// Syntax and literal errors: exact messages, codes and ranges, and what recovery keeps.
import { describe, expect, it } from "vitest";
import type * as ast from "../../core/ast";
import { parse } from "../../grammar";

const at = (r: ast.Range) => `${r.start.line}:${r.start.col}-${r.end.line}:${r.end.col}`;

/** Each diagnostic as "CODE l:c-l:c message". */
function diagnostics(text: string): string[] {
  return parse(text, "file:///t.plan").diagnostics.map((d) => `${d.code} ${at(d.range)} ${d.message}`);
}

// [plan text, expected diagnostics]
const CASES: [string, string[]][] = [
  ["task a { effort }", ["GANTRY102 0:16-0:17 expected a duration such as `5d` after `effort`"]],
  ["task build {\n  duration 5d\n  task x { }\n", ["GANTRY101 2:11-2:12 expected `}` to close task `build` opened on line 1"]],
  ["task a {\n duration 5d\nresource r { rate 10/h }", ["GANTRY101 1:10-1:12 task `a` opened on line 1 is not closed: add `}` after this line (`resource` on line 3 is not indented inside it)"]],
  ["resource r { rate 10/h\ntask a { }", ["GANTRY101 0:18-0:22 resource `r` opened on line 1 is not closed: add `}` after this line (`task` on line 2 is not indented inside it)"]],
  ["project {\n  start 2027-01-04\n", ["GANTRY101 1:8-1:18 expected `}` to close the project block opened on line 1"]],
  ["@ task a { }", ["GANTRY104 0:0-0:1 unknown character `@`"]],
  ["task a { duration 5d ;; }", ["GANTRY104 0:21-0:23 unknown characters `;;`"]],
  ['task a "Build {\n}\n', ['GANTRY103 0:7-0:15 unterminated string: add a closing `"`']],
  ["task a { duration 5 }", ["GANTRY105 0:18-0:19 `5` needs a unit: write `5d`, `5h`, `5w` or `5mo`"]],
  ["task a { done 50 }", ["GANTRY105 0:14-0:16 `50` needs a unit: write `50%`"]],
  ["resource r { rate 100 }", ["GANTRY105 0:18-0:21 `100` needs a unit: write `100/h` or `100/d`"]],
  ["task a { effort 5m }", ["GANTRY101 0:16-0:18 unknown unit `m` in `5m`: use h, d, w or mo (working time) or eh, ed, ew, emo (elapsed time)"]],
  ["task a { started 2027-02-30 }", ["GANTRY106 0:17-0:27 `2027-02-30` is not a date: February 2027 has 28 days"]],
  ["task a { deadline 2027-13-01 }", ["GANTRY106 0:18-0:28 `2027-13-01` is not a date: the month must be 01 to 12"]],
  ["calendar c { holiday 2027-12-31..2027-12-24 }", ["GANTRY106 0:21-0:43 the range ends before it starts: `2027-12-24` is before `2027-12-31`"]],
  ["calendar c { hours 12:00-09:00 }", ["GANTRY107 0:19-0:30 `12:00-09:00` is empty or reversed: the end must be after the start"]],
  ["calendar c { hours 09:00-24:30, 9:00-10:00 }", [
    "GANTRY107 0:25-0:30 `24:30` is not a time of day: write HH:MM from `00:00` to `24:00`",
    "GANTRY107 0:32-0:36 `9:00` is not a time of day: write HH:MM from `00:00` to `24:00`",
  ]],
  ["task a { duration 5d\n  duration 6d }", ["GANTRY108 1:2-1:10 `duration` is given twice in task `a`: this one is ignored and the first applies; remove one of them"]],
  ["resource r { units 2 units 3 }", ["GANTRY108 0:21-0:26 `units` is given twice in resource `r`: this one is ignored and the first applies; remove one of them"]],
  ["task a { duraton 5d }", ["GANTRY101 0:9-0:16 unknown field `duraton` in task `a`: did you mean `duration`?"]],
  ["taks a { }", ["GANTRY101 0:0-0:4 unexpected `taks`: a plan is made of `task`, `milestone`, `resource`, `calendar`, `risk`, `project` or `import` blocks: did you mean `task`?"]],
  ["}\ntask a { }", ["GANTRY101 0:0-0:1 unexpected `}`: no block is open here"]],
  ["task a { rate 10/h }", ["GANTRY101 0:9-0:13 `rate` is not a field of a task"]],
  ["task a { after b c }", ["GANTRY101 0:17-0:18 unknown field `c` in task `a`: separate names with `,`"]],
  ["task a { after b 2d }", ["GANTRY101 0:17-0:19 unexpected `2d` in task `a`: a lag needs a sign, `+2d` or `-2d`"]],
  ["task { duration 5d }", ["GANTRY102 0:5-0:6 expected an identifier such as `design` after `task`"]],
  ['task a "A" duration 5d }', ['GANTRY101 0:11-0:19 expected `{` after `"A"`']],
  ["task a { start 2027-01-01 }", ["GANTRY102 0:15-0:25 expected `no earlier than` or `on` after `start`"]],
  ["task a { finish no earlier than 2027-01-01 }", ["GANTRY101 0:19-0:26 expected `later` after `no`"]],
  ["resource r { kind robot }", ["GANTRY102 0:18-0:23 expected `person` or `vendor` after `kind`"]],
  ["risk r { status maybe }", ["GANTRY102 0:16-0:21 expected `open`, `mitigated`, `closed` or `occurred` after `status`"]],
  ["project { leveling maybe }", ["GANTRY102 0:19-0:24 expected `on` or `off` after `leveling`"]],
  ["task a { estimate 1d..2d }", ["GANTRY101 0:25-0:26 expected `..` after `2d`"]],
  ["task a { assign }", ["GANTRY102 0:16-0:17 expected a resource name after `assign`"]],
  ["import", ['GANTRY102 0:0-0:6 expected a file path in quotes, such as `"shared/resources.plan"` after `import`']],
];

describe("error messages", () => {
  it.each(CASES)("%j", (text, expected) => {
    expect(diagnostics(text)).toEqual(expected);
  });

  it("never shows chevrotain's token names", () => {
    const broken = ["task a { duration }", "task { }", "}", "task a { start x }", "risk r { impact }", "calendar c { workweek }", "task a { after }"];
    for (const text of broken) {
      for (const d of parse(text, "u").diagnostics) expect(d.message).not.toMatch(/-->|Expecting|token of type|Literal|RCurly|LCurly|EOF|NAME|IDENTIFIER/);
    }
  });

  it("offers the did-you-mean and the unit as quick-fix hints", () => {
    expect(parse("task a { duraton 5d }", "u").diagnostics[0]!.fix).toEqual({ kind: "replace", candidates: ["duration"] });
    expect(parse("task a { duration 5 }", "u").diagnostics[0]!.fix).toEqual({ kind: "addUnit", units: ["d", "h", "w", "mo"] });
    expect(parse("task a { effort 5m }", "u").diagnostics[0]!.fix).toEqual({ kind: "replace", candidates: ["5mo"] });
  });

  it("points from a field given twice to the first, which applies", () => {
    const [twice] = parse("task a {\n  duration 5d\n  duration 6d }", "u").diagnostics;
    expect(JSON.parse(JSON.stringify(twice!.related))).toEqual([
      { uri: "u", range: { start: { line: 1, col: 2 }, end: { line: 1, col: 10 } }, message: "the first `duration`, which applies" },
    ]);
  });
});

describe("recovery keeps what it can", () => {
  it("keeps the tasks after a syntax error in the middle of a task block", () => {
    const r = parse(`task a "A" {\n  duration 5d\n  after ,, x\n  effort 3d\n}\ntask b "B" { duration 2d }\nmilestone c { after b }`, "u");
    expect(r.diagnostics.map((d) => d.message)).toEqual(["expected a task name after `after`", "expected a task name after `,`"]);
    const [a, b, c] = r.document.tasks;
    expect([a!.id?.text, a!.duration?.text, a!.effort?.text, a!.deps.map((d) => d.target.segments[0]!.text)]).toEqual(["a", "5d", "3d", ["x"]]);
    expect([b!.id?.text, b!.name?.value, b!.duration?.text]).toEqual(["b", "B", "2d"]);
    expect([c!.kind, c!.deps.map((d) => d.target.segments[0]!.text)]).toEqual(["milestone", ["b"]]);
  });

  it("keeps siblings after an error in a nested task", () => {
    const r = parse(`task p {\n  task a { duration ,, }\n  task b { duration 2d }\n}\ntask c { }`, "u");
    expect(r.diagnostics).toHaveLength(1);
    const [p, c] = r.document.tasks;
    expect(p!.children.map((t) => [t.id?.text, t.duration?.text])).toEqual([["a", undefined], ["b", "2d"]]);
    expect(c!.id?.text).toBe("c");
  });

  it("skips junk between fields and between declarations", () => {
    const r = parse(`task a { duration 5d  foo bar  effort 3d }\n42 "x" ..\nresource r { rate 10/h }`, "u");
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "unknown field `foo` in task `a`",
      'unexpected `42`: a plan is made of `task`, `milestone`, `resource`, `calendar`, `risk`, `project` or `import` blocks',
    ]);
    expect(r.document.tasks[0]!.fields.map((f) => f.keyword)).toEqual(["duration", "effort"]);
    expect(r.document.resources[0]!.rate?.amount.value).toBe(10);
  });

  it("leaves out what was not written, even when recovery inserted a token", () => {
    const r = parse("task { duration }\ntask b { start no earlier 2027-01-05 }", "u");
    const [a, b] = r.document.tasks;
    expect([a!.id, a!.duration, a!.fields.map((f) => f.keyword)]).toEqual([undefined, undefined, ["duration"]]);
    expect(b!.constraints).toEqual([]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "expected an identifier such as `design` after `task`",
      "expected a duration such as `5d` after `duration`",
      "expected `than` after `earlier`",
    ]);
  });

  it("drops a mistyped line with its braces, leaving the phase around it whole", () => {
    // A block opened on the broken line is skipped to its own `}`: that `}` does not close the phase.
    const phase = (line: string) => parse(`task p {\n  task a { duration 1d }\n  ${line}\n  task c { duration 3d }\n}\ntask d { }`, "u");
    for (const line of ['tsk b "B" { duration 2d }', 'xtask b "B" { duration 2d  task e { } }']) {
      const r = phase(line);
      expect(r.diagnostics.map((d) => d.message)).toEqual([`unknown field \`${line.split(" ")[0]}\` in task \`p\`: did you mean \`task\`?`]);
      expect(r.document.tasks.map((t) => [t.id?.text, t.children.map((c) => c.id?.text)])).toEqual([["p", ["a", "c"]], ["d", []]]);
    }
    // A broken header: the task keeps its name, and its block is skipped whole, not given to the phase.
    const r = phase('task b extra "B" { duration 2d }');
    expect(r.diagnostics.map((d) => d.message)).toEqual(["expected `{` after `b`"]);
    const [p] = r.document.tasks;
    expect([p!.duration, p!.children.map((c) => [c.id?.text, c.duration?.text])]).toEqual([undefined, [["a", "1d"], ["b", undefined], ["c", "3d"]]]);
  });

  it("reads a task's header typed above its siblings as a task on its own, not as their phase", () => {
    // Recovery inserts no `{`: the siblings after it stay siblings, and no `}` goes missing at the end.
    const typed = (line: string) => parse(`task p {\n  task a { duration 1d }\n  ${line}\n  task c { duration 3d }\n}\ntask d { }`, "u");
    for (const [line, id, message] of [
      ["task b", "b", "expected `{` after `b`"],
      ['task b "B"', "b", 'expected `{` after `"B"`'],
      // A keyword on the next line is not taken for the name: it starts the next task.
      ["task", undefined, "expected `{` after `task`"],
    ] as const) {
      const r = typed(line);
      expect(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.col} ${d.message}`)).toEqual([`3:2 ${message}`]);
      const [p, d] = r.document.tasks;
      expect(p!.children.map((t) => [t.id?.text, t.children.length])).toEqual([["a", 0], [id, 0], ["c", 0]]);
      expect(d!.id?.text).toBe("d");
    }
    // On the same line a keyword is still read as the name, and reported as one.
    expect(parse("task import { }", "u").diagnostics.map((d) => d.message)[0]).toMatch(/^`import` is a keyword and cannot name a task/);
  });

  it("skips a `{` that has no `}` on its own, like any other token", () => {
    const r = parse("task a { foo { duration 2d  effort 3d", "u");
    expect(r.document.tasks.map((t) => [t.id?.text, t.duration?.text, t.effort?.text])).toEqual([["a", "2d", "3d"]]);
  });

  it("keeps the task when its closing brace is missing before the next declaration", () => {
    const r = parse("task a { duration 1d\ntask b { duration 2d }\nresource r { }", "u");
    // `task b` starts a line at `a`'s indentation, so it follows `a` instead of nesting in it.
    expect(r.document.tasks.map((t) => [t.id?.text, t.duration?.text, t.children.length])).toEqual([["a", "1d", 0], ["b", "2d", 0]]);
    expect(r.document.resources.map((x) => x.id?.text)).toEqual(["r"]);
  });
});

describe("limits", () => {
  it("stops at 100 levels of nesting with one error instead of overflowing the stack", () => {
    const text = "task a { ".repeat(5000) + "}".repeat(5000);
    const r = parse(text, "u");
    expect(r.diagnostics.map((d) => d.message)).toContain("blocks are nested more than 100 levels deep; the rest of the file is ignored");
    expect(r.diagnostics).toHaveLength(2); // and the outermost block is left open
    let depth = 0;
    for (let t = r.document.tasks[0]; t; t = t.children[0]) depth++;
    expect(depth).toBe(100);
  });
});
