// Public face of the parser: `parse` (text → AST + syntax diagnostics, never throws) and
// `completionContext` (what may be typed at a cursor).
import { EOF, type IToken } from "chevrotain";
import type * as ast from "../core/ast";
import { comparePos } from "../core/ast";
import type { Diagnostic } from "../core/diagnostics";
import { starters } from "./completion";
import { BLOCK_KEYWORDS, blockKeywordBefore, closeOpenBlocks } from "./blocks";
import { KW, LCurly, RCurly, UnterminatedString } from "./lexer";
import * as msg from "./messages";
import { parser, Stopped, TooManyErrors, type Declarations } from "./parser";
import { anchorOf, LineMap, shiftAnchors, tokenRange, type Anchor } from "./ranges";
import { tokenize } from "./scan";

export { completionContext } from "./completion";
export type { CompletionContext } from "./completion";

export interface ParseResult {
  document: ast.Document;
  /** Lexing and parsing errors (GANTRY1xx), with exact ranges and plain-words messages. */
  diagnostics: Diagnostic[];
  /**
   * Where the first thing the parser recovered from starts (unknown characters, a syntax
   * error, a block left open); Infinity when there is none. The declarations before it
   * parse the same in any text that starts with the same characters.
   */
  cleanUntil: number;
  /**
   * Where the last thing the parser recovered from starts (-1 when there is none). A
   * top-level declaration after it was parsed from the top level with nothing recovered
   * from after: a parse that reaches it at the top level goes on as this one did.
   */
  lastTrouble: number;
  /** The text's line starts (for the next parse, which compares positions of this text). */
  lines: LineMap;
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
 * text, the top-level declarations around the change are kept (the same objects) and only
 * the lines between them are parsed (see `reusable`): the result is the one a parse from
 * the start gives (test/grammar/incremental.test.ts checks it on random edits). A parse
 * from the start reads `chunkChars` characters at a time (see `parseToEnd`; in one piece
 * with Infinity), with the same result.
 */
export function parse(text: string, uri: string, previous?: PreviousParse, chunkChars = CHUNK_CHARS): ParseResult {
  const lines = new LineMap(text);
  const whole = lines.range(0, text.length);
  try {
    const kept = previous && !spent.has(previous.result) ? reusable(previous, text, lines) : undefined;
    if (kept?.after) {
      // Parsed up to the kept declarations after the change, stopping if the top level reaches them.
      const middle = parseLines(text, uri, lines, kept.from, kept.between, kept.after.from);
      if (middle?.stopped) {
        const { part, shift } = kept.after;
        if (shift) {
          shiftAnchors(shift.anchors, shift.delta);
          spent.add(previous!.result);
        }
        return assemble(uri, whole, lines, [kept.before, middle, part], middle);
      }
    }
    // After an edit, the rest is read in one piece: its first chunk would hold the edit,
    // broken at most keystrokes while a line is typed, and be parsed twice (see parseToEnd).
    const rest = parseToEnd(text, uri, lines, kept?.from ?? 0, kept?.between ?? false, kept ? Infinity : chunkChars);
    if (!rest) {
      // The edit changed the keyword the parse was to start at: start a declaration earlier.
      const earlier = kept && kept.from > 0 ? reusable(previous!, text, lines, kept.from - 1) : undefined;
      const retried = earlier && parseToEnd(text, uri, lines, earlier.from, earlier.between, Infinity);
      return retried ? assemble(uri, whole, lines, [earlier.before, ...retried.parts], retried.last) : parse(text, uri, undefined, chunkChars);
    }
    return assemble(uri, whole, lines, [kept?.before, ...rest.parts], rest.last);
  } catch (error) {
    // A bug, not bad input: keep the file usable and say so.
    return { document: emptyDocument(uri, whole), diagnostics: [msg.internalError(uri, lines.range(0, 0), error)], cleanUntil: 0, lastTrouble: text.length, lines };
  }
}

/** What a stretch of lines holds: its top-level declarations, comments and diagnostics. */
interface Part {
  declarations: Declarations;
  comments: ast.Comment[];
  diagnostics: Diagnostic[];
}

/** Where the parsed part recovered from something: the kept parts before and after it did not. */
interface Troubles {
  cleanUntil: number;
  lastTrouble: number;
}

function assemble(uri: string, range: ast.Range, lines: LineMap, parts: (Part | undefined)[], { cleanUntil, lastTrouble }: Troubles): ParseResult {
  const all = parts.filter((p): p is Part => p !== undefined);
  const list = <T>(of: (p: Part) => T[]): T[] => (all.length === 1 ? of(all[0]!) : all.flatMap(of));
  const projects = list((p) => p.declarations.projects);
  const document: ast.Document = {
    uri,
    imports: list((p) => p.declarations.imports),
    project: projects[0],
    extraProjects: projects.slice(1),
    calendars: list((p) => p.declarations.calendars),
    resources: list((p) => p.declarations.resources),
    tasks: list((p) => p.declarations.tasks),
    risks: list((p) => p.declarations.risks),
    comments: list((p) => p.comments),
    range,
  };
  return { document, diagnostics: sortByPosition(list((p) => p.diagnostics)), cleanUntil, lastTrouble, lines };
}

/**
 * How many characters a parse reads at a time (see `parseToEnd`): a chunk's tokens die
 * young, before the collector has to copy them, instead of all living until the end.
 */
const CHUNK_CHARS = 32 * 1024;

/**
 * A line that starts with a top-level declaration's keyword: where a chunk may end. (A match
 * after U+2028, a line break to JavaScript but not to the scanner, lies in a comment, a
 * string or after an unknown character: its chunk is never kept.)
 */
const TOP_LEVEL_LINE = new RegExp(`^(?:${[...BLOCK_KEYWORDS.values(), "import"].join("|")})\\b`, "gm");

/**
 * Parses the text from `from` (a line start, as for `parseLines`) to its end, in chunks of
 * about `chunkChars` characters, each up to a line that starts with a top-level keyword.
 * A chunk is kept when its parse recovered from nothing and stopped at that keyword without
 * reading past it: it then read what a parse in one piece reads up to there, and went the
 * same way (no `}` is inserted inside a chunk whose blocks all close, see
 * `closeOpenBlocks`). Else the rest is parsed in one piece, so recovery and the limit on
 * syntax errors see it whole. The parts in order, and the last one's troubles (the chunks
 * kept have none).
 */
function parseToEnd(text: string, uri: string, lines: LineMap, from: number, between: boolean, chunkChars: number): { parts: Part[]; last: Troubles } | undefined {
  const parts: Part[] = [];
  for (;;) {
    TOP_LEVEL_LINE.lastIndex = from + chunkChars;
    const stop = TOP_LEVEL_LINE.exec(text)?.index;
    if (stop === undefined) break;
    const chunk = parseLines(text, uri, lines, from, between, stop);
    if (!chunk?.stopped || chunk.lastTrouble >= 0) break;
    parts.push(chunk);
    from = stop;
    between = false;
  }
  const rest = parseLines(text, uri, lines, from, between);
  if (!rest) return undefined;
  parts.push(rest);
  return { parts, last: rest };
}

/**
 * Parses the text from `from`, a line start: to its end, or, given `stop` (where a kept
 * top-level declaration starts), until the top level reaches the keyword at `stop`
 * (`stopped`; the tokens after it are not read). Past the start of the text, the first
 * token must be a top-level declaration's keyword starting its line (undefined
 * otherwise): where a parse from the start would be, between declarations. `between`:
 * `from` is known to lie between them (below one closed by its `}`), where a parse from the
 * start would be too, whatever comes first.
 */
function parseLines(text: string, uri: string, lines: LineMap, from: number, between: boolean, stop?: number): (Part & Troubles & { stopped: boolean }) | undefined {
  const diagnostics: Diagnostic[] = [];
  let cleanUntil = Infinity;
  let lastTrouble = -1;
  const to = stop === undefined ? text.length : lines.lineStart(lines.pos(stop).line + 1);
  const trouble = (offset: number) => {
    cleanUntil = Math.min(cleanUntil, Number.isFinite(offset) ? offset : from);
    lastTrouble = Math.max(lastTrouble, Number.isFinite(offset) ? offset : to);
  };
  const line = lines.pos(from).line;
  const lexed = tokenize(text, from, line, to);
  const first = lexed.tokens[0];
  if (from > 0 && first && !between && !(TOP_LEVEL_KEYWORDS.has(first.tokenType) && first.startLine! - 1 === line)) return undefined;
  // Up to the kept declaration's keyword: what a parse of the whole text reads up to there.
  let stopAt: IToken | undefined;
  if (stop !== undefined) {
    // The first token at or after `stop`, searched from the end: it lies on the last line read.
    let k = lexed.tokens.length;
    while (k > 0 && lexed.tokens[k - 1]!.startOffset >= stop) k--;
    stopAt = lexed.tokens[k];
    if (!stopAt || stopAt.startOffset !== stop) return undefined;
    lexed.tokens.length = k + 1;
    lexed.errors = lexed.errors.filter((e) => e.offset < stop);
    const comments = lexed.groups["comments"];
    if (comments) lexed.groups["comments"] = comments.filter((t) => t.startOffset < stop);
  }
  let stopped = false;
  try {
    for (const e of lexed.errors) {
      trouble(e.offset);
      diagnostics.push(msg.unknownCharacters(uri, lines.range(e.offset, e.offset + e.length), text.substr(e.offset, e.length)));
    }
    let tokens = limitNesting(lexed.tokens, uri, diagnostics);
    if (tokens.length < lexed.tokens.length) trouble(from);
    // Indexed: an iterator allocates a result per token (142,000 on the 10k plan).
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.tokenType === UnterminatedString) {
        trouble(t.startOffset);
        diagnostics.push(msg.unterminatedString(uri, tokenRange(t)));
      }
    }
    const closed = closeOpenBlocks(tokens);
    tokens = closed.tokens;
    for (const m of closed.missing) {
      // From the line of the block left open: what ends before it parses as before.
      trouble(lines.lineStart(m.block.line));
      diagnostics.push(msg.missingClose(uri, tokenRange(m.last), m.block, m.before));
    }
    try {
      parser.start(tokens, uri, MAX_SYNTAX_ERRORS, stopAt);
      parser.document();
    } catch (e) {
      if (e instanceof Stopped) stopped = !parser.lookedPastEnd;
      else if (e instanceof TooManyErrors) {
        // Parse again up to where it gave up: the errors before that point, and the AST.
        trouble(from);
        diagnostics.push(msg.tooManyErrors(uri, tokenRange(e.at), MAX_SYNTAX_ERRORS));
        tokens = tokens.slice(0, tokens.indexOf(e.at));
        parser.start(tokens, uri);
        parser.document();
      } else throw e;
    }
    const end = lines.range(text.length, text.length);
    for (const e of parser.errors) {
      const record = parser.records[Number(e.message.slice(1))];
      // Chevrotain checks for input left over whenever its root rule ends, a stop included.
      if (stopped && record?.kind === "notAllInput") continue;
      trouble(e.token.tokenType === EOF ? to : e.token.startOffset);
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
    // Where a top-level block ended without its `}` depends on what follows the error that
    // ended it: the whole declaration counts as recovered from.
    for (const at of parser.cutShort) trouble(at);
    diagnostics.push(...parser.diagnostics);
    const comments = (lexed.groups["comments"] ?? []).map((t) => ({ text: t.image, range: tokenRange(t, true) }));
    return { declarations: parser.declarations, comments, diagnostics, cleanUntil, lastTrouble, stopped };
  } finally {
    parser.release();
  }
}

/**
 * Parses whose declarations a later parse moved (see Anchor): their positions are those of
 * the later text now, so they cannot be the earlier parse of another text.
 */
const spent = new WeakSet<ParseResult>();

/** The keywords a top-level declaration starts with. */
const TOP_LEVEL_KEYWORDS = new Set([...BLOCK_KEYWORDS.keys(), KW.import]);

/** The parts of an earlier parse a new one keeps, and from where it parses. */
interface Kept {
  /** The declarations before `from` (a line start of the new text), if any. */
  before: Part | undefined;
  from: number;
  /** `from` lies between top-level declarations (blank lines or comments may come before the next). */
  between: boolean;
  /**
   * The declarations from the one starting at `after.from` on, which the change left as
   * they were; `shift` moves them when the change added or removed lines above them.
   */
  after: { from: number; part: Part; shift: { anchors: Set<Anchor>; delta: number } | undefined } | undefined;
}

/**
 * What of `previous` the change to `text` leaves as it was.
 * - Before: the declarations above the line of the last top-level declaration that starts
 *   before both the first changed character and anything the previous parse recovered from.
 * - After: the declarations from the first one starting after both the last changed
 *   character and the last thing the previous parse recovered from, whose line still
 *   starts a line in the new text; moved by as many lines as the change added or removed.
 *   They are kept when the parse of the lines before reaches that declaration at the top
 *   level: from there it goes on as the previous parse did.
 * Each cut is at a top-level declaration that starts its line after the one before it ended.
 */
function reusable(previous: PreviousParse, text: string, lines: LineMap, until = Infinity): Kept | undefined {
  const old = previous.text;
  const same = commonPrefix(old, text);
  const tail = commonSuffix(old, text, Math.min(old.length, text.length) - same);
  const oldLines = previous.result.lines;
  const doc = previous.result.document;
  const projects = doc.project ? [doc.project, ...doc.extraProjects] : doc.extraProjects;
  const decls = [...doc.imports, ...projects, ...doc.calendars, ...doc.resources, ...doc.tasks, ...doc.risks]
    .map((node) => ({ start: node.range.start, end: node.range.end }))
    .sort((a, b) => comparePos(a.start, b.start));
  /** Whether declaration `i` starts its line after the one before it ended: a place to cut. */
  const cut = (i: number) => {
    const { start } = decls[i]!;
    const lineStart = oldLines.lineStart(start.line);
    return (i === 0 || decls[i - 1]!.end.line < start.line) && onlySpaces(old, lineStart, lineStart + start.col);
  };

  const limit = oldLines.pos(Math.min(same, previous.result.cleanUntil, until));
  let k = decls.findIndex((d) => comparePos(d.start, limit) >= 0);
  if (k < 0) k = decls.length;
  // A change on a line below a declaration that ends in a `}` is parsed from that line:
  // a block closed cannot take in what follows (a blank line typed below a resource leaves
  // the resource as it was). Else from the declaration before the first one after the
  // change starts, which might. (A block cut short after a subtask's `}` also ends in
  // one, but it counts as recovered from where it starts: see `parseLines`.)
  const closed = k > 0 && decls[k - 1]!.end.line < limit.line && old.charCodeAt(oldLines.offset(decls[k - 1]!.end) - 1) === RBRACE;
  if (!closed) for (k--; k > 0 && !cut(k); k--);
  const fromLine = closed ? limit.line : k > 0 ? decls[k]!.start.line : 0;

  let after: Kept["after"];
  const changedUntil = old.length - tail;
  const { lastTrouble } = previous.result;
  const m = decls.findIndex((d) => oldLines.lineStart(d.start.line) >= changedUntil && oldLines.offset(d.start) > lastTrouble);
  if (m > 0 && (closed || decls[m]!.start.line > fromLine) && cut(m)) {
    const { line, col } = decls[m]!.start;
    const lineStart = oldLines.lineStart(line) + text.length - old.length;
    const at = lines.pos(lineStart);
    if (at.col === 0) {
      const part = partOf(previous.result, (l) => l >= line);
      const delta = at.line - line;
      const anchors = delta === 0 ? undefined : movable(part, partOf(previous.result, (l) => l < line));
      if (delta === 0 || anchors) after = { from: lineStart + col, part, shift: anchors && { anchors, delta } };
    }
  }
  if (fromLine === 0 && !after) return undefined;
  return { before: fromLine > 0 ? partOf(previous.result, (l) => l < fromLine) : undefined, from: lines.lineStart(fromLine), between: closed, after };
}

const RBRACE = 125; // `}`

/** Compared a block at a time (native string comparison), then a character at a time. */
const BLOCK = 1024;

/** How many characters `a` and `b` start with in common. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** How many characters `a` and `b` end with in common, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (i + BLOCK <= max && a.slice(a.length - i - BLOCK, a.length - i) === b.slice(b.length - i - BLOCK, b.length - i)) i += BLOCK;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The declarations, comments and diagnostics of a parse that start on the lines `keep` accepts. */
function partOf(result: ParseResult, keep: (line: number) => boolean): Part {
  const doc = result.document;
  const kept = <T extends ast.Node>(list: readonly T[]) => list.filter((node) => keep(node.range.start.line));
  return {
    declarations: {
      imports: kept(doc.imports),
      projects: kept(doc.project ? [doc.project, ...doc.extraProjects] : doc.extraProjects),
      calendars: kept(doc.calendars),
      resources: kept(doc.resources),
      tasks: kept(doc.tasks),
      risks: kept(doc.risks),
    },
    comments: kept(doc.comments),
    diagnostics: result.diagnostics.filter((d) => keep(d.range.start.line)),
  };
}

/**
 * The anchors of everything in `part` (declarations, comments, diagnostics), when moving
 * them moves nothing in `rest`; undefined when something in `part` cannot be moved.
 */
function movable(part: Part, rest: Part): Set<Anchor> | undefined {
  const anchors = new Set<Anchor>();
  const ranges = (p: Part) => [...Object.values(p.declarations).flat(), ...p.comments, ...p.diagnostics.flatMap((d) => [d, ...(d.related ?? [])])];
  for (const { range } of ranges(part)) {
    const a = anchorOf(range);
    if (!a) return undefined;
    anchors.add(a);
  }
  for (const { range } of ranges(rest)) if (anchors.has(anchorOf(range)!)) return undefined;
  return anchors;
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
  return ds.sort((a, b) => comparePos(a.range.start, b.range.start) || comparePos(a.range.end, b.range.end));
}

function emptyDocument(uri: string, range: ast.Range): ast.Document {
  return { uri, imports: [], project: undefined, extraProjects: [], calendars: [], resources: [], tasks: [], risks: [], comments: [], range };
}
