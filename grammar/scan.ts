// The scanner: text → the tokens of lexer.ts, in one pass over char codes. It yields exactly
// what Chevrotain's lexer built from `allTokens` yields (tokens, comments and errors, with
// their positions; test/grammar/scan.test.ts compares the two) for less work: that lexer
// tries regular expressions one after another at each token.
import type { ILexingError, ILexingResult, IToken, TokenType } from "chevrotain";
import * as T from "./lexer";

/**
 * A token as Chevrotain's lexer makes it with full position tracking: 1-based lines and
 * columns, inclusive ends. One object literal, so all tokens share a shape. A literal rather
 * than a class: V8 sees that what a literal allocates lives on and then allocates it in the
 * old generation, so the young-generation collector stops copying every token (on the 10k
 * plan that took a third off the collection time).
 *
 * Its fields are not in the order of Chevrotain's `createTokenInstance`. Objects made with
 * the same keys in the same order share V8's hidden class, and Chevrotain makes its
 * end-of-file token with NaN positions: a shared class then stores every token's six
 * positions as boxed doubles, six heap objects more per token (on the 10k plan 210 bytes a
 * token instead of 115, and 14 MB more to allocate per parse).
 */
function token(kind: Kind, image: string, startOffset: number, line: number, column: number): IToken {
  return {
    tokenTypeIdx: kind.idx,
    tokenType: kind.type,
    image,
    startOffset,
    endOffset: startOffset + image.length - 1,
    startLine: line,
    endLine: line, // no token but skipped whitespace spans a line break
    startColumn: column,
    endColumn: column + image.length - 1,
  };
}

/**
 * A token type with what the scanner needs of it, read once: its index (token types come in
 * several shapes, so reading the index from each as tokens are made would be slow) and the
 * image all its tokens share, if they do (keywords, punctuation; "" otherwise).
 */
interface Kind {
  readonly type: TokenType;
  readonly idx: number;
  readonly image: string;
}

const kind = (type: TokenType, image = ""): Kind => ({ type, idx: type.tokenTypeIdx!, image });

const COMMENT = kind(T.Comment);
const STRING = kind(T.StringLiteral);
const UNTERMINATED_STRING = kind(T.UnterminatedString);
const DATE = kind(T.DateLiteral);
const TIME = kind(T.TimeLiteral);
const DURATION = kind(T.DurationLiteral);
const PERCENTAGE = kind(T.PercentLiteral);
const RATE = kind(T.RateLiteral);
const BAD_UNIT = kind(T.BadUnit);
const NUMBER = kind(T.NumberLiteral);
const IDENTIFIER = kind(T.Identifier);
const DOT_DOT = kind(T.DotDot, "..");

// Character classes, for the ASCII range; of the others only NBSP and BOM are whitespace.
const OTHER = 0;
const SPACE = 1;
const DIGIT = 2;
const LETTER = 3; // letters and `_`
const SIGN = 4; // a character that starts a token by itself: # " { } . , + -

const ASCII_CLASS = new Uint8Array(128);
for (const c of " \t\r\n\f\v") ASCII_CLASS[c.charCodeAt(0)] = SPACE;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = ASCII_CLASS[c + 32] = LETTER;
ASCII_CLASS[95] = LETTER;
for (const c of '#"{}.,+-') ASCII_CLASS[c.charCodeAt(0)] = SIGN;

/** NaN (past the end of the text) is OTHER. */
function classOf(c: number): number {
  if (c < 128) return ASCII_CLASS[c]!;
  return c === 0xa0 || c === 0xfeff ? SPACE : OTHER;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const COLON = 58;
const BACKSLASH = 92;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordChar = (c: number): boolean => c < 128 && (ASCII_CLASS[c] === DIGIT || ASCII_CLASS[c] === LETTER);
const isLineBreak = (c: number): boolean => c === LF || c === CR;

/** The tokens of one character (`.` unless `..`), by their character. */
const PUNCTUATION: Kind[] = [];
for (const [image, type] of [["{", T.LCurly], ["}", T.RCurly], [".", T.Dot], [",", T.Comma], ["+", T.Plus], ["-", T.Minus]] as const) {
  PUNCTUATION[image.charCodeAt(0)] = kind(type, image);
}

/**
 * Keywords by a hash of their characters, so that a word is looked up without making its
 * string: only an identifier's token needs its text, and the spans need none. A word is a
 * keyword only when all of it is one (`startup` is not). The table has no collisions: its
 * multiplier is the first that spreads the keywords apart, found when the module loads.
 */
const KEYWORD_SLOTS = 2048;
const [KEYWORD_MUL, KEYWORD_TABLE] = ((): [number, Kind[]] => {
  for (let mul = 31; ; mul += 2) {
    const table: Kind[] = [];
    const spread = T.KEYWORDS.every((w) => {
      const h = wordHash(w, 0, w.length, mul);
      return !table[h] && (table[h] = kind(T.KW[w], w));
    });
    if (spread) return [mul, table];
  }
})();

function wordHash(text: string, start: number, end: number, mul: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (h * mul + text.charCodeAt(i)) & (KEYWORD_SLOTS - 1);
  return h;
}

/** The keyword `text[start, end)` is, if it is one. */
function keywordAt(text: string, start: number, end: number): Kind | undefined {
  const k = KEYWORD_TABLE[wordHash(text, start, end, KEYWORD_MUL)];
  if (!k || k.image.length !== end - start) return undefined;
  for (let i = 0; i < k.image.length; i++) if (k.image.charCodeAt(i) !== text.charCodeAt(start + i)) return undefined;
  return k;
}

function digitsEnd(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

function wordEnd(text: string, i: number): number {
  while (isWordChar(text.charCodeAt(i))) i++;
  return i;
}

/** `\d{4}-\d{2}-\d{2}` at `i`: its end, or -1. */
function dateEnd(text: string, i: number): number {
  for (let k = 0; k < 10; k++) {
    const c = text.charCodeAt(i + k);
    if (k === 4 || k === 7 ? c !== MINUS : !isDigit(c)) return -1;
  }
  return i + 10;
}

/** `\d{1,2}:\d{2}` at `i` (a digit): its end, or -1. */
function timeEnd(text: string, i: number): number {
  const colon = isDigit(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
  const ok = text.charCodeAt(colon) === COLON && isDigit(text.charCodeAt(colon + 1)) && isDigit(text.charCodeAt(colon + 2));
  return ok ? colon + 3 : -1;
}

/** `\d+(?:\.\d+)?` at `i` (a digit): its end. */
function numberEnd(text: string, i: number): number {
  const end = digitsEnd(text, i);
  return text.charCodeAt(end) === DOT && isDigit(text.charCodeAt(end + 1)) ? digitsEnd(text, end + 1) : end;
}

/** A unit after a number ending at `i`: `e?(?:mo|h|d|w)`, not followed by a word character. Its end, or -1. */
function unitEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 101 /* e */) i++;
  const c = text.charCodeAt(i);
  if (c === 109 /* m */ && text.charCodeAt(i + 1) === 111 /* o */) i += 2;
  else if (c === 104 /* h */ || c === 100 /* d */ || c === 119 /* w */) i++;
  else return -1;
  return isWordChar(text.charCodeAt(i)) ? -1 : i;
}

/** A rate's `/h` or `/d` after a number ending at `i`, not followed by a word character. Its end, or -1. */
function perEnd(text: string, i: number): number {
  const c = text.charCodeAt(i + 1);
  const ok = text.charCodeAt(i) === SLASH && (c === 104 /* h */ || c === 100 /* d */) && !isWordChar(text.charCodeAt(i + 2));
  return ok ? i + 2 : -1;
}

/** Where the text of a string opened at `i` stops: at its closing quote, a line break, a backslash before one, or the end. */
function stringStop(text: string, i: number): number {
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === QUOTE || isLineBreak(c)) return k;
    if (c === BACKSLASH) {
      if (isLineBreak(text.charCodeAt(k + 1))) return k;
      k++; // an escaped character (none at the end of the text, which stops the loop too)
    }
  }
  return text.length;
}

/**
 * Tokens and comments in text order as columns, without token objects: for who reads
 * each token once, such as the editor's colouring. Lines and columns are zero-based.
 */
export class TokenSpans {
  typeIdx: Int32Array;
  start: Int32Array;
  length: Int32Array;
  line: Int32Array;
  column: Int32Array;
  count = 0;
  /** How many runs of characters no token starts with were skipped. */
  errors = 0;

  /** Room for `capacity` tokens; more grow the columns. */
  constructor(capacity: number) {
    this.typeIdx = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.length = new Int32Array(capacity);
    this.line = new Int32Array(capacity);
    this.column = new Int32Array(capacity);
  }

  push(typeIdx: number, start: number, length: number, line: number, column: number): void {
    if (this.count === this.typeIdx.length) {
      for (const k of ["typeIdx", "start", "length", "line", "column"] as const) {
        const grown = new Int32Array(this.count * 2);
        grown.set(this[k]);
        this[k] = grown;
      }
    }
    const k = this.count++;
    this.typeIdx[k] = typeIdx;
    this.start[k] = start;
    this.length[k] = length;
    this.line[k] = line;
    this.column[k] = column;
  }
}

class Scanner {
  readonly tokens: IToken[] = [];
  readonly comments: IToken[] = [];
  readonly errors: ILexingError[] = [];
  private pos: number;
  /** One-based, as Chevrotain counts. */
  private line: number;
  /** Offset of the first character of the current line. */
  private lineStart: number;

  /**
   * Scans `text[from, to)`; `from` is the start of the zero-based line `line`, `to` a line
   * start or the end. With `spans`, tokens and comments go there in order instead.
   */
  constructor(
    private readonly text: string,
    from = 0,
    line = 0,
    private readonly to = text.length,
    private readonly spans?: TokenSpans,
  ) {
    this.pos = this.lineStart = from;
    this.line = line + 1;
  }

  run(): void {
    const text = this.text;
    while (this.pos < this.to) {
      const start = this.pos;
      const c = text.charCodeAt(start);
      switch (classOf(c)) {
        case SPACE:
          this.skipSpace();
          break;
        case DIGIT:
          this.numeric(start);
          break;
        case LETTER: {
          const end = wordEnd(text, start + 1);
          const keyword = keywordAt(text, start, end);
          this.add(this.tokens, keyword ?? IDENTIFIER, end, keyword?.image);
          break;
        }
        case SIGN:
          this.sign(c, start);
          break;
        default:
          this.unexpected(start);
      }
    }
  }

  /** A token from the current position to `end`. */
  private emit(kind: Kind, end: number): void {
    this.add(this.tokens, kind, end);
  }

  /** A token from the current position to `end`, onto `to`; its text is `image` when that is known already. */
  private add(to: IToken[], kind: Kind, end: number, image?: string): void {
    const column = this.pos - this.lineStart;
    if (this.spans) this.spans.push(kind.idx, this.pos, end - this.pos, this.line - 1, column);
    else to.push(token(kind, image ?? this.text.slice(this.pos, end), this.pos, this.line, column + 1));
    this.pos = end;
  }

  /** Whitespace, counting line breaks as Chevrotain does: `\n`, `\r\n` and a lone `\r`. */
  private skipSpace(): void {
    const text = this.text;
    let i = this.pos;
    for (let c = text.charCodeAt(i); classOf(c) === SPACE; c = text.charCodeAt(++i)) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      if (isLineBreak(c)) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.pos = i;
  }

  /** Tokens that start with a digit, tried in the order of `allTokens`. */
  private numeric(start: number): void {
    const text = this.text;
    const date = dateEnd(text, start);
    if (date >= 0) return this.emit(DATE, date);
    const time = timeEnd(text, start);
    if (time >= 0) return this.emit(TIME, time);
    const number = numberEnd(text, start);
    const unit = unitEnd(text, number);
    if (unit >= 0) return this.emit(DURATION, unit);
    if (text.charCodeAt(number) === PERCENT) return this.emit(PERCENTAGE, number + 1);
    const rate = perEnd(text, number);
    if (rate >= 0) return this.emit(RATE, rate);
    if (classOf(text.charCodeAt(number)) === LETTER) return this.emit(BAD_UNIT, wordEnd(text, number + 1));
    this.emit(NUMBER, number);
  }

  private sign(c: number, start: number): void {
    const text = this.text;
    switch (c) {
      case HASH: {
        let end = start + 1;
        while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
        return this.add(this.comments, COMMENT, end);
      }
      case QUOTE: {
        const stop = stringStop(text, start);
        const next = text.charCodeAt(stop);
        if (next === QUOTE) return this.emit(STRING, stop + 1);
        return this.emit(UNTERMINATED_STRING, next === BACKSLASH ? stop + 1 : stop);
      }
      default: {
        const punctuation = c === DOT && text.charCodeAt(start + 1) === DOT ? DOT_DOT : PUNCTUATION[c]!;
        return this.add(this.tokens, punctuation, start + punctuation.image.length, punctuation.image);
      }
    }
  }

  /** Like Chevrotain: one error for the run of characters up to where a token can start. */
  private unexpected(start: number): void {
    const text = this.text;
    let end = start + 1;
    while (end < text.length && classOf(text.charCodeAt(end)) === OTHER) end++;
    const length = end - start;
    const message = `unexpected character: ->${text.charAt(start)}<- at offset: ${start}, skipped ${length} characters.`;
    this.errors.push({ offset: start, line: this.line, column: start - this.lineStart + 1, length, message });
    this.pos = end;
  }
}

/**
 * The tokens of `text`, its comments (in `groups.comments`) and the runs of characters no
 * token starts with; of `text[from, to)` when given, where `from` is the start of line
 * `line` (zero-based) and `to` a line start: no token spans a line break, so a scan may
 * start and stop at any line.
 */
export function tokenize(text: string, from = 0, line = 0, to = text.length): ILexingResult {
  const scanner = new Scanner(text, from, line, to);
  scanner.run();
  return { tokens: scanner.tokens, groups: { comments: scanner.comments }, errors: scanner.errors };
}

/**
 * The tokens and comments of `text` in text order, as spans (see `TokenSpans`), and how
 * many errors. Of `text[from, to)` when given, as `tokenize` reads them.
 */
export function scanSpans(text: string, from = 0, line = 0, to = text.length): TokenSpans {
  // Plans average five to six characters a token: room for one every four rarely grows.
  const spans = new TokenSpans(16 + ((to - from) >> 2));
  const scanner = new Scanner(text, from, line, to, spans);
  scanner.run();
  spans.errors = scanner.errors.length;
  return spans;
}
