// Semantic tokens from the lexer's tokens and the symbol table: keywords, ids by kind
// (with `declaration` at definitions), strings, numbers and literals, dates, comments.
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { IToken } from "chevrotain";
import type { SymbolTable } from "../../core/symbols";
import * as L from "../../grammar/lexer";
import { tokenize } from "../../grammar/scan";

const TYPES = ["keyword", "function", "variable", "type", "event", "string", "number", "comment", "operator"] as const;
const MODIFIERS = ["declaration", "date"] as const;
export const legend: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

type TokenTypeName = (typeof TYPES)[number];
const ID_TYPE: Record<string, TokenTypeName> = { task: "function", resource: "variable", calendar: "type", risk: "event" };
const DECLARATION = 1;
const DATE = 2;

function classify(tok: IToken): [TokenTypeName, number] | undefined {
  const t = tok.tokenType;
  if (L.keywordOf.has(t)) return ["keyword", 0];
  if (t === L.Comment) return ["comment", 0];
  if (t === L.StringLiteral || t === L.UnterminatedString) return ["string", 0];
  if (t === L.DateLiteral) return ["number", DATE];
  if (t === L.TimeLiteral || t === L.DurationLiteral || t === L.PercentLiteral || t === L.RateLiteral || t === L.NumberLiteral || t === L.BadUnit) return ["number", 0];
  return undefined;
}

export function semanticTokens(text: string, uri: string, symbols: SymbolTable | undefined): SemanticTokens {
  const ids = new Map<number, [TokenTypeName, number]>();
  if (symbols) {
    for (const r of symbols.references) if (r.uri === uri) for (const s of r.segments) ids.set(s.range.start.offset, [ID_TYPE[r.kind]!, 0]);
    for (const d of symbols.definitions) if (d.uri === uri) ids.set(d.range.start.offset, [ID_TYPE[d.kind]!, DECLARATION]);
  }
  const lexed = tokenize(text);
  const tokens = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  const data: number[] = [];
  let line = 0;
  let col = 0;
  for (const tok of tokens) {
    const c = tok.tokenType === L.Identifier ? ids.get(tok.startOffset) : classify(tok);
    if (!c) continue;
    const l = tok.startLine! - 1;
    const ch = tok.startColumn! - 1;
    data.push(l - line, l === line ? ch - col : ch, tok.image.length, TYPES.indexOf(c[0]), c[1]);
    line = l;
    col = ch;
  }
  return { data };
}
