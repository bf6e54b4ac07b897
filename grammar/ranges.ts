// Source positions of tokens and AST nodes, as core/ast.ts counts them: zero-based lines
// and UTF-16 columns. Chevrotain counts lines and columns from 1, with inclusive ends.
import type { IToken } from "chevrotain";
import type { Pos, Range } from "../core/ast";

/**
 * The line a top-level declaration (or a comment) starts on: the lines of its ranges are
 * kept relative to it. A parse that keeps a declaration below an edit that added or
 * removed lines moves its anchor (`shiftAnchors`) instead of making the declaration again:
 * the same objects then lie where the new text has them (grammar/index.ts).
 */
export interface Anchor {
  line: number;
}

/** The anchor of ranges made outside a declaration: never moved (frozen, so a shift of it throws). */
const ABSOLUTE: Anchor = Object.freeze({ line: 0 });

/** The anchor of the ranges being made. */
let current: Anchor = ABSOLUTE;

/** Starts the ranges of a declaration whose first line is `line`. */
export function anchorAt(line: number): void {
  current = { line };
}

/** Ends the ranges of declarations: what is made next is absolute. */
export function unanchor(): void {
  current = ABSOLUTE;
}

/** The anchor `range` counts its lines from; undefined for a range that cannot be moved. */
export function anchorOf(range: Range): Anchor | undefined {
  return range instanceof SourceRange && range.anchor !== ABSOLUTE ? range.anchor : undefined;
}

/** Moves each anchor (once) by `delta` lines, and with it every range counted from it. */
export function shiftAnchors(anchors: ReadonlySet<Anchor>, delta: number): void {
  for (const a of anchors) a.line += delta;
}

/**
 * A range kept as four numbers and its anchor; `start` and `end` are made when read. The
 * parser makes a range for every token and node (hundreds of thousands in a large plan):
 * one object each instead of three (a range and two positions) cuts the AST by a third,
 * and with it parse time, garbage collection, memory and the cost of freezing the analysis.
 */
export class SourceRange implements Range {
  readonly anchor: Anchor;
  private readonly startLine: number;
  private readonly endLine: number;

  /** Lines are absolute here; they are kept relative to `anchor`. */
  constructor(
    startLine: number,
    private readonly startCol: number,
    endLine: number,
    private readonly endCol: number,
    anchor = current,
  ) {
    this.anchor = anchor;
    this.startLine = startLine - anchor.line;
    this.endLine = endLine - anchor.line;
    // Frozen as made: the analysis's deep freeze then skips the most numerous AST object.
    // (Its anchor is not frozen, and not reached by that freeze.)
    Object.freeze(this);
  }

  /** From the start of `a` to the end of `b`. */
  static between(a: Range, b: Range): SourceRange {
    if (a instanceof SourceRange && b instanceof SourceRange && a.anchor === b.anchor) {
      const line = a.anchor.line;
      return new SourceRange(line + a.startLine, a.startCol, line + b.endLine, b.endCol, a.anchor);
    }
    const start = a.start;
    const end = b.end;
    return new SourceRange(start.line, start.col, end.line, end.col);
  }

  get start(): Pos {
    return Object.freeze({ line: this.anchor.line + this.startLine, col: this.startCol });
  }

  get end(): Pos {
    return Object.freeze({ line: this.anchor.line + this.endLine, col: this.endCol });
  }

  /** Where it starts in the text `map` is of, without making the start position (`start` does). */
  startIn(map: LineMap): number {
    return map.lineStart(this.anchor.line + this.startLine) + this.startCol;
  }

  /** Serialises as a plain range, like the ranges made elsewhere. */
  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}

/**
 * A token's range. Tokens never span lines (strings and comments stop at the line end).
 * Not cached on the token: a property added to every token costs each one an allocation,
 * more than making a second range for the few tokens asked twice. `apart`: with an anchor
 * of its own (a comment, moved with its line apart from any declaration).
 */
export function tokenRange(t: IToken, apart = false): Range {
  const line = t.startLine! - 1;
  const col = t.startColumn! - 1;
  return new SourceRange(line, col, line, col + t.image.length, apart ? { line } : undefined);
}

/** From the start of token `a` to the end of token `b`. */
export function tokenSpan(a: IToken, b: IToken): Range {
  return new SourceRange(a.startLine! - 1, a.startColumn! - 1, b.startLine! - 1, b.startColumn! - 1 + b.image.length);
}

/** From the start of `a` to the end of `b`. */
export function spanRange(a: Range, b: Range): Range {
  return SourceRange.between(a, b);
}

/** Converts between offsets and positions in one text: line breaks are `\n`, `\r\n` and a lone `\r`, as the scanner counts them. */
export class LineMap {
  /**
   * Where each line starts. Typed: a parse keeps its map, and the language server parses at
   * every keystroke; a map of a 10k-task plan is then one 48 KB block outside the collected
   * heap instead of an array grown push by push (about 370 KB made, 100 KB kept).
   */
  private readonly starts: Uint32Array;

  constructor(text: string) {
    if (!text.includes("\r")) {
      // The usual case, read line by line (a native search) instead of character by character.
      let count = 0;
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) count++;
      this.starts = new Uint32Array(count + 1);
      for (let i = text.indexOf("\n"), k = 1; i >= 0; i = text.indexOf("\n", i + 1)) this.starts[k++] = i + 1;
      return;
    }
    const breaks: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) breaks.push(i + 1);
    }
    this.starts = new Uint32Array(breaks.length + 1);
    this.starts.set(breaks, 1);
  }

  /** How many lines the text has (one more than its line breaks). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Where line `line` starts (the text's end past the last line). */
  lineStart(line: number): number {
    return this.starts[line] ?? this.starts[this.starts.length - 1]!;
  }

  offset(p: Pos): number {
    return this.lineStart(p.line) + p.col;
  }

  /** Where `range` starts: for the parser's ranges, without making a position. */
  startOf(range: Range): number {
    return range instanceof SourceRange ? range.startIn(this) : this.offset(range.start);
  }

  pos(offset: number): Pos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, col: offset - this.starts[lo]! };
  }

  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(end) };
  }
}
