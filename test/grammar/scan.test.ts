// The scanner against its specification: Chevrotain's lexer built from the token
// definitions of grammar/lexer.ts must yield the same tokens (every field), comments and
// errors (and as spans, comments in line with the tokens) on every plan we have, the documentation's
// examples, a generated plan and seeded random text made of the characters where tokens
// start, end and differ.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createTokenInstance, type ILexingError, type IToken } from "chevrotain";
import { describe, expect, it } from "vitest";
import { generatePlan } from "../../bench/generate";
import { seeded } from "../../core/level/random";
import * as T from "../../grammar/lexer";
import { scanSpans, tokenize } from "../../grammar/scan";

const oracle = T.createLexer();

const root = join(__dirname, "../..");

function plansUnder(dir: string): [string, string][] {
  return readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".plan"))
    .map((f) => [`${dir}/${f}`, readFileSync(join(root, dir, f), "utf8")]);
}

const DOC_BLOCKS = [...readFileSync(join(root, "docs/language.md"), "utf8").matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** Own fields by name, so a token with a field more or less differs (their order is the scanner's own: see below). */
const fields = (t: IToken): [string, unknown][] => Object.entries(t).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const errorFields = (e: ILexingError) => ({ offset: e.offset, length: e.length, line: e.line, column: e.column, message: e.message });

function expectSameAsChevrotain(text: string): void {
  const expected = oracle.tokenize(text);
  const actual = tokenize(text);
  expect(actual.tokens.map(fields)).toEqual(expected.tokens.map(fields));
  expect(actual.groups["comments"]!.map(fields)).toEqual(expected.groups["comments"]!.map(fields));
  expect(actual.errors.map(errorFields)).toEqual(expected.errors.map(errorFields));
  // As spans: the same tokens and comments, merged by where they start, zero-based; the errors counted.
  const merged = [...expected.tokens, ...expected.groups["comments"]!].sort((a, b) => a.startOffset - b.startOffset);
  const spans = scanSpans(text);
  expect(spans.errors).toBe(expected.errors.length);
  const asSpans = [];
  for (let k = 0; k < spans.count; k++) asSpans.push([spans.typeIdx[k], spans.start[k], spans.length[k], spans.line[k], spans.column[k]]);
  expect(asSpans).toEqual(merged.map((t) => [t.tokenTypeIdx, t.startOffset, t.image.length, t.startLine! - 1, t.startColumn! - 1]));
}

/** The characters that start, end or change tokens, weighted towards the common ones. */
const ALPHABET = [
  ..."0123456789", ..."0123", ..."aedhmowxsSFt_Z", ..."  \t", "\n", "\r", "\r\n", "\u00a0", "\ufeff", "\f", "\v",
  ..."#\"\\{}..,+-%/:", "@", "é", "\u2028", "😀", "start", "started", "startup", "mo", "SS", "ss", "e",
];

function randomText(random: () => number, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return text;
}

describe("scanner", () => {
  it.each([...plansUnder("examples"), ...plansUnder("test")])("tokenizes %s as Chevrotain's lexer does", (_, text) => {
    expectSameAsChevrotain(text);
  });

  it("tokenizes every code block of docs/language.md as Chevrotain's lexer does", () => {
    expect(DOC_BLOCKS.length).toBeGreaterThan(10);
    for (const block of DOC_BLOCKS) expectSameAsChevrotain(block);
  });

  it("tokenizes a generated plan as Chevrotain's lexer does, also with CRLF line ends", () => {
    const plan = generatePlan(60);
    expectSameAsChevrotain(plan);
    expectSameAsChevrotain(plan.replace(/\n/g, "\r\n"));
  });

  it("tokenizes seeded random text as Chevrotain's lexer does", () => {
    const random = seeded(20270104);
    for (let i = 0; i < 4000; i++) expectSameAsChevrotain(randomText(random, 1 + Math.floor(random() * 40)));
  });

  it("tokenizes the empty text to nothing", () => {
    expect(tokenize("")).toEqual({ tokens: [], groups: { comments: [] }, errors: [] });
  });

  it("makes tokens whose fields are not in the order of Chevrotain's createTokenInstance", () => {
    // Same keys in the same order share V8's hidden class, and Chevrotain's end-of-file
    // token has NaN positions: every token's positions would then be boxed doubles.
    const theirs = Object.keys(createTokenInstance(T.Identifier, "a", 0, 0, 1, 1, 1, 1));
    const ours = Object.keys(tokenize("a").tokens[0]!);
    expect([...ours].sort()).toEqual([...theirs].sort());
    expect(ours).not.toEqual(theirs);
  });

  const kinds = (text: string) => tokenize(text).tokens.map((t) => [t.image, t.tokenType.name]);

  it("tells keywords from identifiers that start with one", () => {
    expect(kinds("start started startup done_check SS ss mon")).toEqual([
      ["start", "Start"], ["started", "Started"], ["startup", "Identifier"], ["done_check", "Identifier"],
      ["SS", "SS"], ["ss", "Identifier"], ["mon", "Identifier"],
    ]);
  });

  it("reads literals that start with a digit", () => {
    expect(kinds("3mo 2.5d 3ed 12eh 5m 3days 3e 50% 120/h 120/hx 2027-01-04 9:00 123:45 7")).toEqual([
      ["3mo", "DurationLiteral"], ["2.5d", "DurationLiteral"], ["3ed", "DurationLiteral"], ["12eh", "DurationLiteral"],
      ["5m", "BadUnit"], ["3days", "BadUnit"], ["3e", "BadUnit"], ["50%", "PercentLiteral"], ["120/h", "RateLiteral"],
      ["120", "NumberLiteral"], ["hx", "Identifier"], ["2027-01-04", "DateLiteral"], ["9:00", "TimeLiteral"],
      ["123", "NumberLiteral"], ["45", "NumberLiteral"], ["7", "NumberLiteral"],
    ]);
  });

  it("reads ranges, strings and comments", () => {
    expect(kinds('2027-01-04..2027-01-05 a.b "esc\\"aped" "open\\')).toEqual([
      ["2027-01-04", "DateLiteral"], ["..", "DotDot"], ["2027-01-05", "DateLiteral"], ["a", "Identifier"], [".", "Dot"],
      ["b", "Identifier"], ['"esc\\"aped"', "StringLiteral"], ['"open\\', "UnterminatedString"],
    ]);
    const lexed = tokenize('x # note "not a string"\r\n"unterminated\ny');
    expect(lexed.groups["comments"]!.map((t) => t.image)).toEqual(['# note "not a string"']);
    expect(lexed.tokens.map((t) => [t.image, t.startLine, t.startColumn])).toEqual([["x", 1, 1], ['"unterminated', 2, 1], ["y", 3, 1]]);
  });

  it("skips NBSP and BOM as whitespace and reports one error per run of unknown characters", () => {
    const lexed = tokenize("\ufeffa\u00a0b @@é c\n  ;x");
    expect(lexed.tokens.map((t) => t.image)).toEqual(["a", "b", "c", "x"]);
    expect(lexed.errors.map((e) => [e.offset, e.length, e.line, e.column])).toEqual([[5, 3, 1, 6], [13, 1, 2, 3]]);
  });
});
