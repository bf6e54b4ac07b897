// The analysis scheduler over a real stdio connection: debouncing, versions, the last
// good schedule, notifications, diagnostics' shape, and multi-file re-analysis.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { docAnchor } from "../../core/diagnostics";
import { applyScheduleDelta } from "../../core/json-delta";
import type { DebugStatsResponse, ScheduleResponse, StatusParams } from "../../server/protocol";
import { ROOT, TestClient } from "./client";

const PLAN = `project "Site" { start 2027-01-04  currency EUR }
resource dev "Devs" { rate 100/h }
task design "Design" { duration 3d  assign dev }
task build "Build" { duration 5d  assign dev  after design }
`;

let client: TestClient;
let dir: string;
const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

beforeAll(async () => {
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
  dir = mkdtempSync(join(tmpdir(), "gantry-lsp-"));
  client = await TestClient.start({ debounceMs: 250, rootUri: pathToFileURL(dir).href });
});
afterAll(() => client?.stop());

describe("debounce and versions", () => {
  it("turns 20 quick edits into one analysis, published with the last version", async () => {
    const uri = uriOf("burst.plan");
    await client.open(uri, PLAN);
    const before = await client.request<DebugStatsResponse>("gantry/debugStats", { uri });
    let version = 1;
    // Type "20" characters into the project name, one edit per keystroke.
    for (let i = 0; i < 20; i++) version = await client.change(uri, [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 13 } }, text: "x" }]);
    const published = await client.diagnosticsFor(uri, version);
    expect(published.version).toBe(21);
    const after = await client.request<DebugStatsResponse>("gantry/debugStats", { uri });
    expect(after.analyses - before.analyses).toBe(1);
    expect(after.published - before.published).toBe(1);
    expect(after.lastPublishedVersion).toBe(21);
    expect(after.superseded - before.superseded).toBe(19);
    const schedule = await client.request<ScheduleResponse>("gantry/schedule", { uri });
    expect(schedule.data?.project.name).toBe(`Site${"x".repeat(20)}`);
  });

  it("keeps the last good schedule while the text has syntax errors", async () => {
    const uri = uriOf("stale.plan");
    await client.open(uri, PLAN);
    const good = await client.request<ScheduleResponse>("gantry/schedule", { uri });
    expect(good).toMatchObject({ version: 1, stale: false, errorCount: 0 });
    expect(good.data!.project.finish).toBe("2027-01-13T17:00");
    expect(good.data!.project.cost).toBe(6400);

    const v = await client.change(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: "task {{ " }]);
    const diags = await client.diagnosticsFor(uri, v);
    expect(diags.diagnostics.some((d) => String(d.code).startsWith("GANTRY1"))).toBe(true);
    const stale = await client.request<ScheduleResponse>("gantry/schedule", { uri });
    expect(stale.stale).toBe(true);
    expect(stale.version).toBe(1);
    expect(stale.errorCount).toBeGreaterThan(0);
    expect(stale.data).toEqual(good.data);
  });

  it("answers a schedule request with what changed since the schedule the client holds", async () => {
    const uri = uriOf("delta.plan");
    await client.open(uri, PLAN);
    const first = await client.request<ScheduleResponse>("gantry/schedule", { uri });
    expect(first.resultId).toEqual(expect.any(String));
    // build takes a day longer: it moves, and with it the project's finish and the bookings.
    const v = await client.change(uri, [{ range: { start: { line: 3, character: 30 }, end: { line: 3, character: 31 } }, text: "6" }]);
    await client.diagnosticsFor(uri, v);
    const next = await client.request<ScheduleResponse>("gantry/schedule", { uri, since: first.resultId });
    expect(next.data).toBeNull();
    expect(Object.keys(next.delta!).sort()).toEqual(["bookings", "project", "resources", "tasks"]);
    expect(next.delta!.tasks).toEqual([{ start: 1, deleteCount: 1, items: [expect.objectContaining({ id: "build", finish: "2027-01-14T17:00", durationHours: 48 })] }]);
    const whole = await client.request<ScheduleResponse>("gantry/schedule", { uri });
    expect(applyScheduleDelta(first.data!, next.delta!)).toEqual(whole.data);
    // Nothing changed since: an empty difference. Since a schedule it did not send last: the whole.
    expect((await client.request<ScheduleResponse>("gantry/schedule", { uri, since: whole.resultId })).delta).toEqual({});
    const again = await client.request<ScheduleResponse>("gantry/schedule", { uri, since: first.resultId });
    expect(again.delta).toBeUndefined();
    expect(again.data).toEqual(whole.data);
  });

  it("sends scheduleChanged and status after each analysis", async () => {
    const uri = uriOf("notify.plan");
    const changed = client.waitFor<{ uri: string; version: number }>("gantry/scheduleChanged", (p) => p.uri === uri);
    const status = client.waitFor<StatusParams>("gantry/status", (p) => p.uri === uri);
    await client.open(uri, PLAN);
    expect(await changed).toEqual({ uri, version: 1 });
    // design Mon 4 – Wed 6, build Thu 7 – Wed 13: 8 working days.
    expect(await status).toEqual({ uri, finish: "2027-01-13", criticalPathDays: 8, errorCount: 0 });
  });
});

describe("diagnostics", () => {
  it("carry code, severity, range, docs link, source and related information", async () => {
    const uri = uriOf("diags.plan");
    const text = `project "Site" { start 2027-01-04 }
task a "A" { duration 2d  after b }
task b "B" { duration 2d  after a }
task c "C" { duration 2d  after desing }
`;
    const { diagnostics } = await client.open(uri, text);
    const cycle = diagnostics.filter((d) => d.code === "GANTRY301");
    expect(cycle.length).toBeGreaterThan(0);
    for (const d of cycle) {
      expect(d).toMatchObject({ severity: 1, source: "gantry", codeDescription: { href: docAnchor("GANTRY301") } });
      expect(d.relatedInformation?.length).toBeGreaterThan(0);
      expect(d.relatedInformation![0]!.location.uri).toBe(uri);
    }
    const unknown = diagnostics.find((d) => d.code === "GANTRY201") as Diagnostic;
    expect(unknown.range).toEqual({ start: { line: 3, character: 32 }, end: { line: 3, character: 38 } });
  });
});

describe("multi-file", () => {
  it("re-analyses the plans importing a shared file when it changes, and reports on the shared file", async () => {
    mkdirSync(join(dir, "shared"), { recursive: true });
    const sharedText = `resource dev "Devs" { rate 100/h }\n`;
    writeFileSync(join(dir, "shared/people.plan"), sharedText);
    const main = uriOf("main.plan");
    const shared = uriOf("shared/people.plan");
    await client.open(main, `import "shared/people.plan"\nproject "Site" { start 2027-01-04 }\ntask build "Build" { duration 5d  assign dev }\n`);
    expect((await client.request<ScheduleResponse>("gantry/schedule", { uri: main })).data!.project.cost).toBe(4000);

    // The shared file alone has no project: that is not an error for an imported file.
    const own = await client.open(shared, sharedText);
    expect(own.diagnostics).toEqual([]);

    const rescheduled = client.waitFor<{ uri: string }>("gantry/scheduleChanged", (p) => p.uri === main);
    const v = await client.change(shared, [{ range: { start: { line: 0, character: 27 }, end: { line: 0, character: 30 } }, text: "150" }]);
    await rescheduled;
    expect((await client.request<ScheduleResponse>("gantry/schedule", { uri: main })).data!.project.cost).toBe(6000);
    await client.diagnosticsFor(shared, v);

    // An error in the shared file is published on the shared file, with its version.
    const v2 = await client.change(shared, [{ range: { start: { line: 0, character: 33 }, end: { line: 0, character: 33 } }, text: "calendar nowhere " }]);
    const bad = await client.diagnosticsFor(shared, v2);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(["GANTRY203"]);
  });

  it("parses only the edited file again, not the unchanged files it imports", async () => {
    mkdirSync(join(dir, "parts"), { recursive: true });
    writeFileSync(join(dir, "parts/team.plan"), `resource dev "Devs" { rate 100/h }\n`);
    writeFileSync(join(dir, "parts/design.plan"), `task design "Design" { effort 2d  assign dev }\n`);
    const main = uriOf("parted.plan");
    const stats = () => client.request<DebugStatsResponse>("gantry/debugStats", { uri: main });
    const start = await stats();
    await client.open(main, `import "parts/team.plan"\nimport "parts/design.plan"\nproject "Site" { start 2027-01-04 }\ntask build "Build" { duration 5d  after design }\n`);
    const opened = await stats();
    expect([opened.analyses - start.analyses, opened.parses - start.parses]).toEqual([1, 3]);

    const at = 'task build "Build" { duration '.length;
    for (const days of ["6", "7"]) {
      const v = await client.change(main, [{ range: { start: { line: 3, character: at }, end: { line: 3, character: at + 1 } }, text: days }]);
      await client.diagnosticsFor(main, v);
    }
    const edited = await stats();
    expect([edited.analyses - opened.analyses, edited.parses - opened.parses]).toEqual([2, 2]);
    // Each edit kept every name: the resolution was kept, the schedule made again.
    expect([edited.keptNames - opened.keptNames, edited.keptSchedule - opened.keptSchedule]).toEqual([2, 0]);
    expect((await client.request<ScheduleResponse>("gantry/schedule", { uri: main })).data!.project.finish).toBe("2027-01-14T17:00");

    // Renaming the task keeps the schedule too; its new name is in the schedule's JSON.
    const v = await client.change(main, [{ range: { start: { line: 3, character: 12 }, end: { line: 3, character: 12 } }, text: "Re" }]);
    await client.diagnosticsFor(main, v);
    const renamed = await stats();
    expect([renamed.keptNames - edited.keptNames, renamed.keptSchedule - edited.keptSchedule]).toEqual([1, 1]);
    const json = (await client.request<ScheduleResponse>("gantry/schedule", { uri: main })).data!;
    expect([json.project.finish, json.tasks.find((t) => t.id === "build")!.name]).toEqual(["2027-01-14T17:00", "ReBuild"]);
  });
});
