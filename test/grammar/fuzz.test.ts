// Parsing never throws, whatever the input, and every range it reports is consistent.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type * as ast from "../../core/ast";
import { generatePlan } from "../../bench/generate";
import { parse } from "../../grammar";
import { KEYWORDS } from "../../grammar/lexer";
import { seeded } from "../../core/level/random";

/** Seeded, so a failure reproduces. */
const rng = seeded;

const DOC_PLANS = [...readFileSync(join(__dirname, "../../docs/language.md"), "utf8").matchAll(/```plan\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** The examples and a generated plan, by name. */
const PLANS: [string, string][] = [
  ...readdirSync(join(__dirname, "../../examples"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".plan"))
    .map((f): [string, string] => [`examples/${f}`, readFileSync(join(__dirname, "../../examples", f), "utf8")]),
  ["a generated plan of 40 tasks", generatePlan(40)],
];

/** The text's lines, split independently of the parser (at \n, \r\n and a lone \r, as LSP counts). */
class Lines {
  readonly starts = [0];
  readonly lengths: number[];

  constructor(readonly text: string) {
    for (const m of text.matchAll(/\r\n|\r|\n/g)) this.starts.push(m.index + m[0].length);
    this.lengths = text.split(/\r\n|\r|\n/).map((l) => l.length);
  }

  /** The offset of a position, after checking that the position is in the text. */
  offset(p: ast.Pos): number {
    // The deep comparison runs only on a failure, for its message: it is the slow part of this file.
    const ok = Number.isInteger(p.line) && p.line >= 0 && p.line < this.lengths.length && Number.isInteger(p.col) && p.col >= 0 && p.col <= this.lengths[p.line]!;
    if (!ok || Object.keys(p).length !== 2) expect({ ...p, lines: this.lengths.length, length: this.lengths[p.line] }).toEqual("a position in the text");
    return this.starts[p.line]! + p.col;
  }

  /** The text of a range, after checking that it is a range of the text. */
  slice(r: ast.Range): string {
    const [from, to] = [this.offset(r.start), this.offset(r.end)];
    expect(from).toBeLessThanOrEqual(to);
    return this.text.slice(from, to);
  }
}

/** Parses, and checks that nothing threw inside and that the ranges are ranges of the text, around what they say. */
function check(text: string, deep = true): void {
  const { document, diagnostics } = parse(text, "u");
  for (const d of diagnostics) expect(d.message).not.toMatch(/^internal parser error/);
  if (!deep) return;
  const lines = new Lines(text);
  for (const d of diagnostics) lines.slice(d.range);
  const walk = (t: ast.Task): void => {
    if (!lines.slice(t.range).startsWith(t.kind)) expect([lines.slice(t.range), t.kind]).toEqual("a task's range starting with its keyword");
    if (t.id && lines.slice(t.id.range) !== t.id.text) expect([lines.slice(t.id.range), t.id.text]).toEqual("an id's range around its text");
    t.fields.forEach((f) => lines.slice(f.range));
    t.children.forEach(walk);
  };
  document.tasks.forEach(walk);
  for (const c of document.comments) if (lines.slice(c.range) !== c.text) expect([lines.slice(c.range), c.text]).toEqual("a comment's range around its text");
  for (const n of [...document.resources, ...document.calendars, ...document.risks]) lines.slice(n.range);
}

const VOCABULARY = [
  ...KEYWORDS,
  "{", "}", "{", "}", ",", ".", "..", "+", "-", "#c\n", "\n", '"s"', '"open', "a", "b.c", "startup",
  "5d", "3ed", "1mo", "5", "50%", "110/h", "2027-01-04", "2027-02-30", "09:00", "25:99", "5m", "@", "é", "\u2028", "\r\n",
];

describe("never throws", () => {
  it("on random characters", () => {
    const r = rng(1);
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(r() * 200);
      let text = "";
      for (let j = 0; j < len; j++) text += String.fromCharCode(r() < 0.7 ? 32 + Math.floor(r() * 95) : Math.floor(r() * 0xffff));
      check(text, !/[\u2028\u2029\u0085]/.test(text));
    }
  });

  it("on random token soup", () => {
    const r = rng(2);
    for (let i = 0; i < 500; i++) {
      const words = Array.from({ length: Math.floor(r() * 60) }, () => VOCABULARY[Math.floor(r() * VOCABULARY.length)]!);
      const text = words.join(r() < 0.5 ? " " : "\n");
      check(text, !text.includes("\u2028"));
    }
  });

  // One test per plan, so that each has its own time limit: the work is quadratic in the plan's length on purpose.
  it.each(DOC_PLANS.map((plan, i) => [`docs/language.md block ${i + 1}`, plan] as const))("on every prefix of %s", (_, plan) => {
    for (let i = 0; i <= plan.length; i++) check(plan.slice(0, i));
  });

  it.each(PLANS.map(([name, plan]) => [name, plan] as const))("on every prefix of %s", (_, plan) => {
    // Every prefix parses; the (slower) range checks run on every 13th.
    for (let i = 0; i <= plan.length; i++) check(plan.slice(0, i), i % 13 === 0);
  });

  it("finds the documented plans and the examples", () => {
    expect(DOC_PLANS.length).toBeGreaterThan(5);
    expect(PLANS.length).toBeGreaterThan(3);
  });

  it("on plans with lines dropped and braces unbalanced", () => {
    const r = rng(3);
    const lines = generatePlan(60).split("\n");
    for (let i = 0; i < 100; i++) {
      const kept = lines.filter(() => r() > 0.1).map((l) => (r() < 0.05 ? l.replace(/[{}]/g, "") : r() < 0.05 ? l + " }" : l));
      check(kept.join("\n"));
    }
    check("{".repeat(10_000));
    check("}".repeat(10_000));
    check("task a {".repeat(3_000));
  });

  it("on 50,000 lines", () => {
    const big = generatePlan(10_000);
    const text = big + "\n" + big.split("\n").slice(0, 50_000 - big.split("\n").length).join("\n");
    expect(text.split("\n").length).toBeGreaterThanOrEqual(20_000);
    const { document } = parse(text, "u");
    expect(document.tasks.length).toBeGreaterThan(100);
    const junk = Array.from({ length: 50_000 }, (_, i) => (i % 7 === 0 ? "task x { duration" : i % 5 === 0 ? "@@ }" : "after ,")).join("\n");
    check(junk, false);
  });
});
