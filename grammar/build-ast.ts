// The CST visitor: turns the parser's concrete syntax tree (typed by the generated
// grammar/cst.d.ts) into the AST of core/ast.ts, checking literals on the way (dates,
// times, units) and noting fields given twice. Recovery may leave any child missing or
// hold tokens it inserted (no text, NaN offsets); both become `undefined`, never a guess.
import type { CstNode, IToken } from "chevrotain";
import type * as ast from "../core/ast";
import type { Diagnostic } from "../core/diagnostics";
import type * as cst from "./cst";
import { BadUnit, DurationLiteral, keywordOf, NumberLiteral, PercentLiteral, RateLiteral, UnterminatedString } from "./lexer";
import * as msg from "./messages";
import type { BlockKind, OpenBlock } from "./parser";
import { NodeRanges, spanRange, tokenRange, tokenSpan } from "./ranges";

type Tokens = IToken[] | undefined;
type DeclHeader = { Identifier?: IToken[]; Keyword?: IToken[]; StringLiteral?: IToken[]; LCurly?: IToken[] };

/** The i-th token of a CST child list, unless missing or inserted by recovery. */
function tok(list: Tokens, i = 0): IToken | undefined {
  const t = list?.[i];
  return t && !t.isInsertedInRecovery ? t : undefined;
}

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

/** Tracks the fields of one block to report repeats (GANTRY108). */
class FieldLog {
  // Blocks hold a handful of fields: a flat list beats a Map (no allocation per field).
  private readonly seen: { keyword: string; line: number }[] = [];
  constructor(
    private readonly b: AstBuilder,
    private readonly where: OpenBlock,
  ) {}

  /** Records a field; false when it repeats a field that may be given only once. */
  first(keyword: string, range: ast.Range): boolean {
    const line = this.seen.find((f) => f.keyword === keyword)?.line;
    if (line === undefined) {
      this.seen.push({ keyword, line: range.start.line });
      return true;
    }
    if (REPEATABLE.has(keyword)) return true;
    this.b.diagnostics.push(msg.fieldTwice(this.b.uri, range, keyword, this.where, line));
    return false;
  }
}

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly ranges: NodeRanges;
  constructor(
    readonly uri: string,
    tokens: IToken[],
  ) {
    this.ranges = new NodeRanges(tokens);
  }

  document(node: cst.DocumentCstNode, comments: IToken[], range: ast.Range): ast.Document {
    const c = node.children;
    const projects = (c.projectDecl ?? []).map((p) => this.project(p));
    return {
      uri: this.uri,
      imports: (c.importDecl ?? []).map((i) => ({ path: this.string(tok(i.children.StringLiteral)), range: this.range(i) })),
      project: projects[0],
      extraProjects: projects.slice(1),
      calendars: (c.calendarDecl ?? []).map((n) => this.calendar(n)),
      resources: (c.resourceDecl ?? []).map((n) => this.resource(n)),
      tasks: (c.taskDecl ?? []).map((n) => this.task(n)),
      risks: (c.riskDecl ?? []).map((n) => this.risk(n)),
      comments: comments.map((t) => ({ text: t.image, range: tokenRange(t) })),
      range,
    };
  }

  // ---- declarations ----

  private project(node: cst.ProjectDeclCstNode): ast.Project {
    const c = node.children;
    const keyword = tokenRange(c.Project[0]!);
    const p: ast.Project = {
      keyword: { range: keyword },
      name: this.string(tok(c.StringLiteral)),
      start: undefined,
      currency: undefined,
      budget: undefined,
      calendar: undefined,
      status: undefined,
      leveling: undefined,
      range: this.range(node),
    };
    const log = new FieldLog(this, { kind: "project", id: undefined, line: keyword.start.line });
    for (const f of c.projectField ?? []) {
      const fc = f.children;
      if (fc.Start) {
        if (log.first("start", tokenRange(fc.Start[0]!))) p.start = this.date(tok(fc.DateLiteral));
      } else if (fc.Currency) {
        if (log.first("currency", tokenRange(fc.Currency[0]!))) p.currency = this.ident(tok(fc.Identifier));
      } else if (fc.Budget) {
        if (log.first("budget", tokenRange(fc.Budget[0]!))) p.budget = this.number(tok(fc.NumberLiteral));
      } else if (fc.Calendar) {
        if (log.first("calendar", tokenRange(fc.Calendar[0]!))) p.calendar = this.ref(fc.calendarRef?.[0]);
      } else if (fc.Status) {
        if (log.first("status", tokenRange(fc.Status[0]!))) p.status = this.date(tok(fc.DateLiteral));
      } else if (fc.Leveling) {
        if (log.first("leveling", tokenRange(fc.Leveling[0]!))) p.leveling = this.ident(tok(fc.On) ?? tok(fc.Off));
      }
    }
    return p;
  }

  private calendar(node: cst.CalendarDeclCstNode): ast.Calendar {
    const c = node.children;
    const id = this.declId(c, "calendar");
    const cal: ast.Calendar = { id, workweek: undefined, hours: undefined, holidays: [], range: this.range(node) };
    const log = this.log("calendar", c.Calendar[0]!, id);
    for (const f of c.calendarField ?? []) {
      const fc = f.children;
      const fieldRange = this.range(f);
      if (fc.Workweek) {
        if (!log.first("workweek", tokenRange(fc.Workweek[0]!))) continue;
        const items = (fc.dayRange ?? []).flatMap((d) => {
          const from = this.ident(tok(d.children.Identifier));
          return from ? [{ from, to: this.ident(tok(d.children.Identifier, 1)), range: this.range(d) }] : [];
        });
        const first = items[0];
        if (first) cal.workweek = { items, range: spanRange(first.range, items[items.length - 1]!.range) };
      } else if (fc.Hours) {
        if (!log.first("hours", tokenRange(fc.Hours[0]!))) continue;
        cal.hours = (fc.timeRange ?? []).flatMap((t) => this.timeRange(t) ?? []);
      } else if (fc.Holiday) {
        log.first("holiday", tokenRange(fc.Holiday[0]!));
        cal.holidays.push({
          dates: this.dateRange(fc.dateRange?.[0]),
          name: this.string(tok(fc.StringLiteral)),
          range: fieldRange,
        });
      }
    }
    return cal;
  }

  private resource(node: cst.ResourceDeclCstNode): ast.Resource {
    const c = node.children;
    const id = this.declId(c, "resource");
    const r: ast.Resource = {
      id,
      name: this.string(tok(c.StringLiteral)),
      role: undefined,
      rate: undefined,
      units: undefined,
      off: [],
      calendar: undefined,
      kind: undefined,
      range: this.range(node),
    };
    const log = this.log("resource", c.Resource[0]!, id);
    for (const f of c.resourceField ?? []) {
      const fc = f.children;
      if (fc.Role) {
        if (log.first("role", tokenRange(fc.Role[0]!))) r.role = this.string(tok(fc.StringLiteral));
      } else if (fc.Rate) {
        if (log.first("rate", tokenRange(fc.Rate[0]!))) r.rate = this.rate(tok(fc.RateLike));
      } else if (fc.Units) {
        if (log.first("units", tokenRange(fc.Units[0]!))) r.units = this.number(tok(fc.NumberLiteral)) ?? this.percent(tok(fc.PercentLiteral));
      } else if (fc.Off) {
        log.first("off", tokenRange(fc.Off[0]!));
        const dates = this.dateRange(fc.dateRange?.[0]);
        if (dates) r.off.push(dates);
      } else if (fc.Calendar) {
        if (log.first("calendar", tokenRange(fc.Calendar[0]!))) r.calendar = this.ref(fc.calendarRef?.[0]);
      } else if (fc.Kind) {
        if (log.first("kind", tokenRange(fc.Kind[0]!))) r.kind = this.ident(tok(fc.Person) ?? tok(fc.Vendor));
      }
    }
    return r;
  }

  private task(node: cst.TaskDeclCstNode): ast.Task {
    const c = node.children;
    const kind = c.Milestone ? "milestone" : "task";
    const kwTok = (c.Task ?? c.Milestone)![0]!;
    const id = this.declId(c, kind);
    const lcurly = tok(c.LCurly);
    const rcurly = tok(c.RCurly);
    const range = this.range(node);
    const t: ast.Task = {
      kind,
      keyword: { range: tokenRange(kwTok) },
      id,
      name: this.string(tok(c.StringLiteral)),
      duration: undefined,
      effort: undefined,
      estimate: undefined,
      assignments: [],
      deps: [],
      costs: [],
      budget: undefined,
      done: undefined,
      started: undefined,
      finished: undefined,
      spent: undefined,
      notes: [],
      priority: undefined,
      calendar: undefined,
      constraints: [],
      deadline: undefined,
      children: [],
      body: lcurly ? spanRange(tokenRange(lcurly), rcurly ? tokenRange(rcurly) : range) : undefined,
      fields: [],
      range,
    };
    const log = this.log(kind, kwTok, id);
    for (const f of c.taskField ?? []) this.taskField(f, t, log);
    for (const child of c.taskDecl ?? []) t.children.push(this.task(child));
    return t;
  }

  private taskField(f: cst.TaskFieldCstNode, t: ast.Task, log: FieldLog): void {
    const fc = f.children;
    const kwTok = this.ranges.firstToken(f)!; // every field starts with its (real) keyword
    const word = keywordOf.get(kwTok.tokenType);
    const constraint = word === "start" || word === "finish" || word === "as" ? constraintOf(fc) : undefined;
    const keyword = constraint ? CONSTRAINT_KEYWORDS[constraint] : word!;
    const range = constraint ? this.keywords(fc) : tokenRange(kwTok);
    t.fields.push({ keyword, range, clause: this.range(f) });
    if (!log.first(keyword, range)) return;
    switch (word) {
      case "duration":
        t.duration = this.duration(tok(fc.DurationLike));
        break;
      case "effort":
        t.effort = this.duration(tok(fc.DurationLike));
        break;
      case "estimate": {
        const o = this.duration(tok(fc.DurationLike, 0));
        const m = this.duration(tok(fc.DurationLike, 1));
        const p = this.duration(tok(fc.DurationLike, 2));
        if (o && m && p) t.estimate = { optimistic: o, likely: m, pessimistic: p, range: spanRange(o.range, p.range) };
        break;
      }
      case "assign":
        for (const a of fc.assignment ?? []) {
          const resource = this.ref(a.children.resourceRef?.[0]);
          if (resource) t.assignments.push({ resource, share: this.percent(tok(a.children.PercentLike)), range: this.range(a) });
        }
        break;
      case "after":
        for (const d of fc.dependency ?? []) {
          const dep = this.dependency(d);
          if (dep) t.deps.push(dep);
        }
        break;
      case "cost": {
        const amount = this.number(tok(fc.NumberLiteral));
        if (amount) t.costs.push({ amount, category: this.string(tok(fc.StringLiteral)), range: this.range(f) });
        break;
      }
      case "budget":
        t.budget = this.number(tok(fc.NumberLiteral));
        break;
      case "done":
        t.done = this.percent(tok(fc.PercentLike));
        break;
      case "started":
        t.started = this.date(tok(fc.DateLiteral));
        break;
      case "finished":
        t.finished = this.date(tok(fc.DateLiteral));
        break;
      case "spent":
        t.spent = this.number(tok(fc.NumberLiteral));
        break;
      case "note": {
        const note = this.string(tok(fc.StringLiteral));
        if (note) t.notes.push(note);
        break;
      }
      case "priority":
        t.priority = this.number(tok(fc.NumberLiteral));
        break;
      case "calendar":
        t.calendar = this.ref(fc.calendarRef?.[0]);
        break;
      case "deadline":
        t.deadline = this.date(tok(fc.DateLiteral));
        break;
      default:
        if (constraint) {
          const date = constraint === "asLateAsPossible" ? undefined : this.date(tok(fc.DateLiteral));
          t.constraints.push({ kind: constraint, date, range: this.range(f) });
        }
    }
  }

  /** The range of a multi-word field keyword (`start no earlier than`), up to its last real word. */
  private keywords(fc: cst.TaskFieldCstChildren): ast.Range {
    const words = [fc.Start, fc.Finish, fc.As, fc.No, fc.Earlier, fc.Later, fc.Than, fc.On, fc.Late, fc.Possible]
      .flatMap((l) => l ?? [])
      .filter((t) => !t.isInsertedInRecovery)
      .sort((a, b) => a.startOffset - b.startOffset);
    return tokenSpan(words[0]!, words[words.length - 1]!);
  }

  private dependency(d: cst.DependencyCstNode): ast.Dependency | undefined {
    const c = d.children;
    const target = this.ref(c.taskRef?.[0]);
    if (!target) return undefined;
    const typeTok = tok(c.FS) ?? tok(c.SS) ?? tok(c.FF) ?? tok(c.SF);
    const sign = tok(c.Plus) ?? tok(c.Minus);
    return {
      target,
      type: (typeTok?.image as ast.LinkType | undefined) ?? "FS",
      typeNode: this.ident(typeTok),
      lag: sign ? this.duration(tok(c.DurationLike)) : undefined,
      negative: sign !== undefined && c.Minus !== undefined,
      range: this.range(d),
    };
  }

  private risk(node: cst.RiskDeclCstNode): ast.Risk {
    const c = node.children;
    const id = this.declId(c, "risk");
    const r: ast.Risk = {
      id,
      name: this.string(tok(c.StringLiteral)),
      probability: undefined,
      costImpact: undefined,
      scheduleImpact: undefined,
      affects: [],
      owner: undefined,
      mitigation: undefined,
      status: undefined,
      range: this.range(node),
    };
    const log = this.log("risk", c.Risk[0]!, id);
    for (const f of c.riskField ?? []) {
      const fc = f.children;
      if (fc.Probability) {
        if (log.first("probability", tokenRange(fc.Probability[0]!))) r.probability = this.percent(tok(fc.PercentLike));
      } else if (fc.Impact) {
        if (!log.first("impact", tokenRange(fc.Impact[0]!))) continue;
        r.costImpact = this.number(tok(fc.NumberLiteral));
        r.scheduleImpact = this.duration(tok(fc.DurationLike) ?? tok(fc.DurationLiteral));
      } else if (fc.Affects) {
        log.first("affects", tokenRange(fc.Affects[0]!));
        for (const n of fc.taskRef ?? []) {
          const ref = this.ref(n);
          if (ref) r.affects.push(ref);
        }
      } else if (fc.Owner) {
        if (log.first("owner", tokenRange(fc.Owner[0]!))) r.owner = this.ref(fc.resourceRef?.[0]);
      } else if (fc.Mitigation) {
        if (log.first("mitigation", tokenRange(fc.Mitigation[0]!))) r.mitigation = this.string(tok(fc.StringLiteral));
      } else if (fc.Status) {
        if (log.first("status", tokenRange(fc.Status[0]!)))
          r.status = this.ident(tok(fc.Open) ?? tok(fc.Mitigated) ?? tok(fc.Closed) ?? tok(fc.Occurred));
      }
    }
    return r;
  }

  /**
   * A declaration's identifier. A keyword in its place is reported and kept (the user
   * wrote it); a missing one is reported when the rest of the header is there.
   */
  private declId(c: DeclHeader, kind: BlockKind): ast.Ident | undefined {
    const id = tok(c.Identifier);
    if (id) return this.ident(id);
    const kw = tok(c.Keyword);
    if (kw) {
      this.diagnostics.push(msg.keywordAsIdentifier(this.uri, tokenRange(kw), kw.image, kind));
      return this.ident(kw);
    }
    const next = tok(c.StringLiteral) ?? tok(c.LCurly);
    if (next) this.diagnostics.push(msg.missingIdentifier(this.uri, tokenRange(next), kind));
    return undefined;
  }

  private log(kind: BlockKind, keyword: IToken, id: ast.Ident | undefined): FieldLog {
    return new FieldLog(this, { kind, id: id?.text, line: keyword.startLine! - 1 });
  }

  // ---- literals ----

  /** A node's range; a node always holds at least its first (real) token. */
  private range(node: CstNode): ast.Range {
    return this.ranges.of(node)!;
  }

  private ident(t: IToken | undefined): ast.Ident | undefined {
    return t && { text: t.image, range: tokenRange(t) };
  }

  private ref(node: cst.TaskRefCstNode | cst.ResourceRefCstNode | cst.CalendarRefCstNode | undefined): ast.Ref | undefined {
    const segments = (node?.children.Identifier ?? []).filter((t) => !t.isInsertedInRecovery).map((t) => this.ident(t)!);
    const first = segments[0];
    if (!first) return undefined;
    return { segments, range: segments.length === 1 ? first.range : spanRange(first.range, segments[segments.length - 1]!.range) };
  }

  private string(t: IToken | undefined): ast.StringLit | undefined {
    if (!t) return undefined;
    const body = t.tokenType === UnterminatedString ? t.image.slice(1) : t.image.slice(1, -1);
    return { value: body.includes("\\") ? body.replace(/\\(["\\])/g, "$1") : body, range: tokenRange(t) };
  }

  private number(t: IToken | undefined): ast.NumberLit | undefined {
    return t && { value: Number(t.image), text: t.image, range: tokenRange(t) };
  }

  private date(t: IToken | undefined): ast.DateLit | undefined {
    if (!t) return undefined;
    const text = t.image;
    const year = Number(text.slice(0, 4));
    const month = Number(text.slice(5, 7));
    const day = Number(text.slice(8, 10));
    const range = tokenRange(t);
    if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
      this.diagnostics.push(msg.invalidDate(this.uri, range, text, year, month));
    }
    return { text, year, month, day, range };
  }

  private dateRange(node: cst.DateRangeCstNode | undefined): ast.DateRangeLit | undefined {
    const from = node && this.date(tok(node.children.DateLiteral));
    if (!from) return undefined;
    const to = this.date(tok(node.children.DateLiteral, 1));
    const range = this.range(node);
    if (to && to.text < from.text) this.diagnostics.push(msg.reversedDates(this.uri, range, from.text, to.text));
    return { from, to, range };
  }

  private timeRange(node: cst.TimeRangeCstNode): ast.TimeRangeLit | undefined {
    const from = tok(node.children.TimeLiteral);
    const to = tok(node.children.TimeLiteral, 1);
    if (!from || !to) return undefined;
    const a = this.minutes(from, false);
    const b = this.minutes(to, true);
    if (a === undefined || b === undefined) return undefined;
    const range = this.range(node);
    if (b <= a) this.diagnostics.push(msg.reversedTimes(this.uri, range, from.image, to.image));
    return { from: from.image, to: to.image, range };
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
      return { value, unit: text.slice(text.length - unitLen) as ast.DurationUnit, elapsed, text, range: tokenRange(t) };
    }
    if (t.tokenType === NumberLiteral) this.diagnostics.push(msg.numberWithoutUnit(this.uri, t, "duration"));
    else if (t.tokenType === BadUnit) this.diagnostics.push(msg.unknownUnit(this.uri, t));
    return undefined;
  }

  private percent(t: IToken | undefined): ast.PercentLit | undefined {
    if (!t) return undefined;
    if (t.tokenType === PercentLiteral) return { value: Number(t.image.slice(0, -1)), range: tokenRange(t) };
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
    const amountRange = { start: range.start, end: { ...range.start, col: range.start.col + slash, offset: range.start.offset + slash } };
    return { amount: { value: Number(text), text, range: amountRange }, per: t.image[slash + 1] as "h" | "d", range };
  }
}

/** The constraint a clause spells, or undefined when its words are incomplete (a syntax error). */
function constraintOf(fc: cst.TaskFieldCstChildren): ast.ConstraintKind | undefined {
  if (fc.As) return tok(fc.As, 1) && tok(fc.Possible) ? "asLateAsPossible" : undefined;
  if (fc.Finish) return tok(fc.Than) ? "finishNoLaterThan" : undefined;
  if (tok(fc.On)) return "startOn";
  return tok(fc.Than) ? "startNoEarlierThan" : undefined;
}

const CONSTRAINT_KEYWORDS: Record<ast.ConstraintKind, string> = {
  startNoEarlierThan: "start no earlier than",
  finishNoLaterThan: "finish no later than",
  startOn: "start on",
  asLateAsPossible: "as late as possible",
};
