// Settings, watched files and the status count over a real stdio connection: the gaps
// between the client (package.json settings, file watchers) and the server.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import type { ScheduleResponse, StatusParams } from "../../server/protocol";
import { ROOT, TestClient } from "./client";

// Two 2-day tasks on one developer at the same time: over-allocated unless levelled.
const CLASH = `project "Clash" { start 2027-01-04 }
resource dev "Dev" { rate 100/h }
task a "A" { duration 2d  assign dev }
task b "B" { duration 2d  assign dev }
`;

let dir: string;
const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);
const clients: TestClient[] = [];
const start = async (configuration?: Record<string, unknown>) => {
  const c = await TestClient.start({ rootUri: pathToFileURL(dir).href, configuration });
  clients.push(c);
  return c;
};

beforeAll(() => {
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  dir = mkdtempSync(join(tmpdir(), "gantry-integration-"));
});
afterAll(() => Promise.all(clients.map((c) => c.stop())));

describe("gantry.leveling", () => {
  it("is pushed with didChangeConfiguration: off warns of the over-allocation, on levels it away", async () => {
    const client = await start();
    const uri = uriOf("clash.plan");
    const setLeveling = (leveling: string) =>
      client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { gantry: { inlayHints: { enabled: true }, leveling } } });
    const published = (test: (p: PublishDiagnosticsParams) => boolean) => client.waitFor<PublishDiagnosticsParams>("textDocument/publishDiagnostics", (p) => p.uri === uri && test(p));
    const finish = async () => (await client.request<ScheduleResponse>("gantry/schedule", { uri })).data!.project.finish;

    expect(codes(await client.open(uri, CLASH))).toEqual(["GANTRY402"]);
    expect(await finish()).toBe("2027-01-05T17:00");

    const levelled = published((p) => p.diagnostics.length === 0);
    await setLeveling("on");
    expect(codes(await levelled)).toEqual([]);
    // One developer does A, then B: four working days.
    expect(await finish()).toBe("2027-01-07T17:00");

    const unlevelled = published((p) => codes(p).includes("GANTRY402"));
    await setLeveling("off");
    expect(codes(await unlevelled)).toEqual(["GANTRY402"]);
    expect(await finish()).toBe("2027-01-05T17:00");
  });

  it("is pulled with workspace/configuration when the client supports it", async () => {
    const client = await start({ "gantry.leveling": "on" });
    const uri = uriOf("clash-pulled.plan");
    const levelled = client.waitFor<PublishDiagnosticsParams>("textDocument/publishDiagnostics", (p) => p.uri === uri && p.diagnostics.length === 0);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "plan", version: 1, text: CLASH } });
    await levelled;
    expect((await client.request<ScheduleResponse>("gantry/schedule", { uri })).data!.project.finish).toBe("2027-01-07T17:00");
  });

  it("leaves the plan's own `leveling on` alone when set to plan", async () => {
    const client = await start({ "gantry.leveling": "plan" });
    const text = CLASH.replace("start 2027-01-04", "start 2027-01-04  leveling on");
    expect(codes(await client.open(uriOf("clash-own.plan"), text))).toEqual([]);
  });
});

describe("watched files", () => {
  it("re-analyses an open plan when a file it imports changes on disk, unopened", async () => {
    const client = await start();
    const shared = join(dir, "people.plan");
    writeFileSync(shared, `resource dev "Devs" { rate 100/h }\n`);
    const main = uriOf("watch-main.plan");
    await client.open(main, `import "people.plan"\nproject "Site" { start 2027-01-04 }\ntask build "Build" { duration 5d  assign dev }\n`);
    const cost = async () => (await client.request<ScheduleResponse>("gantry/schedule", { uri: main })).data!.project.cost;
    expect(await cost()).toBe(4000);

    writeFileSync(shared, readFileSync(shared, "utf8").replace("100/h", "150/h"));
    const rescheduled = client.waitFor<{ uri: string }>("gantry/scheduleChanged", (p) => p.uri === main);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(shared).href, type: 2 }] });
    await rescheduled;
    expect(await cost()).toBe(6000);
  });

  it("re-analyses a plan whose missing import is created on disk", async () => {
    const client = await start();
    const main = uriOf("watch-missing.plan");
    const text = `import "later.plan"\nproject "Site" { start 2027-01-04 }\ntask build "Build" { duration 5d  assign dev }\n`;
    expect(codes(await client.open(main, text))).toContain("GANTRY206");

    const later = join(dir, "later.plan");
    writeFileSync(later, `resource dev "Devs" { rate 200/h }\n`);
    const fixed = client.waitFor<PublishDiagnosticsParams>("textDocument/publishDiagnostics", (p) => p.uri === main && p.diagnostics.length === 0);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(later).href, type: 1 }] });
    await fixed;
    expect((await client.request<ScheduleResponse>("gantry/schedule", { uri: main })).data!.project.cost).toBe(8000);
  });
});

describe("status", () => {
  it("counts the errors that are published: none for a shared file opened alone", async () => {
    const client = await start();
    const uri = uriOf("alone.plan");
    const status = client.waitFor<StatusParams>("gantry/status", (p) => p.uri === uri);
    expect((await client.open(uri, `resource dev "Devs" { rate 100/h }\n`)).diagnostics).toEqual([]);
    expect((await status).errorCount).toBe(0);
    expect((await client.request<ScheduleResponse>("gantry/schedule", { uri })).errorCount).toBe(0);
  });

  it("still counts a shared file's real errors", async () => {
    const client = await start();
    const uri = uriOf("alone-bad.plan");
    const status = client.waitFor<StatusParams>("gantry/status", (p) => p.uri === uri);
    const published = await client.open(uri, `resource dev "Devs" { rate 100/h  calendar nowhere }\n`);
    expect(codes(published)).toEqual(["GANTRY203"]);
    expect((await status).errorCount).toBe(1);
  });
});

describe("code lenses", () => {
  it("open the schedule panel, a command the extension contributes", async () => {
    const client = await start();
    const uri = uriOf("lens.plan");
    await client.open(uri, `project "L" { start 2027-01-04 }\ntask p "Phase" {\n  task x "X" { duration 2d }\n}\n`);
    const lenses = await client.request<{ command: { title: string; command: string } }[]>("textDocument/codeLens", { textDocument: { uri } });
    expect(lenses.map((l) => l.command)).toEqual([{ title: "2027-01-04 → 2027-01-05 (2d)  ·  cost 0  ·  slack 0h · critical", command: "gantry.openSchedule" }]);
    const contributed = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { contributes: { commands: { command: string }[] } }).contributes.commands;
    expect(contributed.map((c) => c.command)).toContain("gantry.openSchedule");
  });
});
