// Public face of the parser: `parse` (text → AST + syntax diagnostics, never throws) and
// `completionContext` (what may be typed at a cursor).
import { EOF, type ILexingResult, type IToken } from "chevrotain";
import type * as ast from "../core/ast";
import type { Diagnostic } from "../core/diagnostics";
import { AstBuilder } from "./build-ast";
import { starters } from "./completion";
import type * as cst from "./cst";
import { LCurly, lexer, RCurly, UnterminatedString } from "./lexer";
import * as msg from "./messages";
import { parser } from "./parser";
import { LineMap, tokenRange } from "./ranges";

export { completionContext } from "./completion";
export type { CompletionContext } from "./completion";

export interface ParseResult {
  document: ast.Document;
  /** Lexing and parsing errors (GANTRY1xx), with exact ranges and plain-words messages. */
  diagnostics: Diagnostic[];
}

/** Deeper nesting is certainly a mistake, and would exhaust the parser's stack. */
export const MAX_NESTING = 100;

export function parse(text: string, uri: string): ParseResult {
  const lines = new LineMap(text);
  const whole = lines.range(0, text.length);
  const diagnostics: Diagnostic[] = [];
  let lexed: ILexingResult | undefined;
  let cstRoot: cst.DocumentCstNode | undefined;
  try {
    lexed = lexer.tokenize(text);
    for (const e of lexed.errors) {
      diagnostics.push(msg.unknownCharacters(uri, lines.range(e.offset, e.offset + e.length), text.substr(e.offset, e.length)));
    }
    const tokens = limitNesting(lexed.tokens, uri, diagnostics);
    for (const t of tokens) {
      if (t.tokenType === UnterminatedString) diagnostics.push(msg.unterminatedString(uri, tokenRange(t)));
    }
    parser.start(tokens);
    cstRoot = parser.document() as cst.DocumentCstNode;
    const end = lines.range(text.length, text.length);
    for (const e of parser.errors) {
      const record = parser.records[Number(e.message.slice(1))];
      // A string left open swallows the rest of its line, `}` included; that error is enough.
      const afterOpenString = record?.previous?.tokenType === UnterminatedString && record.actual.tokenType === EOF;
      if (record && !afterOpenString) diagnostics.push(msg.syntaxError(record, uri, starters, end));
    }
    const builder = new AstBuilder(uri);
    const document = builder.document(cstRoot, (lexed.groups["comments"] ?? []) as IToken[], whole);
    diagnostics.push(...builder.diagnostics);
    return { document, diagnostics: sortByPosition(diagnostics) };
  } catch (error) {
    // A bug, not bad input: keep the file usable and say so.
    diagnostics.push(msg.internalError(uri, lines.range(0, 0), error));
    return { document: emptyDocument(uri, whole), diagnostics };
  }
}

/** Cuts the token stream where blocks nest deeper than MAX_NESTING. */
function limitNesting(tokens: IToken[], uri: string, diagnostics: Diagnostic[]): IToken[] {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === LCurly && ++depth > MAX_NESTING) {
      diagnostics.push(msg.tooDeep(uri, tokenRange(tokens[i]!), MAX_NESTING));
      return tokens.slice(0, i);
    }
    if (type === RCurly && depth > 0) depth--;
  }
  return tokens;
}

function sortByPosition(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
}

function emptyDocument(uri: string, range: ast.Range): ast.Document {
  return { uri, imports: [], project: undefined, extraProjects: [], calendars: [], resources: [], tasks: [], risks: [], comments: [], range };
}
