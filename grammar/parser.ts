// The grammar of docs/language.md as a Chevrotain CstParser. One rule per declaration
// and one per field list, so error recovery re-synchronises at the next field or the next
// declaration instead of dropping the rest of a block. `scripts/gen-grammar.mjs` turns
// these rules into grammar/cst.d.ts (typed CST) and docs/grammar.html (railroad diagrams).
import { CstParser, EOF, type IOrAlt, type IToken, type OrMethodOpts, type TokenType } from "chevrotain";
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

export class PlanParser extends CstParser {
  /** Blocks open at the current point of the parse, innermost last. */
  private blocks: OpenBlock[] = [];
  /** Error details by index; each error's message is `#<index>`. */
  records: ErrorRecord[] = [];
  /** Errors allowed before the parse gives up (see TooManyErrors). */
  private maxErrors = Infinity;
  /**
   * Each OR's alternatives, built on its first call instead of on every call (Chevrotain's
   * advice for hot rules: the arrays and closures were a large share of the parse's
   * garbage). They must not close over a rule's locals, which would be the first call's.
   */
  // `any`: each OR infers its own result type from its alternatives.
  private readonly alts: Partial<Record<string, IOrAlt<any>[] | OrMethodOpts<any>>> = {};

  constructor(validate = false) {
    super(allTokens, {
      recoveryEnabled: true,
      nodeLocationTracking: "onlyOffset",
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

  /** Starts a fresh parse of `tokens`. */
  start(tokens: IToken[], maxErrors = Infinity): void {
    this.input = tokens;
    this.blocks = [];
    this.records = [];
    this.maxErrors = maxErrors;
  }

  /** Drops the last input: the one shared parser would otherwise keep every token alive. */
  release(): void {
    this.input = [];
    this.records = [];
  }

  private record(
    kind: ErrorRecord["kind"],
    expected: TokenType[],
    actual: IToken,
    previous: IToken | undefined,
    rule: string,
    custom?: string,
  ): string {
    if (this.records.length >= this.maxErrors) throw new TooManyErrors(actual);
    this.records.push({ kind, expected, actual, previous, rule, custom, block: this.blocks[this.blocks.length - 1] });
    return `#${this.records.length - 1}`;
  }

  /** Runs `body` with a block pushed on the open-block stack (for error messages). */
  private inBlock(kind: BlockKind, keyword: IToken, id: IToken | undefined, body: () => void): void {
    this.ACTION(() => this.blocks.push({ kind, id: id?.image || undefined, line: keyword.startLine! - 1 }));
    try {
      body();
    } finally {
      this.ACTION(() => this.blocks.pop());
    }
  }

  /**
   * The identifier of a declaration. Optional here, and a keyword is taken too, so a
   * missing or reserved name (`task import`) costs one precise error from the AST builder
   * instead of the whole block. Uses OPTION9/OR9, free in every declaration rule.
   */
  private declId(): IToken | undefined {
    return this.OPTION9(() => this.OR9((this.alts.declIdOR9 ??= [{ ALT: () => this.CONSUME9(Identifier) }, { ALT: () => this.CONSUME9(Keyword) }])));
  }

  /** `{ item* }` */
  private block(item: () => void): void {
    this.CONSUME(LCurly);
    this.MANY(item);
    this.CONSUME(RCurly);
  }

  document = this.RULE("document", () => {
    this.MANY(() =>
      this.OR((this.alts.documentOR ??= [
        { ALT: () => this.SUBRULE(this.taskDecl) },
        { ALT: () => this.SUBRULE(this.resourceDecl) },
        { ALT: () => this.SUBRULE(this.calendarDecl) },
        { ALT: () => this.SUBRULE(this.riskDecl) },
        { ALT: () => this.SUBRULE(this.projectDecl) },
        { ALT: () => this.SUBRULE(this.importDecl) },
      ])),
    );
  });

  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(KW.import);
    this.CONSUME(StringLiteral);
  });

  projectDecl = this.RULE("projectDecl", () => {
    const kw = this.CONSUME(KW.project);
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.inBlock("project", kw, undefined, () => this.block(() => this.SUBRULE(this.projectField)));
  });

  projectField = this.RULE("projectField", () => {
    this.OR((this.alts.projectFieldOR ??= [
      { ALT: () => (this.CONSUME(KW.start), this.CONSUME(DateLiteral)) },
      { ALT: () => (this.CONSUME(KW.currency), this.CONSUME(Identifier)) },
      { ALT: () => (this.CONSUME(KW.budget), this.CONSUME(NumberLiteral)) },
      { ALT: () => (this.CONSUME(KW.calendar), this.SUBRULE(this.calendarRef)) },
      { ALT: () => (this.CONSUME(KW.status), this.CONSUME2(DateLiteral)) },
      {
        ALT: () => {
          this.CONSUME(KW.leveling);
          this.OR2((this.alts.projectFieldOR2 ??= {
            DEF: [{ ALT: () => this.CONSUME(KW.on) }, { ALT: () => this.CONSUME(KW.off) }],
            ERR_MSG: "`on` or `off`",
          }));
        },
      },
    ]));
  });

  calendarDecl = this.RULE("calendarDecl", () => {
    const kw = this.CONSUME(KW.calendar);
    const id = this.declId();
    this.inBlock("calendar", kw, id, () => this.block(() => this.SUBRULE(this.calendarField)));
  });

  calendarField = this.RULE("calendarField", () => {
    this.OR((this.alts.calendarFieldOR ??= [
      {
        ALT: () => {
          this.CONSUME(KW.workweek);
          this.SUBRULE(this.dayRange);
          this.MANY(() => (this.CONSUME(Comma), this.SUBRULE2(this.dayRange)));
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.hours);
          this.SUBRULE(this.timeRange);
          this.MANY2(() => (this.CONSUME2(Comma), this.SUBRULE2(this.timeRange)));
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.holiday);
          this.SUBRULE(this.dateRange);
          this.OPTION(() => this.CONSUME(StringLiteral));
        },
      },
    ]));
  });

  /** `mon` or `mon-fri` */
  dayRange = this.RULE("dayRange", () => {
    this.CONSUME(Identifier);
    this.OPTION(() => (this.CONSUME(Minus), this.CONSUME2(Identifier)));
  });

  /** `09:00-12:00` */
  timeRange = this.RULE("timeRange", () => {
    this.CONSUME(TimeLiteral);
    this.CONSUME(Minus);
    this.CONSUME2(TimeLiteral);
  });

  /** `2027-02-08` or `2027-02-08..2027-02-12` */
  dateRange = this.RULE("dateRange", () => {
    this.CONSUME(DateLiteral);
    this.OPTION(() => (this.CONSUME(DotDot), this.CONSUME2(DateLiteral)));
  });

  resourceDecl = this.RULE("resourceDecl", () => {
    const kw = this.CONSUME(KW.resource);
    const id = this.declId();
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.inBlock("resource", kw, id, () => this.block(() => this.SUBRULE(this.resourceField)));
  });

  resourceField = this.RULE("resourceField", () => {
    this.OR((this.alts.resourceFieldOR ??= [
      { ALT: () => (this.CONSUME(KW.role), this.CONSUME(StringLiteral)) },
      { ALT: () => (this.CONSUME(KW.rate), this.CONSUME(RateLike)) },
      {
        ALT: () => {
          this.CONSUME(KW.units);
          this.OR2((this.alts.resourceFieldOR2 ??= {
            DEF: [{ ALT: () => this.CONSUME(NumberLiteral) }, { ALT: () => this.CONSUME(PercentLiteral) }],
            ERR_MSG: "a number or a percentage",
          }));
        },
      },
      { ALT: () => (this.CONSUME(KW.off), this.SUBRULE(this.dateRange)) },
      { ALT: () => (this.CONSUME(KW.calendar), this.SUBRULE(this.calendarRef)) },
      {
        ALT: () => {
          this.CONSUME(KW.kind);
          this.OR3((this.alts.resourceFieldOR3 ??= {
            DEF: [{ ALT: () => this.CONSUME(KW.person) }, { ALT: () => this.CONSUME(KW.vendor) }],
            ERR_MSG: "`person` or `vendor`",
          }));
        },
      },
    ]));
  });

  taskDecl = this.RULE("taskDecl", () => {
    const kw = this.OR((this.alts.taskDeclOR ??= [{ ALT: () => this.CONSUME(KW.task) }, { ALT: () => this.CONSUME(KW.milestone) }]));
    const kind: BlockKind = kw.tokenType === KW.milestone ? "milestone" : "task";
    const id = this.declId();
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.inBlock(kind, kw, id, () =>
      this.block(() =>
        this.OR2((this.alts.taskDeclOR2 ??= [{ ALT: () => this.SUBRULE(this.taskField) }, { ALT: () => this.SUBRULE(this.taskDecl) }])),
      ),
    );
  });

  taskField = this.RULE("taskField", () => {
    this.OR((this.alts.taskFieldOR ??= [
      { ALT: () => (this.CONSUME(KW.duration), this.CONSUME(DurationLike)) },
      { ALT: () => (this.CONSUME(KW.effort), this.CONSUME2(DurationLike)) },
      {
        ALT: () => {
          this.CONSUME(KW.estimate);
          this.CONSUME3(DurationLike);
          this.CONSUME(DotDot);
          this.CONSUME4(DurationLike);
          this.CONSUME2(DotDot);
          this.CONSUME5(DurationLike);
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.assign);
          this.SUBRULE(this.assignment);
          this.MANY(() => (this.CONSUME(Comma), this.SUBRULE2(this.assignment)));
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.after);
          this.SUBRULE(this.dependency);
          this.MANY2(() => (this.CONSUME2(Comma), this.SUBRULE2(this.dependency)));
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.cost);
          this.CONSUME(NumberLiteral);
          this.OPTION(() => this.CONSUME(StringLiteral));
        },
      },
      { ALT: () => (this.CONSUME(KW.budget), this.CONSUME2(NumberLiteral)) },
      { ALT: () => (this.CONSUME(KW.done), this.CONSUME(PercentLike)) },
      { ALT: () => (this.CONSUME(KW.started), this.CONSUME(DateLiteral)) },
      { ALT: () => (this.CONSUME(KW.finished), this.CONSUME2(DateLiteral)) },
      { ALT: () => (this.CONSUME(KW.spent), this.CONSUME3(NumberLiteral)) },
      { ALT: () => (this.CONSUME(KW.note), this.CONSUME2(StringLiteral)) },
      { ALT: () => (this.CONSUME(KW.priority), this.CONSUME4(NumberLiteral)) },
      { ALT: () => (this.CONSUME(KW.calendar), this.SUBRULE(this.calendarRef)) },
      {
        ALT: () => {
          this.CONSUME(KW.start);
          this.OR2((this.alts.taskFieldOR2 ??= {
            DEF: [
              { ALT: () => (this.CONSUME(KW.no), this.CONSUME(KW.earlier), this.CONSUME(KW.than)) },
              { ALT: () => this.CONSUME(KW.on) },
            ],
            ERR_MSG: "`no earlier than` or `on`",
          }));
          this.CONSUME3(DateLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.finish);
          this.CONSUME2(KW.no);
          this.CONSUME(KW.later);
          this.CONSUME2(KW.than);
          this.CONSUME4(DateLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.as);
          this.CONSUME(KW.late);
          this.CONSUME2(KW.as);
          this.CONSUME(KW.possible);
        },
      },
      { ALT: () => (this.CONSUME(KW.deadline), this.CONSUME5(DateLiteral)) },
    ]));
  });

  /** `dev` or `dev 50%` */
  assignment = this.RULE("assignment", () => {
    this.SUBRULE(this.resourceRef);
    this.OPTION(() => this.CONSUME(PercentLike));
  });

  /** `a`, `a SS`, `a FF -1d`, `b +2ed` */
  dependency = this.RULE("dependency", () => {
    this.SUBRULE(this.taskRef);
    this.OPTION(() =>
      this.OR((this.alts.dependencyOR ??= [
        { ALT: () => this.CONSUME(KW.FS) },
        { ALT: () => this.CONSUME(KW.SS) },
        { ALT: () => this.CONSUME(KW.FF) },
        { ALT: () => this.CONSUME(KW.SF) },
      ])),
    );
    this.OPTION2(() => {
      this.OR2((this.alts.dependencyOR2 ??= [{ ALT: () => this.CONSUME(Plus) }, { ALT: () => this.CONSUME(Minus) }]));
      this.CONSUME(DurationLike);
    });
  });

  riskDecl = this.RULE("riskDecl", () => {
    const kw = this.CONSUME(KW.risk);
    const id = this.declId();
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.inBlock("risk", kw, id, () => this.block(() => this.SUBRULE(this.riskField)));
  });

  riskField = this.RULE("riskField", () => {
    this.OR((this.alts.riskFieldOR ??= [
      { ALT: () => (this.CONSUME(KW.probability), this.CONSUME(PercentLike)) },
      {
        ALT: () => {
          this.CONSUME(KW.impact);
          this.OR2((this.alts.riskFieldOR2 ??= [
            {
              ALT: () => {
                this.CONSUME(NumberLiteral);
                this.OPTION(() => (this.CONSUME(Comma), this.CONSUME(DurationLike)));
              },
            },
            { ALT: () => this.CONSUME(DurationLiteral) },
          ]));
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.affects);
          this.SUBRULE(this.taskRef);
          this.MANY(() => (this.CONSUME2(Comma), this.SUBRULE2(this.taskRef)));
        },
      },
      { ALT: () => (this.CONSUME(KW.owner), this.SUBRULE(this.resourceRef)) },
      { ALT: () => (this.CONSUME(KW.mitigation), this.CONSUME(StringLiteral)) },
      {
        ALT: () => {
          this.CONSUME(KW.status);
          this.OR3((this.alts.riskFieldOR3 ??= {
            DEF: [
              { ALT: () => this.CONSUME(KW.open) },
              { ALT: () => this.CONSUME(KW.mitigated) },
              { ALT: () => this.CONSUME(KW.closed) },
              { ALT: () => this.CONSUME(KW.occurred) },
            ],
            ERR_MSG: "`open`, `mitigated`, `closed` or `occurred`",
          }));
        },
      },
    ]));
  });

  // Three reference rules with one shape, so completion and messages know the kind of name.
  taskRef = this.RULE("taskRef", () => this.dotted());
  resourceRef = this.RULE("resourceRef", () => this.dotted());
  calendarRef = this.RULE("calendarRef", () => this.dotted());

  private dotted(): void {
    this.CONSUME(Identifier);
    this.MANY(() => (this.CONSUME(Dot), this.CONSUME2(Identifier)));
  }
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

/** The one parser of the process (Chevrotain parsers are built once, then fed tokens). */
export const parser = new PlanParser();
