// The one entry point of the engine: a plan and its imports in, one immutable analysis
// out (ASTs, symbols, resolved model, schedule, every diagnostic). The CLI, the language
// server and the tests all call `analyze`.
import type * as ast from "./ast";
import { parse, type ParseResult } from "../grammar/index";
import { diag, type Diagnostic } from "./diagnostics";
import { today as localToday, dateDayOf } from "./dates";
import { lower } from "./lower";
import type { PlanModel, DayNumber } from "./model";
import { resolve, type SourceDocument } from "./resolve";
import type { ScheduleResult } from "./schedule";
import { schedule, type ScheduleOptions } from "./scheduler/index";
import type { SymbolTable } from "./symbols";
import { baseName, isInside, resolveImport } from "./uri";
import { validateTaskWorkingTime } from "./validate/calendar";
import { validate } from "./validate/index";

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

  const res = resolve(sources);
  diagnostics.push(...res.diagnostics);
  const project = documents.get(uri)!.project;
  const projectStart = dateDayOf(project?.start);
  const { dropDeps } = validate({ docs: sources, res, project, projectStart, statusDate: dateDayOf(project?.status), out: diagnostics });
  const plan = lower(res, project, { fallbackStart: projectStart ?? options.today ?? localToday(), dropDeps, projectUri: uri });
  validateTaskWorkingTime(plan, diagnostics);
  const result = schedule(plan, scheduleOptions(options, plan));
  diagnostics.push(...result.diagnostics);

  const rank = (u: string) => (u === uri ? "" : u);
  diagnostics.sort(
    (a, b) =>
      rank(a.uri).localeCompare(rank(b.uri)) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.col - b.range.start.col ||
      a.code.localeCompare(b.code),
  );
  return deepFreeze({
    uri,
    documents,
    imports: sources.slice(1).map((s) => s.uri),
    symbols: res.symbols,
    plan,
    schedule: result,
    diagnostics,
  });
}

function scheduleOptions(options: AnalyzeOptions, plan: PlanModel): ScheduleOptions {
  const mode = options.level ?? "plan";
  const level = mode === "optimize" ? "optimize" : mode === "on" || (mode === "plan" && plan.project.leveling) ? "fast" : "off";
  return { level, optimizeMs: options.optimizeMs ?? 1000 };
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
    if (Array.isArray(v)) for (const x of v) visit(x);
    else for (const k in v) visit((v as Record<string, unknown>)[k]);
  }
  return root;
}
