// Every user-facing message of the parser, in the planner's words. Chevrotain's errors
// (mismatched token, no viable alternative, early exit, input left over) arrive here as
// ErrorRecords and leave as Diagnostics with a code, an exact range and, where a typo is
// likely, a did-you-mean hint. No token-type names ever reach the user.
import { EOF, tokenMatcher, type IToken, type TokenType } from "chevrotain";
import type { Range } from "../core/ast";
import { diag, type Code, type Diagnostic } from "../core/diagnostics";
import {
  Comma,
  DateLiteral,
  Dot,
  DotDot,
  DurationLike,
  DurationLiteral,
  Keyword,
  keywordOf,
  LCurly,
  Minus,
  Identifier,
  NumberLiteral,
  PercentLike,
  PercentLiteral,
  Plus,
  RateLike,
  RateLiteral,
  RCurly,
  StringLiteral,
  TimeLiteral,
} from "./lexer";
import type { BlockKind, ErrorRecord, OpenBlock } from "./parser";
import { tokenRange } from "./ranges";

const LITERALS = new Map<TokenType, string>([
  [DurationLike, "a duration such as `5d`"],
  [DurationLiteral, "a duration such as `5d`"],
  [PercentLike, "a percentage such as `50%`"],
  [PercentLiteral, "a percentage such as `50%`"],
  [RateLike, "a rate such as `110/h`"],
  [RateLiteral, "a rate such as `110/h`"],
  [NumberLiteral, "a number"],
  [DateLiteral, "a date such as `2027-01-04`"],
  [TimeLiteral, "a time such as `09:00`"],
  [StringLiteral, 'a text in quotes, such as `"Design"`'],
]);

/** What an identifier stands for, by the rule that wants it. */
const IDENTIFIERS: Record<string, string> = {
  taskDecl: "an identifier such as `design`",
  resourceDecl: "an identifier such as `dev`",
  calendarDecl: "an identifier such as `office`",
  riskDecl: "an identifier such as `vendor_delay`",
  taskRef: "a task name",
  resourceRef: "a resource name",
  calendarRef: "a calendar name",
  dayRange: "a weekday such as `mon`",
  projectField: "a currency code such as `USD`",
};

const PUNCTUATION = new Map<TokenType, string>([
  [LCurly, "`{`"],
  [RCurly, "`}`"],
  [Comma, "`,`"],
  [Dot, "`.`"],
  [DotDot, "`..`"],
  [Plus, "`+`"],
  [Minus, "`-`"],
  [EOF, "the end of the file"],
]);

/** Words for one expected token type in a rule. */
export function describeExpected(t: TokenType, rule: string): string {
  const kw = keywordOf.get(t);
  if (kw) return `\`${kw}\``;
  if (t === Identifier) return IDENTIFIERS[rule] ?? "a name";
  if (t === StringLiteral && rule === "importDecl") return 'a file path in quotes, such as `"shared/resources.plan"`';
  return LITERALS.get(t) ?? PUNCTUATION.get(t) ?? "something else";
}

/** How a token reads in a message: its text in backticks, or "the end of the file". */
export function quoteToken(t: IToken): string {
  if (t.tokenType === EOF) return "the end of the file";
  const image = t.image.length > 40 ? `${t.image.slice(0, 40)}…` : t.image;
  return `\`${image}\``;
}

export function describeBlock(b: OpenBlock): string {
  if (b.kind === "project") return "the project block";
  return b.id ? `${b.kind} \`${b.id}\`` : `the ${b.kind}`;
}

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** The keywords that may start a statement, per block kind, and at the top level. */
export type Starters = (where: BlockKind | "top") => string[];

/**
 * The diagnostic for one parser error. `starters` lists what may start a statement where
 * the error is, for did-you-mean hints; `fallback` is a range to use at the end of the file.
 */
export function syntaxError(r: ErrorRecord, uri: string, starters: Starters, fallback: Range): Diagnostic {
  const at = r.actual.tokenType === EOF ? (r.previous && !isNaN(r.previous.startOffset) ? tokenRange(r.previous) : fallback) : tokenRange(r.actual);
  const expected = r.expected;
  const closesBlock = expected.length === 1 && (expected[0] === RCurly || expected[0] === EOF);
  if (closesBlock) return misplaced(r, uri, at, starters);

  const after = r.previous && r.previous.tokenType !== EOF && !isNaN(r.previous.startOffset) ? ` after ${quoteToken(r.previous)}` : "";
  const what = r.custom ?? orList([...new Set(expected.map((t) => describeExpected(t, r.rule)))]);
  // A value missing right after its field keyword: "expected a duration such as `5d` after `effort`".
  const afterKeyword = r.previous?.tokenType.CATEGORIES?.includes(Keyword) === true;
  const missingValue = afterKeyword && (r.custom !== undefined || !expected.some((t) => PUNCTUATION.has(t) || keywordOf.has(t)));
  const code: Code = missingValue ? "GANTRY102" : "GANTRY101";
  return diag(code, uri, at, `expected ${what}${after}`);
}

/** A token where a block (or the file) should end: a missing `}`, or a stray statement. */
function misplaced(r: ErrorRecord, uri: string, at: Range, starters: Starters): Diagnostic {
  const a = r.actual;
  const block = r.block;
  if (!block) {
    if (a.tokenType === RCurly) return diag("GANTRY101", uri, at, "unexpected `}`: no block is open here");
    const top = starters("top");
    return unknownWord(uri, at, a, top, `unexpected ${quoteToken(a)}: a plan is made of ${orList(top.map((w) => `\`${w}\``))} blocks`);
  }
  const topLevel = new Set(starters("top"));
  const kw = keywordOf.get(a.tokenType);
  if (a.tokenType === EOF || (kw && topLevel.has(kw) && !starters(block.kind).includes(kw))) {
    return diag("GANTRY101", uri, at, `expected \`}\` to close ${describeBlock(block)} opened on line ${block.line + 1}`);
  }
  const fields = starters(block.kind);
  if (kw) return diag("GANTRY101", uri, at, `\`${kw}\` is not a field of ${kindPhrase(block.kind)}`);
  // Right after a name or a link type, the user is most likely continuing a list.
  const inList = r.previous !== undefined && (r.previous.tokenType === Identifier || LINK_TYPES.has(r.previous.image));
  const where = `in ${describeBlock(block)}`;
  if (a.tokenType === Identifier) {
    const hint = inList && !fields.some((w) => closeEnough(a.image, w)) ? ": separate names with `,`" : "";
    return unknownWord(uri, at, a, fields, `unknown field ${quoteToken(a)} ${where}${hint}`);
  }
  if (inList && tokenMatcher(a, DurationLike)) {
    return diag("GANTRY101", uri, at, `unexpected ${quoteToken(a)} ${where}: a lag needs a sign, \`+${a.image}\` or \`-${a.image}\``);
  }
  return diag("GANTRY101", uri, at, `unexpected ${quoteToken(a)} ${where}`);
}

const LINK_TYPES = new Set(["FS", "SS", "FF", "SF"]);

function kindPhrase(kind: BlockKind): string {
  return kind === "project" ? "the project" : `a ${kind}`;
}

/** A message for an unexpected word, with "did you mean" when a valid word is close. */
function unknownWord(uri: string, at: Range, a: IToken, valid: string[], message: string): Diagnostic {
  const near = valid.filter((w) => closeEnough(a.image, w));
  if (a.tokenType !== Identifier || near.length === 0) return diag("GANTRY101", uri, at, message);
  return diag("GANTRY101", uri, at, `${message}: did you mean ${orList(near.map((w) => `\`${w}\``))}?`, {
    fix: { kind: "replace", candidates: near },
  });
}

/** Edit distance (a swap of neighbours counts one) at most 1 for short words, 2 for longer ones. */
function closeEnough(typed: string, word: string): boolean {
  const a = typed.toLowerCase();
  const b = word.toLowerCase();
  const limit = b.length <= 4 ? 1 : 2;
  if (Math.abs(a.length - b.length) > limit) return false;
  // d[i][j]: distance between a[0..i) and b[0..j)
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]! <= limit;
}

// ---- lexical and literal diagnostics ----

export function unknownCharacters(uri: string, at: Range, text: string): Diagnostic {
  const shown = [...text].length === 1 ? `unknown character \`${text}\`` : `unknown characters \`${text}\``;
  return diag("GANTRY104", uri, at, shown);
}

export function unterminatedString(uri: string, at: Range): Diagnostic {
  return diag("GANTRY103", uri, at, 'unterminated string: add a closing `"`');
}

export function tooDeep(uri: string, at: Range, max: number): Diagnostic {
  return diag("GANTRY101", uri, at, `blocks are nested more than ${max} levels deep; the rest of the file is ignored`);
}

/** A `}` the file lacks, found by indentation (grammar/blocks.ts): reported at the block's last token. */
export function missingClose(uri: string, at: Range, block: OpenBlock, before: IToken): Diagnostic {
  const next = before.tokenType === RCurly ? "the `}`" : quoteToken(before);
  return diag(
    "GANTRY101",
    uri,
    at,
    `${describeBlock(block)} opened on line ${block.line + 1} is not closed: add \`}\` after this line (${next} on line ${before.startLine} is not indented inside it)`,
  );
}

export function tooManyErrors(uri: string, at: Range, max: number): Diagnostic {
  return diag("GANTRY101", uri, at, `more than ${max} syntax errors: the rest of the file is not checked`);
}

export type UnitSlot = "duration" | "percent" | "rate";

const UNITS: Record<UnitSlot, string[]> = { duration: ["d", "h", "w", "mo"], percent: ["%"], rate: ["/h", "/d"] };

/** `duration 5`: the number needs a unit; the quick fix appends one. */
export function numberWithoutUnit(uri: string, t: IToken, slot: UnitSlot): Diagnostic {
  const units = UNITS[slot];
  const examples = orList(units.map((u) => `\`${t.image}${u}\``));
  return diag("GANTRY105", uri, tokenRange(t), `\`${t.image}\` needs a unit: write ${examples}`, {
    fix: { kind: "addUnit", units },
  });
}

const DURATION_UNITS = ["h", "d", "w", "mo", "eh", "ed", "ew", "emo"];

/** `5m`, `3days`: a number glued to a word that is not a duration unit. */
export function unknownUnit(uri: string, t: IToken): Diagnostic {
  const [, num = "", unit = ""] = /^([\d.]+)(.*)$/.exec(t.image) ?? [];
  const near = DURATION_UNITS.filter((u) => u.startsWith(unit.slice(0, 1).toLowerCase()));
  const candidates = (near.length ? near : ["d", "h", "w", "mo"]).map((u) => num + u);
  return diag(
    "GANTRY101",
    uri,
    tokenRange(t),
    `unknown unit \`${unit}\` in \`${t.image}\`: use h, d, w or mo (working time) or eh, ed, ew, emo (elapsed time)`,
    { fix: { kind: "replace", candidates } },
  );
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function invalidDate(uri: string, at: Range, text: string, year: number, month: number): Diagnostic {
  if (month < 1 || month > 12) return diag("GANTRY106", uri, at, `\`${text}\` is not a date: the month must be 01 to 12`);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return diag("GANTRY106", uri, at, `\`${text}\` is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`);
}

export function reversedDates(uri: string, at: Range, from: string, to: string): Diagnostic {
  return diag("GANTRY106", uri, at, `the range ends before it starts: \`${to}\` is before \`${from}\``);
}

export function invalidTime(uri: string, at: Range, text: string): Diagnostic {
  return diag("GANTRY107", uri, at, `\`${text}\` is not a time of day: write HH:MM from \`00:00\` to \`24:00\``);
}

export function reversedTimes(uri: string, at: Range, from: string, to: string): Diagnostic {
  return diag("GANTRY107", uri, at, `\`${from}-${to}\` is empty or reversed: the end must be after the start`);
}

/** No line number in the message: the first one's place is a related location, which moves with the text. */
export function fieldTwice(uri: string, at: Range, keyword: string, where: OpenBlock, first: Range): Diagnostic {
  return diag(
    "GANTRY108",
    uri,
    at,
    `\`${keyword}\` is given twice in ${describeBlock(where)}: this one is ignored and the first applies; remove one of them`,
    { related: [{ uri, range: first, message: `the first \`${keyword}\`, which applies` }] },
  );
}

/** For an error that reached us without a record (should not happen). */
export function unexpected(uri: string, at: Range, t: IToken): Diagnostic {
  return diag("GANTRY101", uri, at, `unexpected ${quoteToken(t)}`);
}

/** `task { … }`: the header has no identifier. */
export function missingIdentifier(uri: string, at: Range, kind: BlockKind): Diagnostic {
  return diag("GANTRY102", uri, at, `expected ${IDENTIFIERS[`${kind === "milestone" ? "task" : kind}Decl`]} after \`${kind}\``);
}

/** `task import { … }`: a keyword cannot be an identifier. */
export function keywordAsIdentifier(uri: string, at: Range, word: string, kind: BlockKind): Diagnostic {
  const example = `${word}_${kind}`;
  return diag("GANTRY101", uri, at, `\`${word}\` is a keyword and cannot name a ${kind}: choose another identifier, such as \`${example}\``, {
    fix: { kind: "replace", candidates: [example] },
  });
}

export function internalError(uri: string, at: Range, error: unknown): Diagnostic {
  return diag("GANTRY101", uri, at, `internal parser error: ${error instanceof Error ? error.message : String(error)}`);
}
