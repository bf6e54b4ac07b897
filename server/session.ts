// The server's state: open documents, the latest analysis of each, and the debounced
// re-analysis. A burst of edits costs one analysis (each edit restarts the document's
// timer); a result is published only if the document has not changed since it was read,
// so stale diagnostics never overwrite newer ones; every publication carries the
// versions of the texts it was computed from.
import type { TextDocument } from "vscode-languageserver-textdocument";
import { analyze, keptFromPrevious, ParseCache, type Analysis, type LevelMode } from "../core/analysis";
import type { Diagnostic } from "../core/diagnostics";
import type { ScheduleJson } from "../core/json";
import { toScheduleJson } from "../core/report/json";
import { createHost } from "./host";
import { today } from "../core/dates";
import type { DayNumber } from "../core/model";

export interface PlanState {
  uri: string;
  /** Versions of the open documents the analysis read (the plan itself included). */
  versions: Map<string, number>;
  analysis: Analysis;
  errorCount: number;
  hasSyntaxErrors: boolean;
  /** The newest analysis of this plan without syntax errors (maybe this one). */
  lastGood: { analysis: Analysis; version: number } | undefined;
  json?: { good: boolean; data: ScheduleJson };
}

export interface SessionEvents {
  /** `version` is undefined when clearing a closed document's diagnostics. */
  publish(uri: string, version: number | undefined, diagnostics: readonly Diagnostic[]): void;
  analysed(state: PlanState): void;
  log(message: string): void;
}

export interface Stats {
  analyses: number;
  /** Documents parsed by those analyses; an unchanged document is not parsed again. */
  parses: number;
  /** Analyses that kept what names decide from the previous one, and those that also kept its schedule. */
  keptNames: number;
  keptSchedule: number;
  superseded: number;
  published: Map<string, { count: number; version: number }>;
}

/** Diagnostics that only mean "this file is not a plan by itself"; dropped for shared files. */
const PLAN_ONLY_CODES = new Set(["GANTRY209", "GANTRY310"]);

export class Session {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly states = new Map<string, PlanState>();
  readonly stats: Stats = { analyses: 0, parses: 0, keptNames: 0, keptSchedule: 0, superseded: 0, published: new Map() };
  private readonly parses = new ParseCache();
  debounceMs = 150;
  workspaceRoot: string | undefined;
  /** Pinned by tests (initializationOptions.today); otherwise the local clock's day. */
  fixedToday: DayNumber | undefined;
  /** The gantry.leveling setting; change it with setLevel. */
  private level: LevelMode = "plan";

  constructor(
    private readonly documents: { get(uri: string): TextDocument | undefined },
    private readonly events: SessionEvents,
  ) {}

  /** A document was opened or edited: re-analyse it and every open plan importing it. */
  changed(uri: string): void {
    this.schedule(uri);
    for (const plan of this.importersOf(uri)) this.schedule(plan);
  }

  /**
   * A file changed on disk (not open): re-analyse the open plans importing it. A new file
   * may be one a plan failed to import, which its analysis does not list: re-analyse all.
   */
  changedOnDisk(uri: string, created = false): void {
    for (const plan of created ? [...this.states.keys()] : this.importersOf(uri)) this.schedule(plan);
  }

  /** gantry.leveling changed: every open document's analysis is out of date. */
  setLevel(level: LevelMode): void {
    if (level === this.level) return;
    this.level = level;
    for (const uri of this.states.keys()) this.schedule(uri);
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.states.delete(uri);
    this.keepParsesInUse();
    this.stats.published.delete(uri);
    this.events.publish(uri, undefined, []);
    // Importers now read the file from disk.
    for (const plan of this.importersOf(uri)) this.schedule(plan);
  }

  /** The state covering a document: its own plan's, or an open importer's for a shared file. */
  stateFor(uri: string): PlanState | undefined {
    const owner = this.ownerOf(uri);
    this.flush(owner);
    if (owner !== uri) this.flush(uri);
    return this.states.get(owner) ?? this.states.get(uri);
  }

  /** The latest state without running pending work (completion uses it: speed over freshness). */
  peekStateFor(uri: string): PlanState | undefined {
    return this.states.get(this.ownerOf(uri)) ?? this.states.get(uri);
  }

  /** Every current state (for cross-file references, rename, workspace symbols). */
  allStates(): PlanState[] {
    for (const uri of [...this.timers.keys()]) this.flush(uri);
    return [...this.states.values()];
  }

  scheduleJson(state: PlanState): { data: ScheduleJson | null; stale: boolean; version: number } {
    const good = !state.hasSyntaxErrors;
    if (!state.json || state.json.good !== good) {
      const source = good ? state.analysis : state.lastGood?.analysis;
      state.json = source ? { good, data: toScheduleJson(source) } : undefined;
    }
    const version = good ? (state.versions.get(state.uri) ?? 0) : (state.lastGood?.version ?? 0);
    return { data: state.json?.data ?? null, stale: !good, version };
  }

  today(): DayNumber {
    return this.fixedToday ?? today();
  }

  cachedAnalyses(): number {
    let n = 0;
    for (const s of this.states.values()) n += s.lastGood && s.lastGood.analysis !== s.analysis ? 2 : 1;
    return n;
  }

  private schedule(uri: string): void {
    if (!this.documents.get(uri)) return;
    if (this.cancel(uri)) this.stats.superseded++;
    this.timers.set(
      uri,
      setTimeout(() => this.flush(uri), this.debounceMs),
    );
  }

  private cancel(uri: string): boolean {
    const t = this.timers.get(uri);
    if (!t) return false;
    clearTimeout(t);
    this.timers.delete(uri);
    return true;
  }

  /** Run the pending analysis of a document now, if there is one. */
  private flush(uri: string): void {
    if (!this.cancel(uri)) return;
    try {
      this.run(uri);
    } catch (e) {
      this.events.log(`analysis of ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  private run(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const versions = new Map<string, number>();
    const host = createHost((u) => {
      const d = this.documents.get(u);
      if (d) versions.set(u, d.version);
      return d?.getText();
    }, this.workspaceRoot);
    const parsedBefore = this.parses.parsed;
    // The plan's latest analysis lends the new one what the edit did not change.
    const previous = this.states.get(uri);
    const analysis = analyze(uri, host, { today: this.today(), level: this.level, parses: this.parses, previous: previous?.analysis });
    this.stats.analyses++;
    this.stats.parses += this.parses.parsed - parsedBefore;
    const kept = keptFromPrevious(analysis);
    if (kept === "names" || kept === "schedule") this.stats.keptNames++;
    if (kept === "schedule") this.stats.keptSchedule++;
    // Never publish over newer text: a document read may have changed since.
    for (const [u, v] of versions) if (this.documents.get(u)?.version !== v) return;

    const hasSyntaxErrors = analysis.diagnostics.some((d) => d.severity === "error" && d.code < "GANTRY2");
    const version = versions.get(uri) ?? doc.version;
    const state: PlanState = {
      uri,
      versions,
      analysis,
      // What the editor shows: the published diagnostics' errors (see reported).
      errorCount: reported(analysis, uri).filter((d) => d.severity === "error").length,
      hasSyntaxErrors,
      lastGood: hasSyntaxErrors ? previous?.lastGood : { analysis, version },
    };
    this.states.set(uri, state);
    this.keepParsesInUse();
    this.publishAll(state);
    this.events.analysed(state);
  }

  /** The parse cache holds the documents of the current analyses, no more. */
  private keepParsesInUse(): void {
    const inUse = new Set<string>();
    for (const s of this.states.values()) for (const u of s.analysis.documents.keys()) inUse.add(u);
    this.parses.keepOnly(inUse);
  }

  /** Publish the plan's diagnostics, and those of the open shared files it owns. */
  private publishAll(state: PlanState): void {
    const isPlan = isPlanAnalysis(state.analysis, state.uri);
    for (const [u, version] of state.versions) {
      if (u === state.uri ? !isPlan && this.ownerOf(u) !== u : this.ownerOf(u) !== state.uri) continue;
      const own = reported(state.analysis, state.uri).filter((d) => d.uri === u);
      const p = this.stats.published.get(u);
      this.stats.published.set(u, { count: (p?.count ?? 0) + 1, version });
      this.events.publish(u, version, own);
    }
  }

  /** The plan whose analysis reports on `uri`: itself when it is a plan, else the first open plan importing it. */
  private ownerOf(uri: string): string {
    if (this.states.get(uri)?.analysis.documents.get(uri)?.project) return uri;
    return this.importersOf(uri).sort()[0] ?? uri;
  }

  private importersOf(uri: string): string[] {
    const out: string[] = [];
    for (const s of this.states.values()) if (s.uri !== uri && s.analysis.imports.includes(uri)) out.push(s.uri);
    return out;
  }
}

const isPlanAnalysis = (analysis: Analysis, uri: string) => analysis.documents.get(uri)?.project !== undefined;

/** The diagnostics of an analysis that are ever published: a shared file's "not a plan" ones are not. */
function reported(analysis: Analysis, uri: string): readonly Diagnostic[] {
  return isPlanAnalysis(analysis, uri) ? analysis.diagnostics : analysis.diagnostics.filter((d) => !PLAN_ONLY_CODES.has(d.code));
}
