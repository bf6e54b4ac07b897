// Parsing an edited text with the parse of the text before the edit keeps the top-level
// declarations before the change and after it (moved, when the edit added or removed
// lines) and parses the lines between: the result must be exactly what a parse from the start gives
// (AST with every range, diagnostics in order). Checked on
// chains of seeded random edits — many of them syntax errors that later edits repair or
// make worse — on every plan we have, and on a plan typed in character by character.
// A parse from the start reads a long text in chunks: the same must hold of them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePlan } from "../../bench/generate";
import { seeded } from "../../core/level/random";
import { parse, type ParseResult } from "../../grammar";

const root = join(__dirname, "../..");
const plansUnder = (dir: string): [string, string][] =>
  readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".plan"))
    .map((f) => [`${dir}/${f}`, readFileSync(join(root, dir, f), "utf8")]);
const DOC_PLANS = [...readFileSync(join(root, "docs/language.md"), "utf8").matchAll(/```plan\n([\s\S]*?)```/g)].map((m, i): [string, string] => [`docs block ${i + 1}`, m[1]!]);
const PLANS: [string, string][] = [
  ...plansUnder("examples"),
  ...plansUnder("test"),
  ...DOC_PLANS,
  ["a generated plan of 60 tasks", generatePlan(60)],
  ["a generated plan of 60 tasks with CRLF line ends", generatePlan(60, 7).replace(/\n/g, "\r\n")],
];

/** What a parse means: the document and the diagnostics (not how much a later parse may keep). */
const meaning = (r: ParseResult) => JSON.stringify({ document: r.document, diagnostics: r.diagnostics });

const SNIPPETS = [
  "x", " ", "\n", "\n\n", "}", "{", '"', "#", ",", ".", "5d", "after a", "task y {", "task z \"Z\" { duration 2d }\n", "resource r { rate 10/h }\n",
  "  task w { }\n", "milestone m {}", "import \"x.plan\"\n", "\r\n", "@", "é", "\t", "2027-01-04", "..", "}\n}", "{{",
];

/** A random edit: an insertion, a deletion or a replacement somewhere in the text. */
function edit(random: () => number, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const snippet = SNIPPETS[Math.floor(random() * SNIPPETS.length)]!;
  const op = random();
  if (op < 0.5) return text.slice(0, at) + snippet + text.slice(at);
  const end = Math.min(text.length, at + 1 + Math.floor(random() * 12));
  return text.slice(0, at) + (op < 0.8 ? "" : snippet) + text.slice(end);
}

let reused = 0;
let reusedAfter = 0;
/** Of those, parses that recovered from something: the declarations after were kept all the same. */
let reusedAfterBroken = 0;
let edits = 0;

/** A parse from the start, in one piece (not in chunks: see "parsing in chunks" below). */
const whole = (text: string) => parse(text, "file:///t.plan", undefined, Infinity);

/**
 * Parses `text` after `previous` (and, where that falls back to a parse from the start, in
 * chunks as small as they come), checks it against a parse from the start in one piece,
 * and counts reuse.
 */
function step(previous: { text: string; result: ParseResult }, text: string): { text: string; result: ParseResult } {
  const result = parse(text, "file:///t.plan", previous, 1);
  expect(meaning(result)).toBe(meaning(whole(text)));
  const [was, is] = [previous.result.document, result.document];
  if ((was.tasks[0] && is.tasks[0] === was.tasks[0]) || (was.resources[0] && is.resources[0] === was.resources[0])) reused++;
  // A declaration after the change kept: the change left the lines below it in place.
  let same = 0;
  while (same < text.length && previous.text[same] === text[same]) same++;
  const changedLine = text.slice(0, same).split(/\r\n|\r|\n/).length - 1;
  const now = new Set<unknown>([...is.tasks, ...is.resources]);
  if ([...was.tasks, ...was.resources].some((d) => d.range.start.line > changedLine && now.has(d))) {
    reusedAfter++;
    if (result.cleanUntil !== Infinity) reusedAfterBroken++;
  }
  edits++;
  return { text, result };
}

describe("parsing again after an edit", () => {
  it.each(PLANS)("gives what a parse from the start gives, on random edits of %s", (_, plan) => {
    const random = seeded(plan.length);
    const original = { text: plan, result: parse(plan, "file:///t.plan") };
    // One edit of the plan as it is, 20 times; then a chain of 20 edits, each of the text the last one left.
    for (let i = 0; i < 20; i++) step(original, edit(random, plan));
    let state = original;
    for (let i = 0; i < 20; i++) state = step(state, edit(random, state.text));
  });

  it("gives what a parse from the start gives while a task is typed in the middle of a plan, character by character", () => {
    const plan = generatePlan(60);
    const at = plan.indexOf("\n", plan.length / 2) + 1;
    const typed = 'task extra "Extra work" {\n  effort 3d\n  assign r1 50%\n  after t0, t1 +2d\n}\n';
    let state = { text: plan, result: parse(plan, "file:///t.plan") };
    for (let i = 1; i <= typed.length; i++) state = step(state, plan.slice(0, at) + typed.slice(0, i) + plan.slice(at));
  });

  it("keeps the declarations before a block typed without its `}`, keystroke after keystroke", () => {
    const plan = Array.from({ length: 20 }, (_, k) => `task t${k} "T${k}" { duration 1d }\n`).join("");
    const at = plan.indexOf("task t10");
    const typed = 'task new "New" {\n  duration 2d\n';
    const original = parse(plan, "file:///t.plan");
    let state = { text: plan, result: original };
    for (let i = 1; i <= typed.length; i++) {
      state = step(state, plan.slice(0, at) + typed.slice(0, i) + plan.slice(at));
      // The block left open is recovered from where it starts: what comes before is kept, every time.
      state.result.document.tasks.slice(0, 9).forEach((t, k) => expect(t).toBe(original.document.tasks[k]));
    }
    expect(state.result.diagnostics.map((d) => d.code)).toContain("GANTRY101");
  });

  it("keeps the declarations after an edit whose recovery leaves a `}` over at the top level", () => {
    const plan = generatePlan(400); // a few programmes
    const original = parse(plan, "file:///t.plan");
    // A `}` typed before a subtask's keyword ends its phase early, and each phase's own `}`
    // closes the one around it: the programme's is left over at the top level, where
    // recovery skips it.
    const at = plan.indexOf("      task ", plan.indexOf("task p0 ")) + "      ".length;
    const programme = original.document.tasks.findIndex((t) => t.range.start.line > plan.slice(0, at).split("\n").length - 1);
    expect(programme).toBeGreaterThan(0);
    const edited = step({ text: plan, result: original }, plan.slice(0, at) + "}" + plan.slice(at)).result;
    expect(edited.diagnostics.map((d) => d.message)).toContain("unexpected `}`: no block is open here");
    // The programmes after the one edited are kept, the same objects.
    const after = original.document.tasks.slice(programme);
    expect(edited.document.tasks.slice(-after.length)).toEqual(after);
    edited.document.tasks.slice(-after.length).forEach((t, i) => expect(t).toBe(after[i]));
  });

  it("parses again a block that the previous parse cut short after a subtask's `}`", () => {
    // `app` ends the phase early (its `}` is missing), then an edit after it closes the phase
    // there: the phase ends in a `}` both times, but only the second time its own.
    const plan = 'task build "Build" {\n  task data "Data" { duration 2d }\napp "App"\nrisk r "R" { }\n}\n';
    const cut = { text: plan, result: parse(plan, "file:///t.plan") };
    expect(cut.result.document.tasks[0]!.range.end.line).toBe(1);
    const closed = step(cut, plan.replace('"App"', '"App" }')).result;
    expect(closed.document.tasks[0]!.range.end.line).toBe(2);
  });

  it("keeps the declarations below Enter and Backspace as the same objects, moved to their new lines", () => {
    const plan = generatePlan(60);
    const original = parse(plan, "file:///t.plan");
    const lineEnd = plan.indexOf("\n", plan.indexOf("resource r5"));
    const editedLine = plan.slice(0, lineEnd).split("\n").length - 1;
    const declarations = (r: ParseResult) => [...r.document.resources, ...r.document.tasks].filter((d) => d.range.start.line > editedLine);
    const below = declarations(original);
    const lines = below.map((d) => d.range.start.line);
    expect(below.length).toBe(7); // six resources and the programme
    const entered = plan.slice(0, lineEnd) + "\n    " + plan.slice(lineEnd);
    const withLine = step({ text: plan, result: original }, entered).result;
    declarations(withLine).forEach((d, i) => {
      expect(d).toBe(below[i]);
      expect(d.range.start.line).toBe(lines[i]! + 1);
    });
    const back = step({ text: entered, result: withLine }, plan).result;
    declarations(back).forEach((d, i) => {
      expect(d).toBe(below[i]);
      expect(d.range.start.line).toBe(lines[i]);
    });
    expect(declarations(back).length).toBe(7);
    // The first parse's declarations lie where the latest text has them now: it cannot be
    // the parse before another edit of its text, and is not taken as one.
    step({ text: plan, result: original }, plan.slice(0, lineEnd) + "\n\n" + plan.slice(lineEnd));
  });

  it("parses a line typed below a closed declaration from that line: the declarations above and below stay the same objects", () => {
    const plan = generatePlan(60);
    const original = parse(plan, "file:///t.plan");
    const lastResource = original.document.resources.at(-1)!;
    const lineEnd = plan.indexOf("\n", plan.indexOf(`resource ${lastResource.id!.text}`));
    const all = (r: ParseResult) => [r.document.project, ...r.document.calendars, ...r.document.resources, ...r.document.tasks];
    const firstTaskLine = original.document.tasks[0]!.range.start.line; // read now: kept objects move with the text
    // Enter after the last resource, then a character typed on the new line, then a comment there.
    let now = { text: plan, result: original };
    for (const typed of ["\n", "\nt", "\n# t"]) {
      now = step(now, plan.slice(0, lineEnd) + typed + plan.slice(lineEnd));
      expect(all(now.result).every((d, i) => d === all(original)[i])).toBe(true);
      expect(now.result.document.tasks[0]!.range.start.line).toBe(firstTaskLine + 1);
    }
  });

  it("keeps the declarations before the change and after it (the same objects), also when the change breaks the syntax", () => {
    const plan = generatePlan(60);
    const before = parse(plan, "file:///t.plan");
    const last = plan.lastIndexOf("duration");
    const after = parse(plan.slice(0, last) + "duration 9d  " + plan.slice(last + "duration".length), "file:///t.plan", { text: plan, result: before });
    expect(after.document.tasks.length).toBe(before.document.tasks.length);
    expect(after.document.tasks.slice(0, -1)).toEqual(before.document.tasks.slice(0, -1));
    after.document.tasks.slice(0, -1).forEach((t, i) => expect(t).toBe(before.document.tasks[i]));
    expect(after.document.resources).toEqual(before.document.resources);
    expect(after.document.tasks.at(-1)).not.toBe(before.document.tasks.at(-1));
    // An edit in the middle that keeps the line count: only the top-level task around it is parsed again.
    const middle = plan.indexOf("duration", plan.length / 2);
    const edited = parse(plan.slice(0, middle) + "duration 9d  " + plan.slice(middle + "duration".length), "file:///t.plan", { text: plan, result: before });
    const changed = edited.document.tasks.filter((t, i) => t !== before.document.tasks[i]);
    expect(changed.length).toBe(1);
    expect(edited.document.resources).toEqual(before.document.resources);
    // The random edits above kept a prefix often enough to test it (most fixtures hold two
    // or three declarations, where an edit leaves nothing to keep).
    expect(edits).toBeGreaterThan(4000);
    expect(reused).toBeGreaterThan(400);
    expect(reusedAfter).toBeGreaterThan(300);
    expect(reusedAfterBroken).toBeGreaterThan(200);
  });
});

describe("parsing in chunks", () => {
  it.each(PLANS)("gives what a parse in one piece gives, on %s and random edits of it", (_, plan) => {
    const random = seeded(plan.length + 1);
    for (const text of [plan, ...Array.from({ length: 20 }, () => edit(random, plan))]) {
      const expected = meaning(whole(text));
      for (const chunk of [1, 50, 400]) expect(meaning(parse(text, "file:///t.plan", undefined, chunk))).toBe(expected);
    }
  });

  it("does not end a chunk at a keyword after U+2028, which JavaScript counts as a line break and the scanner does not", () => {
    const plan = 'task a "A" { duration 1d } # a note\u2028task b "B" { duration 2d }\n"a string\u2028task c"\ntask d "D" { duration 3d }\u2028task e\n';
    for (const chunk of [1, 10]) expect(meaning(parse(plan, "file:///t.plan", undefined, chunk))).toBe(meaning(whole(plan)));
  });

  it("gives what a parse in one piece gives on a plan long enough for chunks of the default size", () => {
    const plan = generatePlan(3000);
    expect(plan.length).toBeGreaterThan(5 * 32 * 1024);
    expect(meaning(parse(plan, "file:///t.plan"))).toBe(meaning(whole(plan)));
    // A syntax error in the middle: the chunks before it are kept, the rest parsed whole.
    const middle = plan.indexOf("duration", plan.length / 2);
    const broken = plan.slice(0, middle) + "duration {" + plan.slice(middle + "duration".length);
    expect(meaning(parse(broken, "file:///t.plan"))).toBe(meaning(whole(broken)));
  });
});
