// The one entry point of the engine: a plan and its imports in, one immutable analysis
// out (ASTs, symbols, resolved model, schedule, every diagnostic). The CLI, the language
// server and the tests all call `analyze`.
import type * as ast from "./ast";
import { compareText } from "./ast";
import { parse, type ParseResult } from "../grammar/index";
import { diag, type Diagnostic } from "./diagnostics";
import { today as localToday, dateDayOf } from "./dates";
import { lower, lowerEdited } from "./lower";
import type { PlanModel, DayNumber, TaskModel } from "./model";
import { resolve, type Resolution, type SourceDocument } from "./resolve";
import { counterparts, onlyTasksDiffer, rebaseDiagnostic, rebaseResolution, placesKept, relowered, sameButLength, sameForScheduling, sameItems, sameWork, type Edit } from "./reuse";
import type { ScheduleResult } from "./schedule";
import { scheduled, type PriorSchedule } from "./scheduler/index";
import { networkFor, reuseNetwork } from "./scheduler/network";
import type { Scheduled } from "./scheduler/result";
import type { SymbolTable } from "./symbols";
import { baseName, isInside, resolveImport } from "./uri";
import { checkWorkingTime } from "./validate/calendar";
import { checkTask, findings, taskScratch, validate, type CheckContext, type Checks } from "./validate/index";

/** Where the engine reads documents. The server serves open buffers before the disk. */
export interface Host {
  /** The text of a document, or undefined when it does not exist or cannot be read. */
  read(uri: string): string | undefined;
  /** Imports must stay inside this folder (a path or file:// URI). */
  workspaceRoot: string | undefined;
}

export type LevelMode = "plan" | "off" | "on" | "optimize";

export interface AnalyzeOptions {
  /** "plan" (default) follows the plan's `leveling` field; "optimize" runs the search. */
  level?: LevelMode;
  /** Time budget for `optimize`, in milliseconds (default 1000). */
  optimizeMs?: number;
  /** Today, for completion and the chart's today line; not used for scheduling. */
  today?: DayNumber;
  /** Earlier parses to reuse: a document whose text has not changed is not parsed again. */
  parses?: ParseCache;
  /**
   * The analysis of the same plan before an edit (with `parses`, which lets the edited
   * documents keep their untouched declarations): what the edit did not change is kept
   * (core/reuse.ts). The result is the analysis that would be made from scratch.
   */
  previous?: Analysis;
}

/**
 * The latest parse of each document, kept between analyses of the same plans (the language
 * server re-analyses on every edit): a document whose text is unchanged, such as a file
 * the edited one imports, keeps its AST — immutable, so analyses can share it — and an
 * edited one keeps its top-level declarations before the change (see `parse`). Parsing is
 * a function of the text and URI alone, so a reused parse is the parse that would be made.
 */
export class ParseCache {
  private readonly entries = new Map<string, { text: string; result: ParseResult }>();
  /** Documents parsed (not found unchanged) since the cache was made. */
  parsed = 0;

  parse(text: string, uri: string): ParseResult {
    const entry = this.entries.get(uri);
    if (entry?.text === text) return entry.result;
    this.parsed++;
    // An edited document keeps its declarations before the change.
    const result = parse(text, uri, entry);
    this.entries.set(uri, { text, result });
    return result;
  }

  /** Forgets every document but these (those the current analyses read). */
  keepOnly(uris: ReadonlySet<string>): void {
    for (const uri of this.entries.keys()) if (!uris.has(uri)) this.entries.delete(uri);
  }
}

export interface Analysis {
  readonly uri: string;
  /** The main document first, then every imported one, keyed by URI. */
  readonly documents: ReadonlyMap<string, ast.Document>;
  /** URIs of every imported document (transitively). */
  readonly imports: readonly string[];
  readonly symbols: SymbolTable;
  readonly plan: PlanModel;
  readonly schedule: ScheduleResult;
  /** Every diagnostic of every stage, sorted by uri, then position. */
  readonly diagnostics: readonly Diagnostic[];
}

const ORIGIN: ast.Range = { start: { line: 0, col: 0 }, end: { line: 0, col: 0 } };

export function analyze(uri: string, host: Host, options: AnalyzeOptions = {}): Analysis {
  const documents = new Map<string, ast.Document>();
  const sources: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];

  const load = (docUri: string, text: string): ast.Document => {
    const parsed = options.parses ? options.parses.parse(text, docUri) : parse(text, docUri);
    diagnostics.push(...parsed.diagnostics);
    documents.set(docUri, parsed.document);
    sources.push({ uri: docUri, document: parsed.document });
    return parsed.document;
  };

  // Imports, depth first in source order; `chain` is the path of imports that led here.
  const follow = (docUri: string, doc: ast.Document, chain: string[]) => {
    for (const imp of doc.imports) {
      if (!imp.path) continue;
      const target = resolveImport(docUri, imp.path.value);
      const name = imp.path.value;
      if (host.workspaceRoot !== undefined && !isInside(target, host.workspaceRoot)) {
        diagnostics.push(diag("GANTRY207", docUri, imp.path.range, `"${name}" is outside the workspace folder. Imports must stay inside it; copy the file into the workspace and import it from there.`));
      } else if (chain.includes(target)) {
        const cycle = [...chain.slice(chain.indexOf(target)), target].map((u) => baseName(u)).join(" → ");
        diagnostics.push(diag("GANTRY208", docUri, imp.path.range, `Import cycle: ${cycle}. A file cannot import itself, directly or through others; remove one of these imports.`));
      } else if (!documents.has(target)) {
        const text = host.read(target);
        if (text === undefined) {
          diagnostics.push(diag("GANTRY206", docUri, imp.path.range, `Cannot find "${name}". Check the path: it is relative to this file, and the file must exist.`));
        } else follow(target, load(target, text), [...chain, target]);
      }
    }
  };

  const mainText = host.read(uri);
  if (mainText === undefined) diagnostics.push(diag("GANTRY206", uri, ORIGIN, `Cannot read the plan ${uri}. Check that the file exists and is readable.`));
  follow(uri, load(uri, mainText ?? ""), [uri]);

  const project = documents.get(uri)!.project;
  const projectStart = dateDayOf(project?.start);
  const level = options.level ?? "plan";
  const fallbackStart = projectStart ?? options.today ?? localToday();
  const before = options.previous && carried.get(options.previous);
  const sameSettings = before !== undefined && before.level === level && before.fallbackStart === fallbackStart;
  const edit = sameSettings ? counterparts(before.sources, sources, [...before.res.diagnostics, ...before.checks.links]) : undefined;
  const ctx = (res: Resolution): CheckContext => ({ docs: sources, res, project, projectStart, statusDate: dateDayOf(project?.status) });

  let res: Resolution;
  let checks: Checks;
  let plan: PlanModel;
  let scheduled: Scheduled;
  let kept: Kept = "nothing";
  if (before && edit) {
    // Every name as it was: resolution and link checks carried over, changed tasks checked and lowered again.
    res = rebaseResolution(before.res, edit);
    checks = recheck(before, ctx(res), edit);
    plan = lowerEdited(options.previous!.plan, res, (i) => res.tasks[i] === before.res.tasks[i], checks.dropDeps);
    ({ scheduled, kept } = reschedule(options.previous!, before, plan, undefined, (p) => scheduleFor(plan, level, options, p)));
  } else {
    const tasksOnly = before !== undefined && sameSettings && onlyTasksDiffer(before.sources, sources);
    res = resolve(sources, tasksOnly ? before.res : undefined);
    checks = validate(ctx(res), tasksOnly ? before : undefined);
    const inPlace = tasksOnly ? placesKept(before.res, res) : undefined;
    if (before && inPlace) {
      // Renamed tasks, references that name other tasks, tasks added or removed: resolved and
      // checked again; of the tasks still in their places, those whose entries or references
      // changed lowered again.
      const dropped: [ReadonlySet<ast.Dependency>, ReadonlySet<ast.Dependency>] = [before.checks.dropDeps, checks.dropDeps];
      plan = lowerEdited(options.previous!.plan, res, (i) => i < inPlace && !relowered(before.res, res, i, dropped), checks.dropDeps);
      ({ scheduled, kept } = reschedule(options.previous!, before, plan, inPlace, (p) => scheduleFor(plan, level, options, p)));
    } else {
      plan = lower(res, project, { fallbackStart, dropDeps: checks.dropDeps, projectUri: uri });
      scheduled = scheduleFor(plan, level, options);
    }
  }
  // Working time is checked on the task models: again only for those made anew.
  const keptTasks = kept === "nothing" ? undefined : options.previous!.plan.tasks;
  const working = new Map<TaskModel, Diagnostic>();
  const overlaps = new Map<string, number>();
  for (let i = 0; i < plan.tasks.length; i++) {
    const t = plan.tasks[i]!;
    const found = t === keptTasks?.[i] ? before!.working.get(t) : checkWorkingTime(plan, t, overlaps);
    if (found) working.set(t, found);
  }
  diagnostics.push(...res.diagnostics, ...findings(checks), ...working.values(), ...scheduled.result.diagnostics);

  const analysis = deepFreeze({
    uri,
    documents,
    imports: sources.slice(1).map((s) => s.uri),
    symbols: res.symbols,
    plan,
    schedule: scheduled.result,
    diagnostics: inListOrder(diagnostics, uri),
  });
  carried.set(analysis, { level, fallbackStart, sources, res, checks, byNames: kept === "names" || kept === "schedule" ? before!.byNames : {}, working, scheduled, kept });
  return analysis;
}

/**
 * How much an analysis kept from the one before it: nothing; the models and dates of tasks
 * still in their places (after a rename, a changed reference, a task added or removed);
 * the resolution and checks too (every name kept); also the schedule.
 */
export type Kept = "nothing" | "places" | "names" | "schedule";

/** What an analysis keeps for the next one of the same plan (see `AnalyzeOptions.previous`). */
interface Carried {
  level: LevelMode;
  fallbackStart: DayNumber;
  sources: SourceDocument[];
  res: Resolution;
  checks: Checks;
  /** What depends only on names: shared by the analyses after edits that kept them. */
  byNames: { idOrder?: readonly number[] };
  /** The task models that never have working time (GANTRY314). */
  working: Map<TaskModel, Diagnostic>;
  scheduled: Scheduled;
  kept: Kept;
}

const carried = new WeakMap<Analysis, Carried>();

/**
 * The indices of the plan's tasks in the order of their ids (completion lists them so).
 * Sorted when first asked, once for a plan and every analysis after edits that kept its names.
 */
export function taskIdOrder(analysis: Analysis): readonly number[] {
  const byNames = carried.get(analysis)!.byNames;
  if (!byNames.idOrder) {
    const tasks = analysis.plan.tasks;
    const order = tasks.map((_, i) => i).sort((a, b) => compareText(tasks[a]!.id, tasks[b]!.id));
    byNames.idOrder = Object.freeze(order);
  }
  return byNames.idOrder;
}

/** How much `analysis` kept from the previous one (for tests and the language server's statistics). */
export function keptFromPrevious(analysis: Analysis): Kept {
  return carried.get(analysis)?.kept ?? "nothing";
}

/** The checks after an edit that kept every name: the changed tasks checked again, the rest kept. */
function recheck(before: Carried, ctx: CheckContext, edit: Edit): Checks {
  const scratch = taskScratch(ctx);
  const tasks = ctx.res.tasks.map((t, i) => (t === before.res.tasks[i] ? before.checks.tasks[i] : checkTask(scratch, t)));
  const dropDeps = new Set<ast.Dependency>();
  for (const d of before.checks.dropDeps) dropDeps.add((edit.nodes.get(d) as ast.Dependency | undefined) ?? d);
  return { ...before.checks, tasks, links: before.checks.links.map((d) => rebaseDiagnostic(d, edit.ranges)), dropDeps };
}

/**
 * The schedule after an edit of tasks, the models of the tasks it did not change kept (the
 * same objects). Only what the changed tasks can move is placed again. `inPlace`: after a
 * rename, a changed reference or an added or removed task, how many tasks, from the first,
 * are in their places (see `placesKept`): every later one is new, and links may now come
 * from other tasks, so the tasks they come from, before and after, are placed again too (a
 * task's late dates and free slack read its links out). Without it every name was kept.
 * When the schedule cannot change, it is kept.
 */
function reschedule(previous: Analysis, before: Carried, plan: PlanModel, inPlace: number | undefined, schedule: (prior?: PriorSchedule) => Scheduled): { scheduled: Scheduled; kept: Kept } {
  const was = previous.plan.tasks;
  const n = plan.tasks.length;
  // The tasks changed among those in their places. One that now works otherwise (a removed
  // task's next sibling takes its place, not its work) cuts the schedule there: the
  // bookings kept before a cut are those of the same assignments.
  let end = inPlace ?? n;
  const changed: number[] = [];
  for (let i = 0; i < end; i++) {
    if (plan.tasks[i] === was[i]) continue;
    if (inPlace !== undefined && !sameWork(was[i]!, plan.tasks[i]!)) end = i;
    else changed.push(i);
  }
  const cut = end < n || end < was.length;
  // Lengths aside (a keystroke in a duration), the tasks are as they were: so is the network.
  if (!cut && changed.every((i) => sameButLength(was[i]!, plan.tasks[i]!))) reuseNetwork(previous.plan, plan, changed);
  const differing = changed.filter((i) => !sameForScheduling(was[i]!, plan.tasks[i]!));
  for (let i = end; i < n; i++) differing.push(i);
  const kept: Kept = inPlace === undefined ? "names" : "places";
  if (differing.length === 0 && !cut) {
    return { scheduled: { ...before.scheduled, result: { ...previous.schedule, diagnostics: before.scheduled.diagnoseFor(plan) } }, kept: kept === "names" ? "schedule" : kept };
  }
  if (inPlace === undefined) return { scheduled: schedule({ scheduled: before.scheduled, changed: differing }), kept };
  // From scratch when cycles through phases leave other tasks out.
  const left = (p: PlanModel) => networkFor(p).unscheduled;
  if (cut ? left(previous.plan).includes(1) || left(plan).includes(1) : !sameItems(left(previous.plan), left(plan))) return { scheduled: schedule(), kept };
  // Indices from `end` on name other tasks before the edit than after it.
  const seeds = new Set(differing);
  // Indexed loops: this runs before the JIT has optimised it, where a `for … of` allocates.
  for (let k = 0; k < differing.length; k++) {
    const i = differing[k]!;
    addLinkedFrom(seeds, plan.tasks[i]!, Infinity);
    if (i < end) addLinkedFrom(seeds, was[i]!, end);
  }
  const dirty = new Set<number>();
  for (let j = end; j < was.length; j++) {
    addLinkedFrom(seeds, was[j]!, end);
    for (let k = 0; k < was[j]!.assignments.length; k++) dirty.add(was[j]!.assignments[k]!.resource);
  }
  return { scheduled: schedule({ scheduled: before.scheduled, changed: [...seeds], cut: cut ? { from: end, dirty: [...dirty] } : undefined }), kept };
}

/** Adds to `seeds` the tasks that links of `t` come from, those before `below`. */
function addLinkedFrom(seeds: Set<number>, t: TaskModel, below: number): void {
  for (let k = 0; k < t.deps.length; k++) if (t.deps[k]!.from < below) seeds.add(t.deps[k]!.from);
}

function scheduleFor(plan: PlanModel, mode: LevelMode, options: AnalyzeOptions, prior?: PriorSchedule): Scheduled {
  const level = mode === "optimize" ? "optimize" : mode === "on" || (mode === "plan" && plan.project.leveling) ? "fast" : "off";
  return scheduled(plan, { level, optimizeMs: options.optimizeMs ?? 1000 }, prior);
}

/**
 * The diagnostics in the order the editor and the CLI list them: the plan's own file first,
 * then the others by URI, each by position, then code. Each position is read once (a
 * range's `start` is made when read), not at every comparison.
 */
function inListOrder(diagnostics: readonly Diagnostic[], uri: string): Diagnostic[] {
  const keyed = diagnostics.map((d) => {
    const start = d.range.start;
    return { d, file: d.uri === uri ? "" : d.uri, line: start.line, col: start.col };
  });
  keyed.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.col - b.col || compareText(a.d.code, b.d.code));
  return keyed.map((k) => k.d);
}

/**
 * Freezes a value and everything reachable from it; maps are frozen and made read-only.
 * A frozen object is not entered: the parser freezes tasks and AST leaves, and the
 * scheduler bookings, as it makes them, which leaves this walk the rest (about 6% of a
 * 10 000-task analysis).
 */
function deepFreeze<T>(root: T): T {
  const readOnly = () => {
    throw new TypeError("an Analysis is immutable");
  };
  const stack: object[] = [];
  const visit = (x: unknown) => {
    if (typeof x === "object" && x !== null && !Object.isFrozen(x)) stack.push(x);
  };
  visit(root);
  while (stack.length) {
    const v = stack.pop()!;
    if (v instanceof Map) {
      for (const [k, x] of v) visit(k), visit(x);
      Object.assign(v, { set: readOnly, delete: readOnly, clear: readOnly });
    }
    Object.freeze(v);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) visit(v[i]);
    else for (const k in v) visit((v as Record<string, unknown>)[k]);
  }
  return root;
}
