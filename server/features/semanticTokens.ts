// Semantic tokens from the scanner's spans and the symbol table: keywords, ids by kind
// (with `declaration` at definitions), strings, numbers and literals, dates, comments.
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { SymbolTable } from "../../core/symbols";
import * as L from "../../grammar/lexer";
import { LineMap } from "../../grammar/ranges";
import { scanSpans } from "../../grammar/scan";

const TYPES = ["keyword", "function", "variable", "type", "event", "string", "number", "comment", "operator"] as const;
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
for (const t of L.keywordOf.keys()) CLASS_OF_TYPE[t.tokenTypeIdx!] = pack("keyword");
CLASS_OF_TYPE[L.Comment.tokenTypeIdx!] = pack("comment");
for (const t of [L.StringLiteral, L.UnterminatedString]) CLASS_OF_TYPE[t.tokenTypeIdx!] = pack("string");
CLASS_OF_TYPE[L.DateLiteral.tokenTypeIdx!] = pack("number", DATE);
for (const t of [L.TimeLiteral, L.DurationLiteral, L.PercentLiteral, L.RateLiteral, L.NumberLiteral, L.BadUnit]) CLASS_OF_TYPE[t.tokenTypeIdx!] = pack("number");

export function semanticTokens(text: string, uri: string, symbols: SymbolTable | undefined): SemanticTokens {
  // The class of each identifier, by the offset it starts at: references, then definitions over them.
  const ids = new Int8Array(text.length + 1).fill(-1);
  if (symbols) {
    const lines = new LineMap(text);
    for (const r of symbols.references) if (r.uri === uri) for (const s of r.segments) ids[lines.offset(s.range.start)] = ID_CLASS[r.kind]!;
    for (const d of symbols.definitions) if (d.uri === uri) ids[lines.offset(d.range.start)] = ID_CLASS[d.kind]! + DECLARATION;
  }
  const identifier = L.Identifier.tokenTypeIdx!;
  const data: number[] = [];
  let line = 0;
  let col = 0;
  const spans = scanSpans(text);
  for (let k = 0; k < spans.count; k++) {
    const type = spans.typeIdx[k]!;
    const c = type === identifier ? ids[spans.start[k]!]! : (CLASS_OF_TYPE[type] ?? -1);
    if (c < 0) continue;
    const l = spans.line[k]!;
    const ch = spans.column[k]!;
    data.push(l - line, l === line ? ch - col : ch, spans.length[k]!, c >> 2, c & 3);
    line = l;
    col = ch;
  }
  return { data };
}
