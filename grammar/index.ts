// Public face of the parser: `parse` (text → AST + syntax diagnostics, never throws) and
// `completionContext` (what may be typed at a cursor).
import { EOF, type IToken } from "chevrotain";
import type * as ast from "../core/ast";
import type { Diagnostic } from "../core/diagnostics";
import { starters } from "./completion";
import { BLOCK_KEYWORDS, blockKeywordBefore, closeOpenBlocks } from "./blocks";
import { KW, LCurly, RCurly, UnterminatedString } from "./lexer";
import * as msg from "./messages";
import { parser, TooManyErrors, type Declarations } from "./parser";
import { LineMap, tokenRange } from "./ranges";
import { tokenize } from "./scan";

export { completionContext } from "./completion";
export type { CompletionContext } from "./completion";

export interface ParseResult {
  document: ast.Document;
  /** Lexing and parsing errors (GANTRY1xx), with exact ranges and plain-words messages. */
  diagnostics: Diagnostic[];
  /**
   * Where the first thing the parser recovered from starts (unknown characters, a syntax
   * error, a block left open); the text's length when there is none. The declarations
   * before it parse the same in any text that starts with the same characters.
   */
  cleanUntil: number;
}

/** An earlier parse of the same document, given to `parse` to reuse what did not change. */
export interface PreviousParse {
  text: string;
  result: ParseResult;
}

/** Deeper nesting is certainly a mistake, and would exhaust the parser's stack. */
export const MAX_NESTING = 100;
/** Past this many syntax errors the rest of the file is not parsed (see TooManyErrors). */
export const MAX_SYNTAX_ERRORS = 100;

/**
 * The AST and syntax diagnostics of `text`. Given the parse of an earlier version of the
 * text, the top-level declarations before the first change are kept (the same objects)
 * and the parse starts at the line of the next one: the result is the one a parse from
 * the start gives (test/grammar/incremental.test.ts checks it on random edits).
 */
export function parse(text: string, uri: string, previous?: PreviousParse): ParseResult {
  const lines = new LineMap(text);
  const whole = lines.range(0, text.length);
  const kept = previous ? reusablePrefix(previous, text) : undefined;
  const from = kept?.offset ?? 0;
  const diagnostics: Diagnostic[] = kept ? [...kept.diagnostics] : [];
  let cleanUntil = text.length;
  const trouble = (offset: number) => (cleanUntil = Math.min(cleanUntil, Number.isFinite(offset) ? offset : from));
  try {
    const lexed = tokenize(text, from, kept?.line ?? 0);
    // A kept prefix must be followed by a declaration starting its line, as it was.
    const first = lexed.tokens[0];
    if (kept && !(first && TOP_LEVEL_KEYWORDS.has(first.tokenType) && first.startLine! - 1 === kept.line)) return parse(text, uri);
    for (const e of lexed.errors) {
      trouble(e.offset);
      diagnostics.push(msg.unknownCharacters(uri, lines.range(e.offset, e.offset + e.length), text.substr(e.offset, e.length)));
    }
    let tokens = limitNesting(lexed.tokens, uri, diagnostics);
    if (tokens.length < lexed.tokens.length) trouble(from);
    for (const t of tokens) {
      if (t.tokenType === UnterminatedString) {
        trouble(t.startOffset);
        diagnostics.push(msg.unterminatedString(uri, tokenRange(t)));
      }
    }
    const closed = closeOpenBlocks(tokens);
    tokens = closed.tokens;
    if (closed.missing.length) trouble(from);
    for (const m of closed.missing) diagnostics.push(msg.missingClose(uri, tokenRange(m.last), m.block, m.before));
    try {
      parser.start(tokens, uri, MAX_SYNTAX_ERRORS);
      parser.document();
    } catch (e) {
      if (!(e instanceof TooManyErrors)) throw e;
      // Parse again up to where it gave up: the errors before that point, and the AST.
      trouble(from);
      diagnostics.push(msg.tooManyErrors(uri, tokenRange(e.at), MAX_SYNTAX_ERRORS));
      tokens = tokens.slice(0, tokens.indexOf(e.at));
      parser.start(tokens, uri);
      parser.document();
    }
    const end = lines.range(text.length, text.length);
    for (const e of parser.errors) {
      trouble(e.token.tokenType === EOF ? text.length : e.token.startOffset);
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
    const k = kept?.declarations;
    const projects = join(k?.projects, d.projects);
    const comments = (lexed.groups["comments"] ?? []).map((t) => ({ text: t.image, range: tokenRange(t) }));
    const document: ast.Document = {
      uri,
      imports: join(k?.imports, d.imports),
      project: projects[0],
      extraProjects: projects.slice(1),
      calendars: join(k?.calendars, d.calendars),
      resources: join(k?.resources, d.resources),
      tasks: join(k?.tasks, d.tasks),
      risks: join(k?.risks, d.risks),
      comments: join(kept?.comments, comments),
      range: whole,
    };
    diagnostics.push(...parser.diagnostics);
    return { document, diagnostics: sortByPosition(diagnostics), cleanUntil };
  } catch (error) {
    // A bug, not bad input: keep the file usable and say so.
    diagnostics.push(msg.internalError(uri, lines.range(0, 0), error));
    return { document: emptyDocument(uri, whole), diagnostics, cleanUntil: 0 };
  } finally {
    parser.release();
  }
}

const join = <T>(before: readonly T[] | undefined, after: T[]): T[] => (before?.length ? [...before, ...after] : after);

/** The keywords a top-level declaration starts with. */
const TOP_LEVEL_KEYWORDS = new Set([...BLOCK_KEYWORDS.keys(), KW.import]);

/** What an earlier parse gives a new one: everything before `offset`, the start of line `line`. */
interface KeptPrefix {
  offset: number;
  line: number;
  declarations: Declarations;
  comments: ast.Comment[];
  diagnostics: Diagnostic[];
}

/**
 * The declarations of `previous` that the change to `text` leaves as they were: those
 * before the line of the last top-level declaration starting before both the first
 * changed character and anything the previous parse recovered from. That declaration
 * must start its line, after the one before it has ended, so a parse may start there.
 */
function reusablePrefix(previous: PreviousParse, text: string): KeptPrefix | undefined {
  const old = previous.text;
  const n = Math.min(old.length, text.length);
  let same = 0;
  while (same < n && old.charCodeAt(same) === text.charCodeAt(same)) same++;
  const limit = Math.min(same, previous.result.cleanUntil);
  const doc = previous.result.document;
  const projects = doc.project ? [doc.project, ...doc.extraProjects] : doc.extraProjects;
  const all: ast.Node[] = [...doc.imports, ...projects, ...doc.calendars, ...doc.resources, ...doc.tasks, ...doc.risks];
  const starts = all.map((node) => ({ node, start: node.range.start })).sort((a, b) => a.start.offset - b.start.offset);
  for (let k = starts.filter((x) => x.start.offset < limit).length - 1; k > 0; k--) {
    const { start } = starts[k]!;
    const lineStart = start.offset - start.col;
    if (starts[k - 1]!.node.range.end.line >= start.line || !onlySpaces(text, lineStart, start.offset)) continue;
    const before = (node: ast.Node) => node.range.start.offset < lineStart;
    return {
      offset: lineStart,
      line: start.line,
      declarations: {
        imports: doc.imports.filter(before),
        projects: projects.filter(before),
        calendars: doc.calendars.filter(before),
        resources: doc.resources.filter(before),
        tasks: doc.tasks.filter(before),
        risks: doc.risks.filter(before),
      },
      comments: doc.comments.filter(before),
      diagnostics: previous.result.diagnostics.filter((d) => d.range.start.offset < lineStart),
    };
  }
  return undefined;
}

/** Whether `text[from, to)` is whitespace that does not break a line. */
function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 0xa0 && c !== 0xfeff) return false;
  }
  return true;
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
