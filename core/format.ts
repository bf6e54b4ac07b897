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
import type { IToken } from "chevrotain";
import { keywordOf, UnterminatedString, LCurly, RCurly, Comma, Comment, Identifier, StringLiteral } from "../grammar/lexer";
import { tokenizeInOrder } from "../grammar/scan";

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

export function formatPlan(text: string, range?: LineRange): string {
  const { tokens, errors } = tokenizeInOrder(text);
  if (errors.length > 0 || tokens.some((t) => t.tokenType === UnterminatedString)) return text;
  const layout = blockLayout(text, tokens);
  if (!layout) return text;
  const pads = alignment(tokens, layout);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const inRange = (line: number) => !range || (line >= range.startLine && line <= range.endLine);

  let out = "";
  const stack: Block[] = [{ kind: "top", multiLine: true }];
  let statement = "top"; // keyword of the statement being printed in the current block
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const prev = tokens[i - 1];
    const gapStart = prev ? prev.endOffset! + 1 : 0; // the original gap is text[gapStart, tok.startOffset)
    const block = stack[stack.length - 1]!;
    const word = keywordOf.get(tok.tokenType);
    const startsStatement =
      word !== undefined &&
      (STATEMENTS[block.kind] ?? ANY_STATEMENT).has(word) &&
      !(word === "as" && prev?.image === "late");
    if (startsStatement) statement = word;

    let gap: string;
    if (!prev) gap = "";
    else if (gapStart === tok.startOffset && !(prev.tokenType === LCurly || prev.tokenType === Comma || tok.tokenType === LCurly || tok.tokenType === RCurly)) gap = "";
    else {
      const newlines = countNewlines(text, gapStart, tok.startOffset);
      const depth = tok.tokenType === RCurly ? stack.length - 2 : stack.length - 1;
      const newLine = (extra = "") => (newlines >= 2 ? eol : "") + eol + "  ".repeat(depth) + extra;
      if (prev.tokenType === Comment) gap = startsStatement || tok.tokenType === Comment || tok.tokenType === RCurly ? newLine() : newLine("  ");
      else if (tok.tokenType === Comment) gap = newlines > 0 ? newLine() : "  ";
      else if (tok.tokenType === RCurly) gap = block.multiLine ? newLine() : " ";
      else if (prev.tokenType === LCurly) gap = block.multiLine ? newLine() : " ";
      else if (startsStatement) gap = block.multiLine ? newLine() : "  ";
      else gap = " " + " ".repeat(pads.get(i) ?? 0);
    }
    out += inRange(tok.startLine! - 1) ? gap : text.slice(gapStart, tok.startOffset);
    out += tok.image;

    if (tok.tokenType === LCurly) {
      stack.push({ kind: statement, multiLine: layout.get(tok.startOffset)!.multiLine });
      statement = "";
    } else if (tok.tokenType === RCurly) {
      stack.pop();
    }
  }
  const last = tokens[tokens.length - 1];
  if (!last) return range ? text : "";
  const tail = text.slice(last.endOffset! + 1);
  return out + (inRange(last.endLine! - 1) ? eol : tail);
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

interface BlockInfo {
  multiLine: boolean;
  /** Zero-based line of the closing `}`. */
  closeLine: number;
}

/** Each block by the offset of its `{`. Undefined when braces do not balance. */
function blockLayout(text: string, tokens: IToken[]): Map<number, BlockInfo> | undefined {
  const open: IToken[] = [];
  const blocks = new Map<number, BlockInfo>();
  for (const tok of tokens) {
    if (tok.tokenType === LCurly) open.push(tok);
    else if (tok.tokenType === RCurly) {
      const start = open.pop();
      if (!start) return undefined;
      blocks.set(start.startOffset, { multiLine: text.slice(start.startOffset, tok.startOffset).includes("\n"), closeLine: tok.startLine! - 1 });
    }
  }
  return open.length === 0 ? blocks : undefined;
}

const ALIGNED = new Set(["task", "milestone", "resource"]);

/**
 * Extra spaces before the name and the `{` of one-line definitions on consecutive lines
 * (`task id "Name" { … }`), by token index, so that their columns line up.
 */
function alignment(tokens: IToken[], layout: Map<number, BlockInfo>): Map<number, number> {
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
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType === LCurly) depth++;
    else if (t.tokenType === RCurly) depth--;
    const id = tokens[i + 1];
    const name = tokens[i + 2];
    const brace = tokens[i + 3];
    const block = brace?.tokenType === LCurly ? layout.get(brace.startOffset) : undefined;
    if (!ALIGNED.has(keywordOf.get(t.tokenType) ?? "") || id?.tokenType !== Identifier || name?.tokenType !== StringLiteral || !block || block.multiLine) continue;
    headers.push({ at: i, line: t.startLine! - 1, closeLine: block.closeLine, depth, head: t.image.length + 1 + id.image.length, name: name.image.length });
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
