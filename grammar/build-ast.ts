// AST construction for the parser's embedded actions: each rule collects its tokens and
// hands them here when it ends, normally or not (see grammar/parser.ts). Literals are
// checked on the way (dates, times, units) and fields given twice are noted. Recovery may
// leave any token missing, or insert one (no text, NaN offsets): the parser passes neither,
// and both become `undefined`, never a guess. Nodes are frozen as they are made (a task
// when its rule ends, see grammar/parser.ts), so the analysis's deep freeze skips them.
import type { IToken } from "chevrotain";
import type * as ast from "../core/ast";
import type { Diagnostic } from "../core/diagnostics";
import { BadUnit, DurationLiteral, Identifier, keywordOf, Minus, NumberLiteral, PercentLiteral, RateLiteral, UnterminatedString } from "./lexer";
import * as msg from "./messages";
import type { BlockKind, OpenBlock } from "./parser";
import { SourceRange, spanRange, tokenRange, tokenSpan } from "./ranges";

/** The value tokens of one field clause, as its rule collected them (its keyword is its first token). */
export interface Clause {
  /** One per value position of the clause, in order; undefined where recovery left none. */
  values: (IToken | undefined)[];
  /** The last real word of a multi-word keyword (`start no earlier than`). */
  lastWord: IToken | undefined;
  /** The constraint the words spell, once complete. */
  constraint: ast.ConstraintKind | undefined;
}

/** A `09:00-12:00` as parsed, checked only when its field counts (not a repeat). */
export interface RawTimeRange {
  from: IToken | undefined;
  to: IToken | undefined;
  range: ast.Range | undefined;
}

export type WeekdayItem = ast.Weekdays["items"][number];

const TIME = /^(\d\d):(\d\d)$/;

/** Fields that may appear more than once in their block. */
const REPEATABLE = new Set([
  "after",
  "assign",
  "cost",
  "note",
  "start no earlier than",
  "start on",
  "finish no later than",
  "as late as possible",
  "off",
  "holiday",
  "affects",
  // incomplete constraints (already a syntax error)
  "start",
  "finish",
  "as",
]);

/**
 * `list` with `x` added: a new array in place of the shared empty one (`EMPTY`), and in
 * place of a short one. A push on a full array grows it to half as much again plus 16
 * slots: a task's two links or four fields would keep 17 slots (152 bytes) for as long
 * as the plan is open. A long list (a phase's children) grows by push.
 */
export function append<T>(list: T[], x: T): T[] {
  // Literals for the usual lengths: `concat` (exact, where a spread also grows by push) is
  // a call into the runtime, several times slower before the JIT has compiled this.
  switch (list.length) {
    case 0:
      return [x];
    case 1:
      return [list[0]!, x];
    case 2:
      return [list[0]!, list[1]!, x];
  }
  if (list.length < SHORT_LIST) return list.concat([x]);
  list.push(x);
  return list;
}

const SHORT_LIST = 16;

/** Tracks the fields of one block to report repeats (GANTRY108). */
export class FieldLog {
  // Blocks hold a handful of fields: a flat list beats a Map (no allocation per field).
  private readonly seen: { keyword: string; range: ast.Range }[] = [];
  constructor(
    private readonly b: AstBuilder,
    private readonly where: OpenBlock,
  ) {}

  /** Records a field (`kw`: its first word); false when it repeats a field that may be given only once. */
  first(keyword: string, range: ast.Range): boolean {
    const first = this.seen.find((f) => f.keyword === keyword)?.range;
    if (first === undefined) {
      this.seen.push({ keyword, range });
      return true;
    }
    if (REPEATABLE.has(keyword)) return true;
    this.b.diagnostics.push(msg.fieldTwice(this.b.uri, range, keyword, this.where, first));
    return false;
  }
}

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly uri: string) {}

  // ---- declarations ----

  /**
   * A declaration's identifier (`id`: the identifier or keyword written in its place). A
   * keyword is reported and kept (the user wrote it).
   */
  declId(id: IToken | undefined, kind: BlockKind): ast.Ident | undefined {
    if (id && id.tokenType !== Identifier) {
      this.diagnostics.push(msg.keywordAsIdentifier(this.uri, tokenRange(id), id.image, kind));
    }
    return this.ident(id);
  }

  /** Reports a missing identifier once the rest of the header (`next`: name or `{`) is there. */
  missingId(next: IToken | undefined, kind: BlockKind): void {
    if (next) this.diagnostics.push(msg.missingIdentifier(this.uri, tokenRange(next), kind));
  }

  log(kind: BlockKind, keyword: IToken, id: ast.Ident | undefined): FieldLog {
    return new FieldLog(this, { kind, id: id?.text, line: keyword.startLine! - 1 });
  }

  // ---- fields (`kw`: the clause's keyword; `refs`, `days`, …: what its subrules parsed, in order) ----

  projectField(p: ast.Project, log: FieldLog, kw: IToken, c: Clause, refs: (ast.Ref | undefined)[]): void {
    const word = keywordOf.get(kw.tokenType)!;
    if (!log.first(word, tokenRange(kw))) return;
    const v = c.values[0];
    if (word === "start") p.start = this.date(v);
    else if (word === "currency") p.currency = this.ident(v);
    else if (word === "budget") p.budget = this.number(v);
    else if (word === "calendar") p.calendar = refs[0];
    else if (word === "status") p.status = this.date(v);
    else if (word === "leveling") p.leveling = this.ident(v);
  }

  calendarField(cal: ast.Calendar, log: FieldLog, kw: IToken, range: ast.Range, c: Clause, days: (WeekdayItem | undefined)[], times: RawTimeRange[], dates: (ast.DateRangeLit | undefined)[]): void {
    const word = keywordOf.get(kw.tokenType)!;
    if (!log.first(word, tokenRange(kw))) return;
    if (word === "workweek") {
      const items = days.filter((d): d is WeekdayItem => d !== undefined);
      const first = items[0];
      if (first) cal.workweek = { items, range: spanRange(first.range, items[items.length - 1]!.range) };
    } else if (word === "hours") {
      cal.hours = times.flatMap((t) => this.timeRange(t) ?? []);
    } else if (word === "holiday") {
      cal.holidays.push({ dates: dates[0], name: this.string(c.values[0]), range });
    }
  }

  resourceField(r: ast.Resource, log: FieldLog, kw: IToken, c: Clause, refs: (ast.Ref | undefined)[], dates: (ast.DateRangeLit | undefined)[]): void {
    const word = keywordOf.get(kw.tokenType)!;
    if (!log.first(word, tokenRange(kw))) return;
    const v = c.values[0];
    if (word === "role") r.role = this.string(v);
    else if (word === "rate") r.rate = this.rate(v);
    else if (word === "units") r.units = v?.tokenType === NumberLiteral ? this.number(v) : this.percent(v);
    else if (word === "off") {
      if (dates[0]) r.off.push(dates[0]);
    } else if (word === "calendar") r.calendar = refs[0];
    else if (word === "kind") r.kind = this.ident(v);
  }

  /** A task field; its assignments and links are added by their own rules. */
  taskField(t: ast.Task, log: FieldLog, kw: IToken, range: ast.Range, c: Clause, refs: (ast.Ref | undefined)[]): void {
    const word = keywordOf.get(kw.tokenType)!;
    const constraint = c.constraint;
    const keyword = constraint ? CONSTRAINT_KEYWORDS[constraint] : word;
    const at = constraint ? tokenSpan(kw, c.lastWord!) : tokenRange(kw);
    t.fields = append(t.fields, Object.freeze({ keyword, range: at, clause: range }));
    if (!log.first(keyword, at)) return;
    const [v, v2, v3] = c.values;
    switch (word) {
      case "duration":
        t.duration = this.duration(v);
        break;
      case "effort":
        t.effort = this.duration(v);
        break;
      case "estimate": {
        const o = this.duration(v);
        const m = this.duration(v2);
        const p = this.duration(v3);
        if (o && m && p) t.estimate = Object.freeze({ optimistic: o, likely: m, pessimistic: p, range: spanRange(o.range, p.range) });
        break;
      }
      case "cost": {
        const amount = this.number(v);
        if (amount) t.costs = append(t.costs, Object.freeze({ amount, category: this.string(v2), range }));
        break;
      }
      case "budget":
        t.budget = this.number(v);
        break;
      case "done":
        t.done = this.percent(v);
        break;
      case "started":
        t.started = this.date(v);
        break;
      case "finished":
        t.finished = this.date(v);
        break;
      case "spent":
        t.spent = this.number(v);
        break;
      case "note": {
        const note = this.string(v);
        if (note) t.notes = append(t.notes, note);
        break;
      }
      case "priority":
        t.priority = this.number(v);
        break;
      case "calendar":
        t.calendar = refs[0];
        break;
      case "deadline":
        t.deadline = this.date(v);
        break;
      default:
        if (constraint) {
          const date = constraint === "asLateAsPossible" ? undefined : this.date(v);
          t.constraints = append(t.constraints, Object.freeze({ kind: constraint, date, range }));
        }
    }
  }

  /** `dev 50%` (`assign` may repeat, so it is always taken). */
  assignment(resource: ast.Ref | undefined, share: IToken | undefined, range: ast.Range): ast.Assignment | undefined {
    return resource && Object.freeze({ resource, share: this.percent(share), range });
  }

  /** `a SS +2d` (`after` may repeat, so it is always taken). */
  dependency(target: ast.Ref | undefined, typeTok: IToken | undefined, sign: IToken | undefined, lag: IToken | undefined, range: ast.Range): ast.Dependency | undefined {
    if (!target) return undefined;
    return Object.freeze({
      target,
      type: (typeTok?.image as ast.LinkType | undefined) ?? "FS",
      typeNode: this.ident(typeTok),
      lag: sign ? this.duration(lag) : undefined,
      negative: sign?.tokenType === Minus,
      range,
    });
  }

  riskField(r: ast.Risk, log: FieldLog, kw: IToken, c: Clause, refs: (ast.Ref | undefined)[]): void {
    const word = keywordOf.get(kw.tokenType)!;
    if (!log.first(word, tokenRange(kw))) return;
    const [v, v2] = c.values;
    if (word === "probability") r.probability = this.percent(v);
    else if (word === "impact") {
      // `impact 5000, 3d` or `impact 3d`
      const amount = v?.tokenType === NumberLiteral;
      r.costImpact = amount ? this.number(v) : undefined;
      r.scheduleImpact = this.duration(amount ? v2 : v);
    } else if (word === "affects") {
      for (const ref of refs) if (ref) r.affects.push(ref);
    } else if (word === "owner") r.owner = refs[0];
    else if (word === "mitigation") r.mitigation = this.string(v);
    else if (word === "status") r.status = this.ident(v);
  }

  // ---- literals ----

  ident(t: IToken | undefined): ast.Ident | undefined {
    return t && Object.freeze({ text: t.image, range: tokenRange(t) });
  }

  /** A dotted reference from its real segments. */
  ref(segments: ast.Ident[]): ast.Ref | undefined {
    const first = segments[0];
    if (!first) return undefined;
    const range = segments.length === 1 ? first.range : spanRange(first.range, segments[segments.length - 1]!.range);
    return Object.freeze({ segments: Object.freeze(segments) as ast.Ident[], range });
  }

  string(t: IToken | undefined): ast.StringLit | undefined {
    if (!t) return undefined;
    const body = t.tokenType === UnterminatedString ? t.image.slice(1) : t.image.slice(1, -1);
    return Object.freeze({ value: body.includes("\\") ? body.replace(/\\(["\\])/g, "$1") : body, range: tokenRange(t) });
  }

  number(t: IToken | undefined): ast.NumberLit | undefined {
    return t && Object.freeze({ value: Number(t.image), text: t.image, range: tokenRange(t) });
  }

  date(t: IToken | undefined): ast.DateLit | undefined {
    if (!t) return undefined;
    const text = t.image;
    const year = Number(text.slice(0, 4));
    const month = Number(text.slice(5, 7));
    const day = Number(text.slice(8, 10));
    const range = tokenRange(t);
    if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
      this.diagnostics.push(msg.invalidDate(this.uri, range, text, year, month));
    }
    return Object.freeze({ text, year, month, day, range });
  }

  dateRange(fromTok: IToken | undefined, toTok: IToken | undefined, range: ast.Range | undefined): ast.DateRangeLit | undefined {
    const from = this.date(fromTok);
    if (!from) return undefined;
    const to = this.date(toTok);
    // A range holds at least its first (real) date.
    if (to && to.text < from.text) this.diagnostics.push(msg.reversedDates(this.uri, range!, from.text, to.text));
    return Object.freeze({ from, to, range: range! });
  }

  private timeRange({ from, to, range }: RawTimeRange): ast.TimeRangeLit | undefined {
    if (!from || !to) return undefined;
    const a = this.minutes(from, false);
    const b = this.minutes(to, true);
    if (a === undefined || b === undefined) return undefined;
    if (b <= a) this.diagnostics.push(msg.reversedTimes(this.uri, range!, from.image, to.image));
    return Object.freeze({ from: from.image, to: to.image, range: range! });
  }

  /** Minutes since midnight of an `HH:MM` token; `24:00` only as an end. */
  private minutes(t: IToken, end: boolean): number | undefined {
    const m = TIME.exec(t.image);
    const h = Number(m?.[1]);
    const min = Number(m?.[2]);
    if (!m || min > 59 || h > 24 || (h === 24 && (min > 0 || !end))) {
      this.diagnostics.push(msg.invalidTime(this.uri, tokenRange(t), t.image));
      return undefined;
    }
    return h * 60 + min;
  }

  private duration(t: IToken | undefined): ast.DurationLit | undefined {
    if (!t) return undefined;
    if (t.tokenType === DurationLiteral) {
      // The lexer guarantees digits, an optional `e`, then mo|h|d|w.
      const text = t.image;
      const unitLen = text.endsWith("mo") ? 2 : 1;
      const elapsed = text[text.length - unitLen - 1] === "e";
      const value = Number(text.slice(0, text.length - unitLen - (elapsed ? 1 : 0)));
      return Object.freeze({ value, unit: text.slice(text.length - unitLen) as ast.DurationUnit, elapsed, text, range: tokenRange(t) });
    }
    if (t.tokenType === NumberLiteral) this.diagnostics.push(msg.numberWithoutUnit(this.uri, t, "duration"));
    else if (t.tokenType === BadUnit) this.diagnostics.push(msg.unknownUnit(this.uri, t));
    return undefined;
  }

  private percent(t: IToken | undefined): ast.PercentLit | undefined {
    if (!t) return undefined;
    if (t.tokenType === PercentLiteral) return Object.freeze({ value: Number(t.image.slice(0, -1)), range: tokenRange(t) });
    this.diagnostics.push(msg.numberWithoutUnit(this.uri, t, "percent"));
    return undefined;
  }

  private rate(t: IToken | undefined): ast.RateLit | undefined {
    if (!t) return undefined;
    if (t.tokenType !== RateLiteral) {
      this.diagnostics.push(msg.numberWithoutUnit(this.uri, t, "rate"));
      return undefined;
    }
    const slash = t.image.indexOf("/");
    const range = tokenRange(t);
    const text = t.image.slice(0, slash);
    const { line, col } = range.start;
    const amount = Object.freeze({ value: Number(text), text, range: new SourceRange(line, col, line, col + slash) });
    return Object.freeze({ amount, per: t.image[slash + 1] as "h" | "d", range });
  }
}

const CONSTRAINT_KEYWORDS: Record<ast.ConstraintKind, string> = {
  startNoEarlierThan: "start no earlier than",
  finishNoLaterThan: "finish no later than",
  startOn: "start on",
  asLateAsPossible: "as late as possible",
};
