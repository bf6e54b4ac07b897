// A real LSP client for the tests and the benchmark: spawns `node dist/server.js --stdio`
// and talks JSON-RPC over its pipes. Waits are for notifications, with a bounded timeout.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from "vscode-languageserver-protocol";
import { SERVER_EXEC_ARGV } from "../../server/protocol";

/** The repository root: tests and benchmarks run from it (npm scripts, vitest). */
export const ROOT = process.cwd();

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Applies LSP text edits to a text (tests check edits by their result). */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const offset = (p: { line: number; character: number }) => {
    let o = 0;
    for (let l = 0; l < p.line; l++) o = text.indexOf("\n", o) + 1;
    return o + p.character;
  };
  const sorted = edits.map((e) => ({ from: offset(e.range.start), to: offset(e.range.end), text: e.newText })).sort((a, b) => b.from - a.from);
  for (const e of sorted) text = text.slice(0, e.from) + e.text + text.slice(e.to);
  return text;
}


export interface Waiter<T> {
  test: (value: T) => boolean;
  resolve: (value: T) => void;
}

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  private waiters: { method: string; test: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  private versions = new Map<string, number>();
  stderr = "";

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: { debounceMs?: number; rootUri?: string; configuration?: Record<string, unknown>; nodeArgs?: string[] } = {}): Promise<TestClient> {
    // Run as the extension runs it (its flags), with the test's own.
    const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...(options.nodeArgs ?? []), join(ROOT, "dist/server.js"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    child.stderr!.on("data", (d: Buffer) => (client.stderr += d.toString()));
    connection.onNotification((method, params) => client.received(method, params));
    connection.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section ? options.configuration?.[i.section] : undefined) ?? null),
    );
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/inlayHint/refresh", () => null);
    connection.onRequest("workspace/codeLens/refresh", () => null);
    connection.onRequest("workspace/semanticTokens/refresh", () => null);
    connection.listen();
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: options.rootUri ?? pathToFileURL(ROOT).href,
      capabilities: { workspace: { configuration: options.configuration !== undefined } },
      initializationOptions: { debounceMs: options.debounceMs ?? 20, today: "2027-01-06" },
    });
    await connection.sendNotification("initialized", {});
    return client;
  }

  private received(method: string, params: unknown): void {
    if (method === "textDocument/publishDiagnostics") {
      const p = params as PublishDiagnosticsParams;
      this.diagnostics.set(p.uri, p);
    }
    this.notifications.push({ method, params });
    if (this.notifications.length > 1000) this.notifications.splice(0, 500);
    this.waiters = this.waiters.filter((w) => {
      if (w.method !== method || !w.test(params)) return true;
      w.resolve(params);
      return false;
    });
  }

  /** The next notification `method` whose params pass `test` (or one already received when `past`). */
  waitFor<T>(method: string, test: (p: T) => boolean = () => true, timeoutMs = 20_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        method,
        test: test as (p: unknown) => boolean,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p as T);
        },
      });
    });
  }

  /** Diagnostics of `uri` computed from exactly `version`. */
  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    const have = this.diagnostics.get(uri);
    if (have && have.version === version) return Promise.resolve(have);
    return this.waitFor<PublishDiagnosticsParams>("textDocument/publishDiagnostics", (p) => p.uri === uri && p.version === version);
  }

  async open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const done = this.diagnosticsFor(uri, 1);
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "plan", version: 1, text } });
    return done;
  }

  /** Sends an edit without waiting; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification("exit");
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
