// Public face of the parser: `parse` (text → AST + syntax diagnostics, never throws) and
// `completionContext` (what may be typed at a cursor).
import { EOF, type IToken } from "chevrotain";
import type * as ast from "../core/ast";
import type { Diagnostic } from "../core/diagnostics";
import { starters } from "./completion";
import { blockKeywordBefore, closeOpenBlocks } from "./blocks";
import { LCurly, RCurly, UnterminatedString } from "./lexer";
import * as msg from "./messages";
import { parser, TooManyErrors } from "./parser";
import { LineMap, tokenRange } from "./ranges";
import { tokenize } from "./scan";

export { completionContext } from "./completion";
export type { CompletionContext } from "./completion";

export interface ParseResult {
  document: ast.Document;
  /** Lexing and parsing errors (GANTRY1xx), with exact ranges and plain-words messages. */
  diagnostics: Diagnostic[];
}

/** Deeper nesting is certainly a mistake, and would exhaust the parser's stack. */
export const MAX_NESTING = 100;
/** Past this many syntax errors the rest of the file is not parsed (see TooManyErrors). */
export const MAX_SYNTAX_ERRORS = 100;

export function parse(text: string, uri: string): ParseResult {
  const lines = new LineMap(text);
  const whole = lines.range(0, text.length);
  const diagnostics: Diagnostic[] = [];
  try {
    const lexed = tokenize(text);
    for (const e of lexed.errors) {
      diagnostics.push(msg.unknownCharacters(uri, lines.range(e.offset, e.offset + e.length), text.substr(e.offset, e.length)));
    }
    let tokens = limitNesting(lexed.tokens, uri, diagnostics);
    for (const t of tokens) {
      if (t.tokenType === UnterminatedString) diagnostics.push(msg.unterminatedString(uri, tokenRange(t)));
    }
    const closed = closeOpenBlocks(tokens);
    tokens = closed.tokens;
    for (const m of closed.missing) diagnostics.push(msg.missingClose(uri, tokenRange(m.last), m.block, m.before));
    try {
      parser.start(tokens, uri, MAX_SYNTAX_ERRORS);
      parser.document();
    } catch (e) {
      if (!(e instanceof TooManyErrors)) throw e;
      // Parse again up to where it gave up: the errors before that point, and the AST.
      diagnostics.push(msg.tooManyErrors(uri, tokenRange(e.at), MAX_SYNTAX_ERRORS));
      tokens = tokens.slice(0, tokens.indexOf(e.at));
      parser.start(tokens, uri);
      parser.document();
    }
    const end = lines.range(text.length, text.length);
    for (const e of parser.errors) {
      const record = parser.records[Number(e.message.slice(1))];
      if (!record) {
        diagnostics.push(msg.unexpected(uri, e.token.tokenType === EOF ? end : tokenRange(e.token), e.token));
        continue;
      }
      // Chevrotain's "previous" may be a token it skipped in recovery: take the real one.
      record.previous = tokenBefore(tokens, record.actual);
      // A string left open swallows the rest of its line, `}` included; that error is enough.
      if (record.previous?.tokenType === UnterminatedString) continue;
      diagnostics.push(msg.syntaxError(record, uri, starters, end));
    }
    const d = parser.declarations;
    const document: ast.Document = {
      uri,
      imports: d.imports,
      project: d.projects[0],
      extraProjects: d.projects.slice(1),
      calendars: d.calendars,
      resources: d.resources,
      tasks: d.tasks,
      risks: d.risks,
      comments: (lexed.groups["comments"] ?? []).map((t) => ({ text: t.image, range: tokenRange(t) })),
      range: whole,
    };
    diagnostics.push(...parser.diagnostics);
    return { document, diagnostics: sortByPosition(diagnostics) };
  } catch (error) {
    // A bug, not bad input: keep the file usable and say so.
    diagnostics.push(msg.internalError(uri, lines.range(0, 0), error));
    return { document: emptyDocument(uri, whole), diagnostics };
  } finally {
    parser.release();
  }
}

/** Cuts the token stream where blocks nest deeper than MAX_NESTING. */
function limitNesting(tokens: IToken[], uri: string, diagnostics: Diagnostic[]): IToken[] {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === LCurly && ++depth > MAX_NESTING) {
      diagnostics.push(msg.tooDeep(uri, tokenRange(tokens[i]!), MAX_NESTING));
      // Cut before the block's header too, so it is not reported as a header without `{`.
      const kw = blockKeywordBefore(tokens, i);
      return tokens.slice(0, kw >= 0 ? kw : i);
    }
    if (type === RCurly && depth > 0) depth--;
  }
  return tokens;
}

/** The token before `t` in the stream (the last one when `t` is the end of input). */
function tokenBefore(tokens: IToken[], t: IToken): IToken | undefined {
  if (t.tokenType === EOF) return tokens[tokens.length - 1];
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens[mid]!.startOffset < t.startOffset) lo = mid;
    else hi = mid - 1;
  }
  const before = tokens[lo];
  return before && before.startOffset < t.startOffset ? before : undefined;
}

function sortByPosition(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
}

function emptyDocument(uri: string, range: ast.Range): ast.Document {
  return { uri, imports: [], project: undefined, extraProjects: [], calendars: [], resources: [], tasks: [], risks: [], comments: [], range };
}
