// The server survives what editors and bad clients send: edits to documents it never
// saw, unknown methods, malformed messages, handlers that throw; and its memory stays
// flat over 10,000 edits.
import { execFileSync, fork } from "node:child_process";
import { join } from "node:path";
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from "vscode-jsonrpc/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_EXEC_ARGV, type DebugMemoryResponse } from "../../server/protocol";
import { ROOT, TestClient } from "./client";

const URI = "file:///robust/plan.plan";
const PLAN = `project "Robust" { start 2027-01-04 }
task a "A" { duration 2d }
task b "B" { duration 3d  after a }
`;

let client: TestClient;

/** The server still answers: a hover on task b's id. */
async function alive(): Promise<void> {
  const h = await client.request<{ contents: { value: string } }>("textDocument/hover", { textDocument: { uri: URI }, position: { line: 2, character: 5 } });
  expect(h.contents.value).toContain("| Finish | 2027-01-08 17:00 |");
}

beforeAll(async () => {
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  client = await TestClient.start({ nodeArgs: ["--expose-gc"] });
  await client.open(URI, PLAN);
});
afterAll(() => client?.stop());

describe("robustness", () => {
  it("ignores edits to a document that was never opened", async () => {
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: "file:///robust/unknown.plan", version: 7 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "x" }],
    });
    await alive();
  });

  it("answers unknown requests with MethodNotFound and ignores unknown notifications", async () => {
    await client.connection.sendNotification("gantry/noSuchNotification", { x: 1 });
    await expect(client.request("gantry/noSuchMethod", {})).rejects.toMatchObject({ code: -32601 });
    await alive();
  });

  it("answers a request whose handler throws with an error, and lives on", async () => {
    await expect(client.request("textDocument/hover", {})).rejects.toMatchObject({ code: expect.any(Number) });
    await expect(client.request("textDocument/rename", { textDocument: { uri: URI }, position: { line: 2, character: 5 }, newName: "task" })).rejects.toThrow(/keyword/);
    await alive();
  });

  it("survives malformed messages", async () => {
    const body = "{ this is not json";
    client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const noMethod = JSON.stringify({ jsonrpc: "2.0", id: 99999, params: {} });
    client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(noMethod)}\r\n\r\n${noMethod}`);
    await alive();
    expect(client.process.exitCode).toBeNull();
  });

  it("also speaks over node IPC (--node-ipc), as the extension starts it", async () => {
    const child = fork(join(ROOT, "dist/server.js"), ["--node-ipc"], { silent: true, execArgv: [...SERVER_EXEC_ARGV] });
    const ipc = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    ipc.listen();
    try {
      const init = await ipc.sendRequest<{ serverInfo: { name: string }; capabilities: { hoverProvider: boolean } }>("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
      expect(init.serverInfo.name).toBe("gantry");
      expect(init.capabilities.hoverProvider).toBe(true);
    } finally {
      ipc.dispose();
      child.kill();
    }
  });

  it("keeps its memory flat over 10,000 edits", async () => {
    const uri = "file:///robust/typing.plan";
    await client.open(uri, PLAN);
    const before = await client.request<DebugMemoryResponse>("gantry/debugMemory", {});
    let version = 1;
    // Type and delete a character in task b's name, 10,000 times.
    for (let i = 0; i < 10_000; i++) {
      const typing = i % 2 === 0;
      version = await client.change(uri, [
        typing
          ? { range: { start: { line: 2, character: 9 }, end: { line: 2, character: 9 } }, text: "x" }
          : { range: { start: { line: 2, character: 9 }, end: { line: 2, character: 10 } }, text: "" },
      ]);
    }
    const last = await client.diagnosticsFor(uri, version);
    expect(last.diagnostics).toEqual([]);
    const after = await client.request<DebugMemoryResponse>("gantry/debugMemory", {});
    expect(after.openDocuments).toBe(before.openDocuments);
    expect(after.cachedAnalyses).toBe(before.cachedAnalyses);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(20 * 1024 * 1024);
    expect(after.rss).toBeLessThan(250 * 1024 * 1024);
  });
});
