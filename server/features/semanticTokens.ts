// Semantic tokens from the scanner's spans and the symbol table: ids by kind (with
// `declaration` at definitions), strings, numbers and literals, dates, comments. Not
// keywords: the TextMate grammar colours them as the first paint shows them, and themes
// colour a semantic keyword otherwise (Dark Modern: purple for blue), so every keyword
// changed colour once the server answered.
// Whole documents, line ranges (the editor colours what it shows first), and after an
// edit the difference from the tokens sent last (server/history.ts): on a 10k-task plan the
// whole answer is some 330,000 numbers, a keystroke's difference a handful.
import type { SemanticTokensEdit, SemanticTokensLegend } from "vscode-languageserver";
import type { Range } from "../../core/ast";
import type { SymbolTable } from "../../core/symbols";
import * as L from "../../grammar/lexer";
import { LineMap } from "../../grammar/ranges";
import { scanSpans } from "../../grammar/scan";
import { listDelta } from "../../core/json-delta";

const TYPES = ["function", "variable", "type", "event", "string", "number", "comment"] as const;
const MODIFIERS = ["declaration", "date"] as const;
export const legend: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

type TokenTypeName = (typeof TYPES)[number];
const DECLARATION = 1;
const DATE = 2;

/** A token's class: the index of its type in the legend and its modifier bits, packed as type × 4 + modifiers. */
const pack = (type: TokenTypeName, modifiers = 0): number => TYPES.indexOf(type) * 4 + modifiers;
const ID_CLASS: Record<string, number> = { task: pack("function"), resource: pack("variable"), calendar: pack("type"), risk: pack("event") };

/** Each token type's class, by its index; none for identifiers (classed by the symbol table) and tokens shown plain. */
const CLASS_OF_TYPE: number[] = [];
CLASS_OF_TYPE[L.Comment.tokenTypeIdx!] = pack("comment");
for (const t of [L.StringLiteral, L.UnterminatedString]) CLASS_OF_TYPE[t.tokenTypeIdx!] = pack("string");
CLASS_OF_TYPE[L.DateLiteral.tokenTypeIdx!] = pack("number", DATE);
for (const t of [L.TimeLiteral, L.DurationLiteral, L.PercentLiteral, L.RateLiteral, L.NumberLiteral, L.BadUnit]) CLASS_OF_TYPE[t.tokenTypeIdx!] = pack("number");

/**
 * The tokens of `text`, encoded as LSP wants them (each relative to the one before, from
 * the document's start); with `lines`, of the zero-based lines `[from, to)` only.
 */
export function semanticTokens(text: string, uri: string, symbols: SymbolTable | undefined, lines?: { from: number; to: number }): number[] {
  const map = new LineMap(text);
  const from = lines ? map.lineStart(lines.from) : 0;
  const to = lines && lines.to < map.lineCount ? map.lineStart(lines.to) : text.length;
  // The class of each identifier, by the offset it starts at: references, then definitions over them.
  const ids = new Int8Array(to - from + 1).fill(-1);
  const mark = (range: Range, c: number) => {
    const at = map.startOf(range);
    if (at >= from && at < to) ids[at - from] = c;
  };
  // Indexed loops: this runs once per request, often before the JIT has optimised it, and
  // a `for … of` there allocates an iterator result per element (3.5 MB on a 10k plan).
  if (symbols) {
    const { references, definitions } = symbols;
    for (let i = 0; i < references.length; i++) {
      const r = references[i]!;
      if (r.uri !== uri) continue;
      for (let k = 0; k < r.segments.length; k++) mark(r.segments[k]!.range, ID_CLASS[r.kind]!);
    }
    for (let i = 0; i < definitions.length; i++) {
      const d = definitions[i]!;
      if (d.uri === uri) mark(d.range, ID_CLASS[d.kind]! + DECLARATION);
    }
  }
  const identifier = L.Identifier.tokenTypeIdx!;
  // No token spans a line break, so the lines can be scanned apart from the rest.
  const spans = scanSpans(text, from, lines?.from ?? 0, to);
  // Each token's class, then the answer sized at once for those coloured: four times faster
  // than pushing, and on a 10k plan 3 MB less than sizing it for every token.
  const classes = new Int8Array(spans.count);
  let coloured = 0;
  for (let k = 0; k < spans.count; k++) {
    const type = spans.typeIdx[k]!;
    const c = type === identifier ? ids[spans.start[k]! - from]! : (CLASS_OF_TYPE[type] ?? -1);
    classes[k] = c;
    if (c >= 0) coloured++;
  }
  const data = new Array<number>(coloured * 5);
  let n = 0;
  let line = 0;
  let col = 0;
  for (let k = 0; k < spans.count; k++) {
    const c = classes[k]!;
    if (c < 0) continue;
    const l = spans.line[k]!;
    const ch = spans.column[k]!;
    data[n++] = l - line;
    data[n++] = l === line ? ch - col : ch;
    data[n++] = spans.length[k]!;
    data[n++] = c >> 2;
    data[n++] = c & 3;
    line = l;
    col = ch;
  }
  return data;
}

/** The edits that turn the tokens sent before into `after` (LSP's `full/delta`). */
export function difference(before: readonly number[], after: readonly number[]): SemanticTokensEdit[] {
  return listDelta(before, after, (a, b) => a === b).map((s) => ({ start: s.start, deleteCount: s.deleteCount, data: s.items }));
}
