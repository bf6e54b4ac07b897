// The canonical layout of a plan (`gantry fmt`, Format Document / Selection).
//
// The formatter only rewrites the whitespace between tokens, so it cannot change what a
// plan means: tokens written without a space between them (`-1d`, `09:00-12:00`,
// `build.data`) stay together (except around braces and after commas, where a space is
// always safe), and every comment keeps its text and is followed by a newline.
// The rules:
//   - two spaces of indentation per block level;
//   - a block written over several lines puts each statement on its own line and its
//     `}` on a line of its own; a block written on one line stays on one line, with one
//     space inside the braces and two spaces between statements;
//   - one space between the words of a statement and after a comma;
//   - consecutive lines that each hold a one-line `task`/`milestone`/`resource` block
//     (no blank or comment line between) align their names and their `{` in columns;
//   - a comment on its own line keeps its own line; a comment after code follows it
//     after two spaces; runs of blank lines shrink to one; the file ends with a newline.
// Text the lexer cannot read safely (unknown characters, an unterminated string,
// unbalanced braces) is returned unchanged.
import { keywordOf, UnterminatedString, LCurly, RCurly, Comma, Comment, Identifier, StringLiteral } from "../grammar/lexer";
import { scanSpans, type TokenSpans } from "../grammar/scan";

/** Lines are zero-based and inclusive. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

/** The statement keywords of each kind of block: a token that starts a new line. */
const TASK_FIELDS = [
  "duration", "effort", "estimate", "assign", "after", "cost", "budget", "done", "started", "finished", "spent",
  "note", "priority", "calendar", "start", "finish", "as", "deadline", "task", "milestone",
];
const STATEMENTS: Record<string, ReadonlySet<string>> = {
  top: new Set(["project", "calendar", "resource", "task", "milestone", "risk", "import"]),
  project: new Set(["start", "currency", "budget", "calendar", "status", "leveling"]),
  calendar: new Set(["workweek", "hours", "holiday"]),
  resource: new Set(["role", "rate", "units", "off", "calendar", "kind"]),
  task: new Set(TASK_FIELDS),
  milestone: new Set(TASK_FIELDS),
  risk: new Set(["probability", "impact", "affects", "owner", "mitigation", "status"]),
};
const ANY_STATEMENT = new Set(Object.values(STATEMENTS).flatMap((s) => [...s]));

interface Block {
  kind: string;
  multiLine: boolean;
}

// The formatter reads the scanner's spans (token types and positions as integers), and
// writes the original text in runs between the gaps it changes: an already formatted file
// is copied in one piece. On the 10k-task plan that took its time from 80–110 ms to about
// 30 (45 when every line's indentation changes): most of it had been making and collecting
// token objects and a string of half a million pieces.
const [LCURLY, RCURLY, COMMA, COMMENT, IDENTIFIER, STRING, UNTERMINATED] = [LCurly, RCurly, Comma, Comment, Identifier, StringLiteral, UnterminatedString].map((t) => t.tokenTypeIdx!);
/** Each keyword's text by its token type's index. */
const KEYWORD_AT: string[] = [];
for (const [type, word] of keywordOf) KEYWORD_AT[type.tokenTypeIdx!] = word;

export function formatPlan(text: string, range?: LineRange): string {
  const s = scanSpans(text);
  const n = s.count;
  if (s.errors > 0 || s.typeIdx.subarray(0, n).includes(UNTERMINATED)) return text;
  const layout = blockLayout(text, s);
  if (!layout) return text;
  if (n === 0) return range ? text : "";
  const pads = alignment(s, layout);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const inRange = (line: number) => !range || (line >= range.startLine && line <= range.endLine);
  const out = new Rewrite(text);
  const breaks = new LineBreaks(eol);

  const stack: Block[] = [{ kind: "top", multiLine: true }];
  let statement = "top"; // keyword of the statement being printed in the current block
  for (let i = 0; i < n; i++) {
    const type = s.typeIdx[i]!;
    const start = s.start[i]!;
    const block = stack[stack.length - 1]!;
    const word = KEYWORD_AT[type];
    const startsStatement = word !== undefined && (STATEMENTS[block.kind] ?? ANY_STATEMENT).has(word) && !(word === "as" && KEYWORD_AT[s.typeIdx[i - 1]!] === "late");
    if (startsStatement) statement = word;

    // The gap before the token is text[gapStart, start).
    const gapStart = i > 0 ? s.start[i - 1]! + s.length[i - 1]! : 0;
    if (inRange(s.line[i]!)) {
      const prevType = i > 0 ? s.typeIdx[i - 1]! : -1;
      let gap: string;
      if (i === 0) gap = "";
      else if (gapStart === start && !(prevType === LCURLY || prevType === COMMA || type === LCURLY || type === RCURLY)) gap = "";
      else {
        const newlines = countNewlines(text, gapStart, start);
        const blank = newlines >= 2;
        const depth = type === RCURLY ? stack.length - 2 : stack.length - 1;
        if (prevType === COMMENT) gap = breaks.at(startsStatement || type === COMMENT || type === RCURLY ? depth : depth + 1, blank);
        else if (type === COMMENT) gap = newlines > 0 ? breaks.at(depth, blank) : "  ";
        else if (type === RCURLY || prevType === LCURLY) gap = block.multiLine ? breaks.at(depth, blank) : " ";
        else if (startsStatement) gap = block.multiLine ? breaks.at(depth, blank) : "  ";
        else gap = spaces(1 + (pads.get(i) ?? 0));
      }
      out.replace(gapStart, start, gap);
    }

    if (type === LCURLY) {
      stack.push({ kind: statement, multiLine: layout.multiLine[i] === 1 });
      statement = "";
    } else if (type === RCURLY) {
      stack.pop();
    }
  }
  const last = n - 1;
  if (inRange(s.line[last]!)) out.replace(s.start[last]! + s.length[last]!, text.length, eol);
  return out.done();
}

/** The original text with some of its parts replaced, kept as runs of it between them. */
class Rewrite {
  private readonly parts: string[] = [];
  /** Where the run of the original not yet written starts. */
  private from = 0;

  constructor(private readonly text: string) {}

  /** Puts `by` in place of `text[start, end)`, which follows every part replaced before. */
  replace(start: number, end: number, by: string): void {
    if (by.length === end - start && this.text.startsWith(by, start)) return;
    this.parts.push(this.text.slice(this.from, start), by);
    this.from = end;
  }

  done(): string {
    this.parts.push(this.text.slice(this.from));
    return this.parts.join("");
  }
}

/**
 * The gaps that end a line: a line break (two before a blank line) and the indentation of
 * a depth. Made once each, so that formatting a formatted file makes no string per token.
 */
class LineBreaks {
  private readonly made: string[] = [];

  constructor(private readonly eol: string) {}

  at(depth: number, blank: boolean): string {
    const k = depth * 2 + (blank ? 1 : 0);
    return (this.made[k] ??= (blank ? this.eol : "") + this.eol + "  ".repeat(depth));
  }
}

/** `n` spaces; the usual widths made once. */
const SPACES = Array.from({ length: 64 }, (_, n) => " ".repeat(n));
const spaces = (n: number): string => SPACES[n] ?? " ".repeat(n);

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Each block by the index of its `{`: the index of its `}` (-1 for other tokens), and whether it spans lines. */
interface Blocks {
  close: Int32Array;
  multiLine: Uint8Array;
}

/** Undefined when braces do not balance. */
function blockLayout(text: string, s: TokenSpans): Blocks | undefined {
  const close = new Int32Array(s.count).fill(-1);
  const multiLine = new Uint8Array(s.count);
  const open: number[] = [];
  for (let k = 0; k < s.count; k++) {
    if (s.typeIdx[k] === LCURLY) open.push(k);
    else if (s.typeIdx[k] === RCURLY) {
      const start = open.pop();
      if (start === undefined) return undefined;
      close[start] = k;
      const nl = text.indexOf("\n", s.start[start]!);
      multiLine[start] = nl >= 0 && nl < s.start[k]! ? 1 : 0;
    }
  }
  return open.length === 0 ? { close, multiLine } : undefined;
}

const ALIGNED = new Set(["task", "milestone", "resource"]);

/**
 * Extra spaces before the name and the `{` of one-line definitions on consecutive lines
 * (`task id "Name" { … }`), by token index, so that their columns line up.
 */
function alignment(s: TokenSpans, layout: Blocks): Map<number, number> {
  interface Header {
    at: number; // index of the keyword
    line: number;
    closeLine: number;
    depth: number;
    head: number; // width of `keyword id`
    name: number; // width of the name
  }
  const headers: Header[] = [];
  let depth = 0;
  for (let i = 0; i < s.count; i++) {
    const type = s.typeIdx[i]!;
    if (type === LCURLY) depth++;
    else if (type === RCURLY) depth--;
    if (!ALIGNED.has(KEYWORD_AT[type] ?? "") || i + 3 >= s.count) continue;
    const close = layout.close[i + 3]!;
    if (s.typeIdx[i + 1] !== IDENTIFIER || s.typeIdx[i + 2] !== STRING || close < 0 || layout.multiLine[i + 3]) continue;
    headers.push({ at: i, line: s.line[i]!, closeLine: s.line[close]!, depth, head: s.length[i]! + 1 + s.length[i + 1]!, name: s.length[i + 2]! });
  }
  const pads = new Map<number, number>();
  for (let a = 0; a < headers.length; ) {
    let b = a + 1;
    while (b < headers.length && headers[b]!.line === headers[b - 1]!.closeLine + 1 && headers[b]!.depth === headers[a]!.depth) b++;
    const run = headers.slice(a, b);
    const head = Math.max(...run.map((h) => h.head));
    const name = Math.max(...run.map((h) => h.name));
    for (const h of run) {
      if (head > h.head) pads.set(h.at + 2, head - h.head);
      if (name > h.name) pads.set(h.at + 3, name - h.name);
    }
    a = b;
  }
  return pads;
}
