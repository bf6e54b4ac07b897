// The grammar of docs/language.md as a Chevrotain EmbeddedActionsParser that builds the
// AST of core/ast.ts while it parses (with grammar/build-ast.ts). One rule per declaration
// and one per field list, so error recovery re-synchronises at the next field or the next
// declaration instead of dropping the rest of a block. `scripts/gen-grammar.mjs` turns
// these rules into docs/grammar.html (railroad diagrams).
//
// Recovery may end a rule anywhere: an error it cannot recover from unwinds it, and one it
// re-synchronises after makes it return undefined. The AST still keeps what was parsed up
// to the error, so each rule collects its tokens as it goes and builds its node in a
// `finally`, handing it up through the parser's fields (the open task, the references
// parsed so far, …) rather than a return value.
import { EmbeddedActionsParser, EOF, MismatchedTokenException, tokenMatcher, type IOrAlt, type IToken, type OrMethodOpts, type TokenType } from "chevrotain";
import type * as ast from "../core/ast";
import type { Diagnostic } from "../core/diagnostics";
import { EMPTY } from "../core/ast";
import { AstBuilder, append, type Clause, type FieldLog, type RawTimeRange, type WeekdayItem } from "./build-ast";
import {
  allTokens,
  Comma,
  DateLiteral,
  Dot,
  DotDot,
  DurationLike,
  DurationLiteral,
  Keyword,
  KW,
  LCurly,
  Minus,
  Identifier,
  NumberLiteral,
  PercentLike,
  PercentLiteral,
  Plus,
  RateLike,
  RCurly,
  StringLiteral,
  TimeLiteral,
} from "./lexer";
import { anchorAt, spanRange, tokenRange, tokenSpan, unanchor } from "./ranges";

export type BlockKind = "project" | "calendar" | "resource" | "task" | "milestone" | "risk";

/** A block the parser is inside, for messages like "`}` to close task `x` opened on line 3". */
export interface OpenBlock {
  kind: BlockKind;
  id: string | undefined;
  /** Zero-based line of the block's keyword. */
  line: number;
}

/** What the parser knew when it met an error; messages.ts turns it into words. */
export interface ErrorRecord {
  kind: "mismatch" | "noViableAlt" | "earlyExit" | "notAllInput";
  /** The token types that would have been accepted at the error. */
  expected: TokenType[];
  actual: IToken;
  previous: IToken | undefined;
  rule: string;
  /** The alternation's own description of what it expects (`ERR_MSG`), if any. */
  custom: string | undefined;
  block: OpenBlock | undefined;
}

/**
 * Thrown out of the parse at the error after the allowed number. Chevrotain's recovery
 * nests one call per re-synchronisation inside a repetition, so a file of thousands of
 * errors would otherwise overflow the stack (and take quadratic time).
 */
export class TooManyErrors extends Error {
  constructor(readonly at: IToken) {
    super("too many syntax errors");
  }
}

/** Thrown out of the parse when the top level reaches the token it was to stop at (see `start`). */
export class Stopped extends Error {
  constructor() {
    super("stopped at a kept declaration");
  }
}

/** The declarations of a document, by kind, in source order. */
export interface Declarations {
  imports: ast.Import[];
  projects: ast.Project[];
  calendars: ast.Calendar[];
  resources: ast.Resource[];
  tasks: ast.Task[];
  risks: ast.Risk[];
}

/** A declaration's header and braces, for its identifier check and its ranges. */
interface Header {
  id: IToken | undefined;
  name: IToken | undefined;
  open: IToken | undefined;
  close: IToken | undefined;
}

export class PlanParser extends EmbeddedActionsParser {
  /** Blocks open at the current point of the parse, innermost last. */
  private blocks: OpenBlock[] = [];
  /** Error details by index; each error's message is `#<index>`. */
  records: ErrorRecord[] = [];
  /** Where each top-level block that ended without its `}` starts (its keyword's offset). */
  cutShort: number[] = [];
  /** Errors allowed before the parse gives up (see TooManyErrors). */
  private maxErrors = Infinity;
  /**
   * Each OR's alternatives, built on its first call instead of on every call (Chevrotain's
   * advice for hot rules: the arrays and closures were a large share of the parse's
   * garbage). They must not close over a rule's locals, which would be the first call's:
   * they return their token, or add to `clause` or a stack. So is the hot MANY of `dotted`.
   */
  // `any`: each OR infers its own result type from its alternatives.
  private readonly alts: Partial<Record<string, IOrAlt<any>[] | OrMethodOpts<any>>> = {};
  private dottedTail: (() => void) | undefined;

  /**
   * Whether actions run: not while performSelfAnalysis records the grammar (tokens are
   * placeholders then), nor while a parse unwinds after too many errors (it is redone).
   */
  private live = false;
  private b = new AstBuilder("");
  /** The AST of the parse so far. */
  declarations = noDeclarations();
  /**
   * The real tokens consumed so far, in order (not those recovery inserted). A node's range
   * runs from the first to the last one consumed while its rule ran.
   */
  private consumed: IToken[] = [];
  // The declarations being parsed and the field log of the innermost (tasks nest).
  private project: ast.Project | undefined;
  private calendar: ast.Calendar | undefined;
  private resource: ast.Resource | undefined;
  private risk: ast.Risk | undefined;
  private task: ast.Task | undefined;
  private log: FieldLog | undefined;
  /** The field clause being parsed (fields do not nest). */
  private clause: Clause = newClause();
  // What subrules built, for the enclosing rule to take (from its length when it started).
  private readonly refs: (ast.Ref | undefined)[] = [];
  private readonly days: (WeekdayItem | undefined)[] = [];
  private readonly times: RawTimeRange[] = [];
  private readonly dates: (ast.DateRangeLit | undefined)[] = [];
  private readonly segments: ast.Ident[] = [];

  constructor(validate = false) {
    super(allTokens, {
      recoveryEnabled: true,
      maxLookahead: 1,
      skipValidations: !validate,
      errorMessageProvider: {
        buildMismatchTokenMessage: (o) => this.record("mismatch", [o.expected], o.actual, o.previous, o.ruleName),
        buildNotAllInputParsedMessage: (o) => this.record("notAllInput", [EOF], o.firstRedundant, undefined, o.ruleName),
        buildNoViableAltMessage: (o) =>
          this.record("noViableAlt", firstTokens(o.expectedPathsPerAlt.flat()), o.actual[0]!, o.previous, o.ruleName, o.customUserDescription),
        buildEarlyExitMessage: (o) =>
          this.record("earlyExit", firstTokens(o.expectedIterationPaths), o.actual[0]!, o.previous, o.ruleName, o.customUserDescription),
      },
    });
    this.performSelfAnalysis();
  }

  /** Where the top level stops (throwing Stopped) instead of parsing a declaration. */
  private stopAt: IToken | undefined;
  /**
   * Whether the parse looked at the end of its input. Chevrotain's recovery looks ahead
   * further than the grammar (and comes back): a parse that stopped at a token without
   * ever looking past it read only what a parse of the whole text reads up to there.
   */
  lookedPastEnd = false;

  protected override LA(howMuch: number): IToken {
    const t = super.LA(howMuch);
    if (t.tokenType === EOF) this.lookedPastEnd = true;
    return t;
  }

  protected override LA_FAST(howMuch: number): IToken {
    const t = super.LA_FAST(howMuch);
    if (t.tokenType === EOF) this.lookedPastEnd = true;
    return t;
  }

  /**
   * Recovery never inserts a `{`: the block it would open takes in what follows (a task
   * whose `{` is not typed yet takes the rest of its phase as subtasks), and its `}` is then
   * missing at the end of the file. Without it, the header is a declaration on its own.
   */
  override canTokenTypeBeInsertedInRecovery(type: TokenType): boolean {
    return type !== LCurly;
  }

  // Recovery skips a `{` together with everything up to its own `}` (a unit): a mistyped
  // line that opens a block (`tsk x "X" { … }`) is dropped whole, braces paired as
  // `closeOpenBlocks` pairs them, instead of its `}` closing the enclosing block and moving
  // the declarations after it out of their phase. The three overrides below are
  // Chevrotain's recovery with that one change.

  /** The lookahead index just past the unit at LA(k): past its `}` when it is a `{` that has one. */
  private unitEnd(k: number): number {
    if (this.LA(k).tokenType !== LCurly) return k + 1;
    for (let i = k + 1, depth = 1; ; i++) {
      const type = this.LA(i).tokenType;
      if (type === EOF) return k + 1;
      if (type === LCurly) depth++;
      else if (type === RCurly && --depth === 0) return i + 1;
    }
  }

  private skipUnit(): void {
    for (let n = this.unitEnd(1) - 1; n > 0; n--) (this as unknown as Internals).SKIP_TOKEN();
  }

  /**
   * Where recovery re-synchronises: the first unit ahead that may follow a rule on the
   * stack. At the top level only the end of input may, so the search, reading token after
   * token, always ends there: answered without reading them. That search would count as
   * looking past a stop (see `lookedPastEnd`), and it scanned the rest of the file for
   * every stray token at the top level (a `}` left over by an edit).
   */
  findReSyncTokenType(): TokenType {
    const self = this as unknown as Internals;
    if (self.RULE_STACK_IDX === 0) return EOF;
    const follows = self.flattenFollowSet();
    for (let k = 1; ; k = this.unitEnd(k)) {
      const t = this.LA(k);
      const found = t.tokenType === EOF ? EOF : follows.find((f) => tokenMatcher(t, f));
      if (found) return found;
    }
  }

  /** Skips units up to one of type `type` (found ahead by `findReSyncTokenType`). */
  reSyncTo(type: TokenType): IToken[] {
    for (let t = this.LA(1); !tokenMatcher(t, type) && t.tokenType !== EOF; t = this.LA(1)) this.skipUnit();
    return [];
  }

  /**
   * Recovery inside a repetition (a block's items, the top level): units are skipped until
   * one that resumes the repetition, the one expected after it, or the re-synchronisation
   * point (then the input is restored and the error left to the enclosing rules).
   */
  tryInRepetitionRecovery(rule: (...args: unknown[]) => void, args: unknown[], resumes: () => boolean, expected: TokenType): void {
    const self = this as unknown as Internals;
    const reSync = this.findReSyncTokenType();
    const start = self.exportLexerState();
    const actual = this.LA(1);
    const report = () => self.SAVE_ERROR(new MismatchedTokenException(this.record("mismatch", [expected], actual, this.LA(0), self.getCurrRuleFullName()), actual, this.LA(0)));
    for (let t = actual; ; t = this.LA(1)) {
      if (tokenMatcher(t, expected)) return report();
      if (resumes.call(this)) {
        report();
        return rule.apply(this, args);
      }
      if (tokenMatcher(t, reSync) || t.tokenType === EOF) break;
      this.skipUnit();
    }
    self.importLexerState(start);
  }

  /**
   * Starts a fresh parse of `tokens` (then call `document()`: the AST goes to `declarations`).
   * With `stopAt`, the parse stops when a top-level declaration would start with that token.
   */
  start(tokens: IToken[], uri: string, maxErrors = Infinity, stopAt?: IToken): void {
    this.input = tokens;
    this.stopAt = stopAt;
    this.lookedPastEnd = false;
    this.blocks = [];
    this.records = [];
    this.cutShort = [];
    this.maxErrors = maxErrors;
    this.b = new AstBuilder(uri);
    this.declarations = noDeclarations();
    this.consumed = [];
    this.project = this.calendar = this.resource = this.risk = this.task = this.log = undefined;
    this.refs.length = this.days.length = this.times.length = this.dates.length = this.segments.length = 0;
    this.live = true;
  }

  /** The AST's own diagnostics (literals, identifiers, repeated fields) of the last parse. */
  get diagnostics(): Diagnostic[] {
    return this.b.diagnostics;
  }

  /** Drops the last input and AST: the one shared parser would otherwise keep them alive. */
  release(): void {
    this.start([], "");
    this.live = false;
  }

  private record(
    kind: ErrorRecord["kind"],
    expected: TokenType[],
    actual: IToken,
    previous: IToken | undefined,
    rule: string,
    custom?: string,
  ): string {
    if (this.records.length >= this.maxErrors) {
      this.live = false;
      throw new TooManyErrors(actual);
    }
    this.records.push({ kind, expected, actual, previous, rule, custom, block: this.blocks[this.blocks.length - 1] });
    return `#${this.records.length - 1}`;
  }

  /** Notes a consumed token; undefined for one recovery inserted (never an AST node). */
  private eat(t: IToken | undefined): IToken | undefined {
    if (!this.live || !t || t.isInsertedInRecovery) return undefined;
    this.consumed.push(t);
    return t;
  }

  /** A value of the clause being parsed, in its position (undefined if recovery inserted it). */
  private value(t: IToken | undefined): void {
    this.clause.values.push(this.eat(t));
  }

  /** A word of a multi-word keyword (`start no earlier than`). */
  private word(t: IToken): IToken | undefined {
    const w = this.eat(t);
    if (w) this.clause.lastWord = w;
    return w;
  }

  /** The range of the tokens consumed since `mark`; undefined if none. */
  private rangeFrom(mark: number): ast.Range | undefined {
    const n = this.consumed.length;
    return n > mark ? tokenSpan(this.consumed[mark]!, this.consumed[n - 1]!) : undefined;
  }

  /** The range of a rule that began with its keyword (real: the parser chose the rule by it). */
  private rangeOf(mark: number): ast.Range {
    return this.rangeFrom(mark)!;
  }

  /** What subrules pushed on `stack` since it had `base` items, taken off it. */
  private take<T>(stack: T[], base: number): T[] {
    // One or two (a reference's segments, a task's links): array literals, where `splice`
    // is a call into the runtime (see `append`).
    switch (stack.length - base) {
      case 1:
        return [stack.pop()!];
      case 2: {
        const last = stack.pop()!;
        return [stack.pop()!, last];
      }
    }
    return stack.length > base ? stack.splice(base) : EMPTY;
  }

  /** The first thing subrules pushed on `stack` since it had `base` items; all are taken off. */
  private takeFirst<T>(stack: T[], base: number): T | undefined {
    const first = stack[base];
    stack.length = Math.min(stack.length, base);
    return first;
  }

  /**
   * The identifier of a declaration. Optional here, and a keyword on the same line is taken
   * too, so a missing or reserved name (`task import`) costs one precise error from the AST
   * builder instead of the whole block. (A keyword on a later line starts what follows: a
   * `task` typed above another task's line does not take that task's keyword as its name.)
   * Uses OPTION9/OR9, free in every declaration rule.
   */
  private declId(): IToken | undefined {
    return this.OPTION9({
      GATE: () => this.LA(1).startLine === this.LA(0).endLine || !tokenMatcher(this.LA(1), Keyword),
      DEF: () => this.eat(this.OR9((this.alts.declIdOR9 ??= [{ ALT: () => this.CONSUME9(Identifier) }, { ALT: () => this.CONSUME9(Keyword) }]))),
    });
  }

  /** A declaration's header after its keyword: its identifier and name, if it has them. */
  private header(id: boolean, name: boolean): Header {
    return {
      id: id ? this.declId() : undefined,
      name: name ? this.OPTION(() => this.eat(this.CONSUME(StringLiteral))) : undefined,
      open: undefined,
      close: undefined,
    };
  }

  /** `{ item* }`, with the block on the open-block stack (for error messages). */
  private block(h: Header, kind: BlockKind, keyword: IToken, item: () => void): void {
    if (this.live) this.blocks.push({ kind, id: h.id?.image || undefined, line: keyword.startLine! - 1 });
    try {
      h.open = this.eat(this.CONSUME(LCurly));
      this.MANY(item);
      h.close = this.eat(this.CONSUME(RCurly));
    } finally {
      if (this.live) {
        if (!h.close && this.blocks.length === 1) this.cutShort.push(keyword.startOffset);
        this.blocks.pop();
      }
    }
  }

  /** Reports a declaration without identifier, once the rest of its header is known. */
  private checkId(h: Header, kind: BlockKind): void {
    if (!h.id) this.b.missingId(h.name ?? h.open, kind);
  }

  document = this.RULE("document", () => {
    // Whatever ends the parse (its end, a stop, too many errors), later ranges are absolute.
    try {
      this.MANY(() => {
        if (this.live && this.stopAt !== undefined && this.LA(1) === this.stopAt) throw new Stopped();
        // Each top-level declaration's ranges count from its own first line (see Anchor).
        const line = this.LA(1).startLine;
        if (this.live && line !== undefined && !Number.isNaN(line)) anchorAt(line - 1);
        this.OR((this.alts.documentOR ??= [
          { ALT: () => this.SUBRULE(this.taskDecl) },
          { ALT: () => this.SUBRULE(this.resourceDecl) },
          { ALT: () => this.SUBRULE(this.calendarDecl) },
          { ALT: () => this.SUBRULE(this.riskDecl) },
          { ALT: () => this.SUBRULE(this.projectDecl) },
          { ALT: () => this.SUBRULE(this.importDecl) },
        ]));
      });
    } finally {
      unanchor();
    }
  });

  importDecl = this.RULE("importDecl", () => {
    const mark = this.consumed.length;
    let path: IToken | undefined;
    try {
      this.eat(this.CONSUME(KW.import));
      path = this.eat(this.CONSUME(StringLiteral));
    } finally {
      if (this.live) this.declarations.imports.push({ path: this.b.string(path), range: this.rangeOf(mark) });
    }
  });

  projectDecl = this.RULE("projectDecl", () => {
    const mark = this.consumed.length;
    const kw = this.CONSUME(KW.project);
    this.eat(kw);
    const h = this.header(false, true);
    // A header cannot fail (its parts are optional): the node exists before an error can cut the rule.
    let p: ast.Project | undefined;
    if (this.live) {
      p = {
        keyword: { range: tokenRange(kw) },
        name: this.b.string(h.name),
        start: undefined,
        currency: undefined,
        budget: undefined,
        calendar: undefined,
        status: undefined,
        leveling: undefined,
        range: undefined!, // set at the end; here for the order of keys
      };
      this.declarations.projects.push(p);
      this.project = p;
      this.log = this.b.log("project", kw, undefined);
    }
    try {
      this.block(h, "project", kw, () => this.SUBRULE(this.projectField));
    } finally {
      if (p && this.live) p.range = this.rangeOf(mark);
    }
  });

  projectField = this.RULE("projectField", () => {
    const mark = this.consumed.length;
    const refs = this.refs.length;
    const c = (this.clause = newClause());
    try {
      this.OR((this.alts.projectFieldOR ??= [
        { ALT: () => (this.eat(this.CONSUME(KW.start)), this.value(this.CONSUME(DateLiteral))) },
        { ALT: () => (this.eat(this.CONSUME(KW.currency)), this.value(this.CONSUME(Identifier))) },
        { ALT: () => (this.eat(this.CONSUME(KW.budget)), this.value(this.CONSUME(NumberLiteral))) },
        { ALT: () => (this.eat(this.CONSUME(KW.calendar)), this.SUBRULE(this.calendarRef)) },
        { ALT: () => (this.eat(this.CONSUME(KW.status)), this.value(this.CONSUME2(DateLiteral))) },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.leveling));
            this.value(
              this.OR2((this.alts.projectFieldOR2 ??= {
                DEF: [{ ALT: () => this.CONSUME(KW.on) }, { ALT: () => this.CONSUME(KW.off) }],
                ERR_MSG: "`on` or `off`",
              })),
            );
          },
        },
      ]));
    } finally {
      if (this.live) this.b.projectField(this.project!, this.log!, this.consumed[mark]!, c, this.take(this.refs, refs));
    }
  });

  calendarDecl = this.RULE("calendarDecl", () => {
    const mark = this.consumed.length;
    const kw = this.CONSUME(KW.calendar);
    this.eat(kw);
    const h = this.header(true, false);
    let cal: ast.Calendar | undefined;
    if (this.live) {
      const id = this.b.declId(h.id, "calendar");
      cal = { id, workweek: undefined, hours: undefined, holidays: [], range: undefined! };
      this.declarations.calendars.push(cal);
      this.calendar = cal;
      this.log = this.b.log("calendar", kw, id);
    }
    try {
      this.block(h, "calendar", kw, () => this.SUBRULE(this.calendarField));
    } finally {
      if (cal && this.live) {
        cal.range = this.rangeOf(mark);
        this.checkId(h, "calendar");
      }
    }
  });

  calendarField = this.RULE("calendarField", () => {
    const mark = this.consumed.length;
    const days = this.days.length;
    const times = this.times.length;
    const dates = this.dates.length;
    const c = (this.clause = newClause());
    try {
      this.OR((this.alts.calendarFieldOR ??= [
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.workweek));
            this.SUBRULE(this.dayRange);
            this.MANY(() => (this.eat(this.CONSUME(Comma)), this.SUBRULE2(this.dayRange)));
          },
        },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.hours));
            this.SUBRULE(this.timeRange);
            this.MANY2(() => (this.eat(this.CONSUME2(Comma)), this.SUBRULE2(this.timeRange)));
          },
        },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.holiday));
            this.SUBRULE(this.dateRange);
            this.OPTION(() => this.value(this.CONSUME(StringLiteral)));
          },
        },
      ]));
    } finally {
      if (this.live) {
        this.b.calendarField(
          this.calendar!,
          this.log!,
          this.consumed[mark]!,
          this.rangeOf(mark),
          c,
          this.take(this.days, days),
          this.take(this.times, times),
          this.take(this.dates, dates),
        );
      }
    }
  });

  /** `mon` or `mon-fri` */
  dayRange = this.RULE("dayRange", () => {
    const mark = this.consumed.length;
    let from: IToken | undefined;
    let to: IToken | undefined;
    try {
      from = this.eat(this.CONSUME(Identifier));
      this.OPTION(() => {
        this.eat(this.CONSUME(Minus));
        to = this.eat(this.CONSUME2(Identifier));
      });
    } finally {
      if (this.live) this.days.push(from && { from: this.b.ident(from)!, to: this.b.ident(to), range: this.rangeOf(mark) });
    }
  });

  /** `09:00-12:00` */
  timeRange = this.RULE("timeRange", () => {
    const mark = this.consumed.length;
    let from: IToken | undefined;
    let to: IToken | undefined;
    try {
      from = this.eat(this.CONSUME(TimeLiteral));
      this.eat(this.CONSUME(Minus));
      to = this.eat(this.CONSUME2(TimeLiteral));
    } finally {
      if (this.live) this.times.push({ from, to, range: this.rangeFrom(mark) });
    }
  });

  /** `2027-02-08` or `2027-02-08..2027-02-12` */
  dateRange = this.RULE("dateRange", () => {
    const mark = this.consumed.length;
    let from: IToken | undefined;
    let to: IToken | undefined;
    try {
      from = this.eat(this.CONSUME(DateLiteral));
      this.OPTION(() => {
        this.eat(this.CONSUME(DotDot));
        to = this.eat(this.CONSUME2(DateLiteral));
      });
    } finally {
      // Where a dateRange may be (`holiday`, `off`) is repeatable: it always counts.
      if (this.live) this.dates.push(this.b.dateRange(from, to, this.rangeFrom(mark)));
    }
  });

  resourceDecl = this.RULE("resourceDecl", () => {
    const mark = this.consumed.length;
    const kw = this.CONSUME(KW.resource);
    this.eat(kw);
    const h = this.header(true, true);
    let r: ast.Resource | undefined;
    if (this.live) {
      const id = this.b.declId(h.id, "resource");
      r = {
        id,
        name: this.b.string(h.name),
        role: undefined,
        rate: undefined,
        units: undefined,
        off: [],
        calendar: undefined,
        kind: undefined,
        range: undefined!,
      };
      this.declarations.resources.push(r);
      this.resource = r;
      this.log = this.b.log("resource", kw, id);
    }
    try {
      this.block(h, "resource", kw, () => this.SUBRULE(this.resourceField));
    } finally {
      if (r && this.live) {
        r.range = this.rangeOf(mark);
        this.checkId(h, "resource");
      }
    }
  });

  resourceField = this.RULE("resourceField", () => {
    const mark = this.consumed.length;
    const refs = this.refs.length;
    const dates = this.dates.length;
    const c = (this.clause = newClause());
    try {
      this.OR((this.alts.resourceFieldOR ??= [
        { ALT: () => (this.eat(this.CONSUME(KW.role)), this.value(this.CONSUME(StringLiteral))) },
        { ALT: () => (this.eat(this.CONSUME(KW.rate)), this.value(this.CONSUME(RateLike))) },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.units));
            this.value(
              this.OR2((this.alts.resourceFieldOR2 ??= {
                DEF: [{ ALT: () => this.CONSUME(NumberLiteral) }, { ALT: () => this.CONSUME(PercentLiteral) }],
                ERR_MSG: "a number or a percentage",
              })),
            );
          },
        },
        { ALT: () => (this.eat(this.CONSUME(KW.off)), this.SUBRULE(this.dateRange)) },
        { ALT: () => (this.eat(this.CONSUME(KW.calendar)), this.SUBRULE(this.calendarRef)) },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.kind));
            this.value(
              this.OR3((this.alts.resourceFieldOR3 ??= {
                DEF: [{ ALT: () => this.CONSUME(KW.person) }, { ALT: () => this.CONSUME(KW.vendor) }],
                ERR_MSG: "`person` or `vendor`",
              })),
            );
          },
        },
      ]));
    } finally {
      if (this.live) {
        this.b.resourceField(this.resource!, this.log!, this.consumed[mark]!, c, this.take(this.refs, refs), this.take(this.dates, dates));
      }
    }
  });

  taskDecl = this.RULE("taskDecl", () => {
    const mark = this.consumed.length;
    const kw = this.OR((this.alts.taskDeclOR ??= [{ ALT: () => this.CONSUME(KW.task) }, { ALT: () => this.CONSUME(KW.milestone) }]));
    this.eat(kw);
    const kind: ast.TaskKind = kw.tokenType === KW.milestone ? "milestone" : "task";
    const h = this.header(true, true);
    const parent = this.task;
    const parentLog = this.log;
    let t: ast.Task | undefined;
    if (this.live) {
      const id = this.b.declId(h.id, kind);
      t = {
        kind,
        keyword: Object.freeze({ range: tokenRange(kw) }),
        id,
        name: this.b.string(h.name),
        duration: undefined,
        effort: undefined,
        estimate: undefined,
        assignments: EMPTY,
        deps: EMPTY,
        costs: EMPTY,
        budget: undefined,
        done: undefined,
        started: undefined,
        finished: undefined,
        spent: undefined,
        notes: EMPTY,
        priority: undefined,
        calendar: undefined,
        constraints: EMPTY,
        deadline: undefined,
        children: EMPTY,
        body: undefined,
        fields: EMPTY,
        range: undefined!,
      };
      if (parent) parent.children = append(parent.children, t);
      else this.declarations.tasks.push(t);
      this.task = t;
      this.log = this.b.log(kind, kw, id);
    }
    try {
      this.block(h, kind, kw, () =>
        this.OR2((this.alts.taskDeclOR2 ??= [{ ALT: () => this.SUBRULE(this.taskField) }, { ALT: () => this.SUBRULE(this.taskDecl) }])),
      );
    } finally {
      if (t && this.live) {
        const range = (t.range = this.rangeOf(mark));
        if (h.open) t.body = h.close ? tokenSpan(h.open, h.close) : spanRange(tokenRange(h.open), range);
        this.checkId(h, kind);
        this.task = parent;
        this.log = parentLog;
        // Complete (its subtasks ended first, its parts were frozen as made): freeze it, so
        // the analysis's deep freeze need not walk the tasks, most of a plan.
        freezeLists(t.assignments, t.deps, t.costs, t.notes, t.constraints, t.children, t.fields);
        Object.freeze(t);
      }
    }
  });

  taskField = this.RULE("taskField", () => {
    const mark = this.consumed.length;
    const refs = this.refs.length;
    const c = (this.clause = newClause());
    try {
      this.OR((this.alts.taskFieldOR ??= [
        { ALT: () => (this.eat(this.CONSUME(KW.duration)), this.value(this.CONSUME(DurationLike))) },
        { ALT: () => (this.eat(this.CONSUME(KW.effort)), this.value(this.CONSUME2(DurationLike))) },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.estimate));
            this.value(this.CONSUME3(DurationLike));
            this.eat(this.CONSUME(DotDot));
            this.value(this.CONSUME4(DurationLike));
            this.eat(this.CONSUME2(DotDot));
            this.value(this.CONSUME5(DurationLike));
          },
        },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.assign));
            this.SUBRULE(this.assignment);
            this.MANY(() => (this.eat(this.CONSUME(Comma)), this.SUBRULE2(this.assignment)));
          },
        },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.after));
            this.SUBRULE(this.dependency);
            this.MANY2(() => (this.eat(this.CONSUME2(Comma)), this.SUBRULE2(this.dependency)));
          },
        },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.cost));
            this.value(this.CONSUME(NumberLiteral));
            this.OPTION(() => this.value(this.CONSUME(StringLiteral)));
          },
        },
        { ALT: () => (this.eat(this.CONSUME(KW.budget)), this.value(this.CONSUME2(NumberLiteral))) },
        { ALT: () => (this.eat(this.CONSUME(KW.done)), this.value(this.CONSUME(PercentLike))) },
        { ALT: () => (this.eat(this.CONSUME(KW.started)), this.value(this.CONSUME(DateLiteral))) },
        { ALT: () => (this.eat(this.CONSUME(KW.finished)), this.value(this.CONSUME2(DateLiteral))) },
        { ALT: () => (this.eat(this.CONSUME(KW.spent)), this.value(this.CONSUME3(NumberLiteral))) },
        { ALT: () => (this.eat(this.CONSUME(KW.note)), this.value(this.CONSUME2(StringLiteral))) },
        { ALT: () => (this.eat(this.CONSUME(KW.priority)), this.value(this.CONSUME4(NumberLiteral))) },
        { ALT: () => (this.eat(this.CONSUME(KW.calendar)), this.SUBRULE(this.calendarRef)) },
        // Constraints: the kind is known once its last word is there (the date may still be missing).
        {
          ALT: () => {
            this.word(this.CONSUME(KW.start));
            this.OR2((this.alts.taskFieldOR2 ??= {
              DEF: [
                {
                  ALT: () => {
                    this.word(this.CONSUME(KW.no));
                    this.word(this.CONSUME(KW.earlier));
                    if (this.word(this.CONSUME(KW.than))) this.clause.constraint = "startNoEarlierThan";
                  },
                },
                {
                  ALT: () => {
                    if (this.word(this.CONSUME(KW.on))) this.clause.constraint = "startOn";
                  },
                },
              ],
              ERR_MSG: "`no earlier than` or `on`",
            }));
            this.value(this.CONSUME3(DateLiteral));
          },
        },
        {
          ALT: () => {
            this.word(this.CONSUME(KW.finish));
            this.word(this.CONSUME2(KW.no));
            this.word(this.CONSUME(KW.later));
            if (this.word(this.CONSUME2(KW.than))) this.clause.constraint = "finishNoLaterThan";
            this.value(this.CONSUME4(DateLiteral));
          },
        },
        {
          ALT: () => {
            this.word(this.CONSUME(KW.as));
            this.word(this.CONSUME(KW.late));
            const as = this.word(this.CONSUME2(KW.as));
            if (this.word(this.CONSUME(KW.possible)) && as) this.clause.constraint = "asLateAsPossible";
          },
        },
        { ALT: () => (this.eat(this.CONSUME(KW.deadline)), this.value(this.CONSUME5(DateLiteral))) },
      ]));
    } finally {
      if (this.live) this.b.taskField(this.task!, this.log!, this.consumed[mark]!, this.rangeOf(mark), c, this.take(this.refs, refs));
    }
  });

  /** `dev` or `dev 50%` */
  assignment = this.RULE("assignment", () => {
    const mark = this.consumed.length;
    const refs = this.refs.length;
    let share: IToken | undefined;
    try {
      this.SUBRULE(this.resourceRef);
      this.OPTION(() => {
        share = this.eat(this.CONSUME(PercentLike));
      });
    } finally {
      if (this.live) {
        const a = this.b.assignment(this.takeFirst(this.refs, refs), share, this.rangeFrom(mark)!);
        if (a) this.task!.assignments = append(this.task!.assignments, a);
      }
    }
  });

  /** `a`, `a SS`, `a FF -1d`, `b +2ed` */
  dependency = this.RULE("dependency", () => {
    const mark = this.consumed.length;
    const refs = this.refs.length;
    let type: IToken | undefined;
    let sign: IToken | undefined;
    let lag: IToken | undefined;
    try {
      this.SUBRULE(this.taskRef);
      type = this.OPTION(() =>
        this.eat(
          this.OR((this.alts.dependencyOR ??= [
            { ALT: () => this.CONSUME(KW.FS) },
            { ALT: () => this.CONSUME(KW.SS) },
            { ALT: () => this.CONSUME(KW.FF) },
            { ALT: () => this.CONSUME(KW.SF) },
          ])),
        ),
      );
      this.OPTION2(() => {
        sign = this.eat(this.OR2((this.alts.dependencyOR2 ??= [{ ALT: () => this.CONSUME(Plus) }, { ALT: () => this.CONSUME(Minus) }])));
        lag = this.eat(this.CONSUME(DurationLike));
      });
    } finally {
      if (this.live) {
        const d = this.b.dependency(this.takeFirst(this.refs, refs), type, sign, lag, this.rangeFrom(mark)!);
        if (d) this.task!.deps = append(this.task!.deps, d);
      }
    }
  });

  riskDecl = this.RULE("riskDecl", () => {
    const mark = this.consumed.length;
    const kw = this.CONSUME(KW.risk);
    this.eat(kw);
    const h = this.header(true, true);
    let r: ast.Risk | undefined;
    if (this.live) {
      const id = this.b.declId(h.id, "risk");
      r = {
        id,
        name: this.b.string(h.name),
        probability: undefined,
        costImpact: undefined,
        scheduleImpact: undefined,
        affects: [],
        owner: undefined,
        mitigation: undefined,
        status: undefined,
        range: undefined!,
      };
      this.declarations.risks.push(r);
      this.risk = r;
      this.log = this.b.log("risk", kw, id);
    }
    try {
      this.block(h, "risk", kw, () => this.SUBRULE(this.riskField));
    } finally {
      if (r && this.live) {
        r.range = this.rangeOf(mark);
        this.checkId(h, "risk");
      }
    }
  });

  riskField = this.RULE("riskField", () => {
    const mark = this.consumed.length;
    const refs = this.refs.length;
    const c = (this.clause = newClause());
    try {
      this.OR((this.alts.riskFieldOR ??= [
        { ALT: () => (this.eat(this.CONSUME(KW.probability)), this.value(this.CONSUME(PercentLike))) },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.impact));
            this.OR2((this.alts.riskFieldOR2 ??= [
              {
                ALT: () => {
                  this.value(this.CONSUME(NumberLiteral));
                  this.OPTION(() => (this.eat(this.CONSUME(Comma)), this.value(this.CONSUME(DurationLike))));
                },
              },
              { ALT: () => this.value(this.CONSUME(DurationLiteral)) },
            ]));
          },
        },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.affects));
            this.SUBRULE(this.taskRef);
            this.MANY(() => (this.eat(this.CONSUME2(Comma)), this.SUBRULE2(this.taskRef)));
          },
        },
        { ALT: () => (this.eat(this.CONSUME(KW.owner)), this.SUBRULE(this.resourceRef)) },
        { ALT: () => (this.eat(this.CONSUME(KW.mitigation)), this.value(this.CONSUME(StringLiteral))) },
        {
          ALT: () => {
            this.eat(this.CONSUME(KW.status));
            this.value(
              this.OR3((this.alts.riskFieldOR3 ??= {
                DEF: [
                  { ALT: () => this.CONSUME(KW.open) },
                  { ALT: () => this.CONSUME(KW.mitigated) },
                  { ALT: () => this.CONSUME(KW.closed) },
                  { ALT: () => this.CONSUME(KW.occurred) },
                ],
                ERR_MSG: "`open`, `mitigated`, `closed` or `occurred`",
              })),
            );
          },
        },
      ]));
    } finally {
      if (this.live) this.b.riskField(this.risk!, this.log!, this.consumed[mark]!, c, this.take(this.refs, refs));
    }
  });

  // Three reference rules with one shape, so completion and messages know the kind of name.
  taskRef = this.RULE("taskRef", () => this.dotted());
  resourceRef = this.RULE("resourceRef", () => this.dotted());
  calendarRef = this.RULE("calendarRef", () => this.dotted());

  /** `a.b.c`: pushes the reference (of its real segments) on `refs`. */
  private dotted(): void {
    const base = this.segments.length;
    try {
      this.segment(this.CONSUME(Identifier));
      this.MANY((this.dottedTail ??= () => (this.eat(this.CONSUME(Dot)), this.segment(this.CONSUME2(Identifier)))));
    } finally {
      if (this.live) this.refs.push(this.b.ref(this.take(this.segments, base)));
    }
  }

  private segment(t: IToken): void {
    const s = this.eat(t);
    if (s) this.segments.push(this.b.ident(s)!);
  }
}

/** Freezes a task's lists once it is complete (the shared empty one already is). */
function freezeLists(...lists: unknown[][]): void {
  for (const list of lists) if (list !== EMPTY) Object.freeze(list);
}

function newClause(): Clause {
  return { values: [], lastWord: undefined, constraint: undefined };
}

function noDeclarations(): Declarations {
  return { imports: [], projects: [], calendars: [], resources: [], tasks: [], risks: [] };
}

/** The distinct first token types of some token paths. */
function firstTokens(paths: TokenType[][]): TokenType[] {
  return [...new Set(paths.map((p) => p[0]).filter((t): t is TokenType => t !== undefined))];
}

export const REF_KIND_OF_RULE: Record<string, "task" | "resource" | "calendar"> = {
  taskRef: "task",
  resourceRef: "resource",
  calendarRef: "calendar",
};

/** What the recovery overrides use of Chevrotain's recognizer (not in its typings). */
interface Internals {
  /** The depth of the rule being parsed: 0 in `document`. */
  RULE_STACK_IDX: number;
  /** The token types that may follow a rule on the stack. */
  flattenFollowSet(): TokenType[];
  exportLexerState(): number;
  importLexerState(state: number): void;
  SKIP_TOKEN(): IToken;
  SAVE_ERROR(error: Error): void;
  getCurrRuleFullName(): string;
}

/** The one parser of the process (Chevrotain parsers are built once, then fed tokens). */
export const parser = new PlanParser();
