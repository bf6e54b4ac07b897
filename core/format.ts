// The canonical layout of a plan (`gantry fmt`, Format Document / Selection).
//
// The formatter only rewrites the whitespace between tokens, so it cannot change what a
// plan means: tokens written without a space between them (`5d`, `09:00-12:00`,
// `pm,`) stay together, and every comment keeps its text and is followed by a newline.
// The rules:
//   - two spaces of indentation per block level;
//   - a block written over several lines puts each statement on its own line and its
//     `}` on a line of its own; a block written on one line stays on one line, with one
//     space inside the braces and two spaces between statements;
//   - one space between the words of a statement (columns are not aligned: a simple rule
//     that never re-flows neighbouring lines);
//   - a comment on its own line keeps its own line; a comment after code follows it
//     after two spaces; runs of blank lines shrink to one; the file ends with a newline.
// Text the lexer cannot read safely (unknown characters, an unterminated string,
// unbalanced braces) is returned unchanged.
import type { IToken } from "chevrotain";
import { lexer, keywordOf, UnterminatedString, LCurly, RCurly, Comment } from "../grammar/lexer";

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
  const lexed = lexer.tokenize(text);
  const tokens = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  if (lexed.errors.length > 0 || tokens.some((t) => t.tokenType === UnterminatedString)) return text;
  const multiLine = blockLayout(text, tokens);
  if (!multiLine) return text;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const inRange = (line: number) => !range || (line >= range.startLine && line <= range.endLine);

  let out = "";
  const stack: Block[] = [{ kind: "top", multiLine: true }];
  let statement = "top"; // keyword of the statement being printed in the current block
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const prev = tokens[i - 1];
    const original = prev ? text.slice(prev.endOffset! + 1, tok.startOffset) : text.slice(0, tok.startOffset);
    const block = stack[stack.length - 1]!;
    const word = keywordOf.get(tok.tokenType);
    const startsStatement =
      word !== undefined &&
      (STATEMENTS[block.kind] ?? ANY_STATEMENT).has(word) &&
      !(word === "as" && prev?.image === "late");
    if (startsStatement) statement = word;

    let gap: string;
    if (!prev) gap = "";
    else if (original === "") gap = "";
    else {
      const newlines = (original.match(/\n/g) ?? []).length;
      const depth = tok.tokenType === RCurly ? stack.length - 2 : stack.length - 1;
      const newLine = (extra = "") => (newlines >= 2 ? eol : "") + eol + "  ".repeat(depth) + extra;
      if (prev.tokenType === Comment) gap = startsStatement || tok.tokenType === Comment || tok.tokenType === RCurly ? newLine() : newLine("  ");
      else if (tok.tokenType === Comment) gap = newlines > 0 ? newLine() : "  ";
      else if (tok.tokenType === RCurly) gap = block.multiLine ? newLine() : " ";
      else if (prev.tokenType === LCurly) gap = block.multiLine ? newLine() : " ";
      else if (startsStatement) gap = block.multiLine ? newLine() : "  ";
      else gap = " ";
    }
    out += inRange(tok.startLine! - 1) ? gap : original;
    out += tok.image;

    if (tok.tokenType === LCurly) {
      stack.push({ kind: statement, multiLine: multiLine.get(tok.startOffset)! });
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

/** For each `{` (by offset): does its block span several lines? Undefined when braces do not balance. */
function blockLayout(text: string, tokens: IToken[]): Map<number, boolean> | undefined {
  const open: IToken[] = [];
  const multiLine = new Map<number, boolean>();
  for (const tok of tokens) {
    if (tok.tokenType === LCurly) open.push(tok);
    else if (tok.tokenType === RCurly) {
      const start = open.pop();
      if (!start) return undefined;
      multiLine.set(start.startOffset, text.slice(start.startOffset, tok.startOffset).includes("\n"));
    }
  }
  return open.length === 0 ? multiLine : undefined;
}
