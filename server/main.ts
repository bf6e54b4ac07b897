// The Gantry language server. `createConnection(ProposedFeatures.all)` picks the
// transport from argv (--stdio, --node-ipc, --socket=N). Every handler reads the state
// of the Session (server/session.ts); features live in server/features/.
import {
  createConnection,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { fileURLToPath } from "node:url";
import { formatPlan } from "../core/format";
import { scheduleDelta } from "../core/json-delta";
import { parseDay } from "../core/dates";
import { Session } from "./session";
import { createHost } from "./host";
import * as P from "./protocol";
import { toLspDiagnostic } from "./features/diagnostics";
import { complete, declarationStart } from "./features/completion";
import { hover } from "./features/hover";
import { definition, hitAt, prepareRename, references, rename } from "./features/navigation";
import { codeLenses, inlayHints } from "./features/lenses";
import { documentSymbols, foldingRanges, selectionRanges, workspaceSymbols } from "./features/outline";
import { difference, legend, semanticTokens } from "./features/semanticTokens";
import { SentHistory } from "./history";
import { codeActions, CODE_ACTION_KINDS } from "./features/codeActions";
import { formattingEdits } from "./features/formatting";
import { statusOf } from "./features/status";
import { DEFAULT_SETTINGS, fromPulled, fromPushed, PULLED_SECTIONS, type Settings } from "./features/settings";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
/** The semantic tokens and the schedule last sent for each open document: the next answers can be differences. */
const sentTokens = new SentHistory(difference);
const sentSchedules = new SentHistory(scheduleDelta);
let settings: Settings = DEFAULT_SETTINGS;
let canReadConfiguration = false;

const session = new Session(
  { get: (uri) => documents.get(uri) },
  {
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics: diagnostics.map(toLspDiagnostic) }),
    analysed: (state) => {
      const version = state.versions.get(state.uri) ?? 0;
      void connection.sendNotification(P.ScheduleChangedNotification, { uri: state.uri, version } satisfies P.ScheduleChangedParams);
      void connection.sendNotification(P.StatusNotification, statusOf(state));
    },
    log: (message) => connection.console.error(message),
  },
);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as P.InitializationOptions;
  if (typeof options.debounceMs === "number") session.debounceMs = options.debounceMs;
  if (typeof options.today === "string") session.fixedToday = parseDay(options.today);
  const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  session.workspaceRoot = root?.startsWith("file:") ? fileURLToPath(root) : (root ?? undefined);
  canReadConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: [" ", ".", ","], resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      semanticTokensProvider: { legend, full: { delta: true }, range: true },
      inlayHintProvider: true,
      codeLensProvider: { resolveProvider: false },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
    },
    serverInfo: { name: "gantry", version: "0.1.0" },
  };
});

connection.onInitialized(() => void refreshSettings());
connection.onDidChangeConfiguration((change) => {
  const pushed = fromPushed(change.settings);
  if (pushed) apply(pushed);
  else void refreshSettings();
});

async function refreshSettings(): Promise<void> {
  if (!canReadConfiguration) return;
  try {
    apply(fromPulled((await connection.workspace.getConfiguration(PULLED_SECTIONS.map((section) => ({ section })))) as unknown[]));
  } catch {
    apply(DEFAULT_SETTINGS);
  }
}

function apply(next: Settings): void {
  settings = next;
  session.setLevel(next.leveling);
}

documents.onDidChangeContent((e) => session.changed(e.document.uri));
documents.onDidClose((e) => {
  session.closed(e.document.uri);
  sentTokens.forget(e.document.uri);
  sentSchedules.forget(e.document.uri);
});
connection.onDidChangeWatchedFiles((p) => p.changes.forEach((c) => session.changedOnDisk(c.uri, c.type === FileChangeType.Created)));

const doc = (uri: string) => documents.get(uri);

connection.onCompletion((p) => {
  const d = doc(p.textDocument.uri);
  if (!d) return [];
  const state = session.peekStateFor(d.uri);
  const offset = d.offsetAt(p.position);
  // The last analysis locates the declaration around the cursor, if it read this very text.
  const current = state?.versions.get(d.uri) === d.version ? state.analysis.documents.get(d.uri) : undefined;
  return complete(d, offset, state?.lastGood?.analysis ?? state?.analysis, session.today(), declarationStart(current, d, offset));
});

connection.onHover((p) => {
  const d = doc(p.textDocument.uri);
  const state = session.stateFor(p.textDocument.uri);
  if (!d) return null;
  return hover(state?.analysis, hitAt(state, d.uri, p.position), d.getText(), d.offsetAt(p.position));
});

connection.onDefinition((p) => definition(session.stateFor(p.textDocument.uri), p.textDocument.uri, p.position));
connection.onReferences((p) => {
  const hit = hitAt(session.stateFor(p.textDocument.uri), p.textDocument.uri, p.position);
  return references(hit, session.allStates(), p.context.includeDeclaration);
});
connection.onPrepareRename((p) => {
  const d = doc(p.textDocument.uri);
  if (!d) return null;
  return prepareRename(hitAt(session.stateFor(d.uri), d.uri, p.position), d.getText(), d.offsetAt(p.position));
});
connection.onRenameRequest((p) => rename(hitAt(session.stateFor(p.textDocument.uri), p.textDocument.uri, p.position), session.allStates(), p.newName));

connection.onDocumentSymbol((p) => {
  const state = session.stateFor(p.textDocument.uri);
  return state ? documentSymbols(state.analysis, p.textDocument.uri) : [];
});
connection.onWorkspaceSymbol((p) => workspaceSymbols(session.allStates(), p.query));
connection.onFoldingRanges((p) => {
  const d = doc(p.textDocument.uri);
  const ast = session.stateFor(p.textDocument.uri)?.analysis.documents.get(p.textDocument.uri);
  return d && ast ? foldingRanges(ast, d.getText()) : [];
});
connection.onSelectionRanges((p) => {
  const d = doc(p.textDocument.uri);
  const state = session.stateFor(p.textDocument.uri);
  return state && d ? selectionRanges(state.analysis, d, p.positions) : [];
});
const tokensOf = (d: TextDocument, lines?: { from: number; to: number }) => semanticTokens(d.getText(), d.uri, session.stateFor(d.uri)?.analysis.symbols, lines);
connection.languages.semanticTokens.on((p) => {
  const d = doc(p.textDocument.uri);
  if (!d) return { data: [] };
  const data = tokensOf(d);
  return { resultId: sentTokens.send(d.uri, data).resultId, data };
});
connection.languages.semanticTokens.onDelta((p) => {
  const d = doc(p.textDocument.uri);
  if (!d) return { data: [] };
  const data = tokensOf(d);
  const sent = sentTokens.send(d.uri, data, p.previousResultId);
  return sent.difference ? { resultId: sent.resultId, edits: sent.difference } : { resultId: sent.resultId, data };
});
connection.languages.semanticTokens.onRange((p) => {
  const d = doc(p.textDocument.uri);
  return { data: d ? tokensOf(d, { from: p.range.start.line, to: p.range.end.line + 1 }) : [] };
});
connection.languages.inlayHint.on((p) => {
  const d = doc(p.textDocument.uri);
  const state = session.stateFor(p.textDocument.uri);
  return settings.inlayHints && d && state && !state.hasSyntaxErrors ? inlayHints(state.analysis, d, p.range) : [];
});
connection.onCodeLens((p) => {
  const state = session.stateFor(p.textDocument.uri);
  return state && !state.hasSyntaxErrors ? codeLenses(state.analysis, p.textDocument.uri) : [];
});
connection.onDocumentFormatting((p) => {
  const d = doc(p.textDocument.uri);
  return d ? formattingEdits(d, formatPlan) : [];
});
connection.onDocumentRangeFormatting((p) => {
  const d = doc(p.textDocument.uri);
  return d ? formattingEdits(d, (text) => formatPlan(text, { startLine: p.range.start.line, endLine: p.range.end.line })) : [];
});
connection.onCodeAction((p) => {
  const d = doc(p.textDocument.uri);
  const state = session.stateFor(p.textDocument.uri);
  return d && state ? codeActions(d, state.analysis, p.range, (uri) => doc(uri)?.getText() ?? createHost(() => undefined, undefined).read(uri)) : [];
});

connection.onRequest(P.ScheduleRequest, (p: P.ScheduleParams): P.ScheduleResponse => {
  const state = session.stateFor(p.uri);
  if (!state) return { uri: p.uri, version: 0, stale: false, errorCount: 0, data: null };
  const { data, stale, version } = session.scheduleJson(state);
  const answer = { uri: p.uri, version, stale, errorCount: state.errorCount };
  if (!data) return { ...answer, data };
  const sent = sentSchedules.send(p.uri, data, p.since);
  return sent.difference ? { ...answer, resultId: sent.resultId, data: null, delta: sent.difference } : { ...answer, resultId: sent.resultId, data };
});

connection.onRequest(P.DebugStatsRequest, (p: P.DebugStatsParams | undefined): P.DebugStatsResponse => {
  const { analyses, parses, keptNames, keptSchedule, superseded, published } = session.stats;
  const one = p?.uri ? published.get(p.uri) : undefined;
  const total = [...published.values()].reduce((n, x) => n + x.count, 0);
  return { analyses, parses, keptNames, keptSchedule, superseded, published: p?.uri ? (one?.count ?? 0) : total, lastPublishedVersion: one?.version ?? null };
});

connection.onRequest(P.DebugMemoryRequest, (): P.DebugMemoryResponse => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, openDocuments: documents.keys().length, cachedAnalyses: session.cachedAnalyses() };
});

process.on("uncaughtException", (e) => connection.console.error(`gantry: uncaught ${e.stack ?? e.message}`));
documents.listen(connection);
connection.listen();
