// Engine benchmark: generated plans of 1k, 10k and 100k tasks (bench/generate.ts), timed
// stage by stage. Each size runs in child processes — one for parse/validate/schedule,
// one for leveling — so peak RSS is honest and a stage that fails or runs out of time
// cannot hide the others. Prints one table per size against the goals: the first run in
// a fresh process (cold code, as the CLI runs) and the median of the runs after it (warm,
// as the language server runs). Never fails: speed goals are reported, not asserted.
//
//   npm run bench            (or: node scripts/run-ts.mjs bench/engine.ts [sizes...])

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parse } from "../grammar/index";
import { analyze } from "../core/analysis";
import { dateDayOf, formatDay } from "../core/dates";
import { lower } from "../core/lower";
import { resolve } from "../core/resolve";
import { schedule } from "../core/scheduler/index";
import { validate } from "../core/validate/index";
import type { CalendarModel, PlanModel, TaskModel } from "../core/model";
import { SIZES, planPath, writePlans } from "./generate";

/** Timed stages without and with leveling; one `analyze()` alone (its peak RSS, as the CLI has it). */
type Part = "engine" | "level" | "once" | "once-level";

/**
 * Runs per size and part, in one process: the first, cold (what the CLI meets), and the
 * median of the rest, warm (what the language server meets, analysing on every edit).
 */
const RUNS: Record<number, number> = { 1000: 9, 10000: 7, 100000: 3 };
/** A child that takes longer than this is stopped and reported as timed out. */
const TIMEOUT_S = Number(process.env["GANTRY_BENCH_TIMEOUT"] ?? 180);

/** Parse, resolve + validate + lower, in the order `analyze` runs them. */
function front(uri: string, text: string): { plan: PlanModel; parse: number; validate: number } {
  const t0 = performance.now();
  const parsed = parse(text, uri);
  const t1 = performance.now();
  const sources = [{ uri, document: parsed.document }];
  const res = resolve(sources);
  const project = parsed.document.project;
  const projectStart = dateDayOf(project?.start);
  const { dropDeps } = validate({ docs: sources, res, project, projectStart, statusDate: dateDayOf(project?.status) });
  const plan = lower(res, project, { fallbackStart: projectStart ?? 0, dropDeps });
  return { plan, parse: t1 - t0, validate: performance.now() - t1 };
}

function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** One run of a part: stage name → milliseconds. */
function measure(part: Part, uri: string, text: string): Record<string, number> {
  const host = { read: () => text, workspaceRoot: undefined };
  if (part === "engine") {
    const { plan, parse, validate } = front(uri, text);
    return {
      parse,
      validate,
      schedule: timed(() => schedule(plan, { level: "off", optimizeMs: 0 })),
      total: timed(() => analyze(uri, host, { level: "off" })),
    };
  }
  const { plan } = front(uri, text);
  return {
    level: timed(() => schedule(plan, { level: "fast", optimizeMs: 0 })),
    total: timed(() => analyze(uri, host, { level: "on" })),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Child mode: time one part for one size; print the first run's figures and peak RSS, and
 * the medians of the runs after it, as JSON. No collection is forced between runs: a
 * forced one shrinks the young generation, which then collects often again, and the
 * server never forces one. The peak RSS is the first run's (one analysis, as the CLI
 * makes), before the garbage of later runs grows the heap.
 */
function child(part: Part, size: number): void {
  const uri = planPath(size);
  const text = readFileSync(uri, "utf8");
  if (part === "once" || part === "once-level") {
    const ms = timed(() => analyze(uri, { read: () => text, workspaceRoot: undefined }, { level: part === "once" ? "off" : "on" }));
    console.log(JSON.stringify({ total: ms, rssMB: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  const runs = [measure(part, uri, text)];
  const rssMB = process.resourceUsage().maxRSS / 1024;
  for (let i = 1; i < (RUNS[size] ?? 1); i++) runs.push(measure(part, uri, text));
  const result: Record<string, number> = { runs: runs.length, rssMB };
  for (const k of Object.keys(runs[0]!)) {
    result[k] = runs[0]![k]!;
    if (runs.length > 1) result[`warm ${k}`] = median(runs.slice(1).map((r) => r[k]!));
  }
  console.log(JSON.stringify(result));
}

/** Runs a part in a child process: its numbers, or why there are none. */
function runPart(part: Part, size: number): Record<string, number> | string {
  const args = [join("scripts", "run-ts.mjs"), join("bench", "engine.ts"), "--child", part, String(size)];
  const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24, timeout: TIMEOUT_S * 1000 });
  const last = run.stdout?.trim().split("\n").pop() ?? "";
  if (run.status === 0 && last.startsWith("{")) return JSON.parse(last) as Record<string, number>;
  if (run.signal === "SIGTERM") return `timed out after ${TIMEOUT_S} s`;
  const lines = (run.stderr ?? "").split("\n").map((l) => l.trim());
  const err = lines.find((l) => /heap out of memory/.test(l)) ? "out of memory" : lines.find((l) => /^\w*Error: /.test(l));
  return `failed: ${(err ?? `exit ${run.status ?? run.signal}`).slice(0, 100)}`;
}

// ---- TaskJuggler -------------------------------------------------------------------
// The same plan for tj3, to compare with a tool planners know. The translation is close,
// not exact: tj3 has no pools or part-timers (units become `efficiency`), no shares and
// no leads, and it gives up on a plan where an SS link with a lag meets a resource
// conflict ("condition could not be met"), so every link becomes FS with its lag. tj3
// always levels (it never books a resource twice): compare it with our leveled schedule.

const TJ3 = "/usr/bin/tj3";
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const clock = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
const hrs = (minutes: number) => `${+(minutes / 60).toFixed(2)}h`;

function workingHours(cal: CalendarModel, indent: string): string[] {
  const hours = cal.hours.map((h) => `${clock(h.from)} - ${clock(h.to)}`).join(", ");
  const on = DAYS.filter((_, i) => cal.workdays[i]);
  const off = DAYS.filter((_, i) => !cal.workdays[i]);
  return [`${indent}workinghours ${on.join(", ")} ${hours}`, ...(off.length ? [`${indent}workinghours ${off.join(", ")} off`] : [])];
}

const leave = (kind: string, from: number, to: number) => `leaves ${kind} ${formatDay(from)} +${to - from + 1}d`;

/** The plan as a TaskJuggler project scheduled over `days` calendar days. */
export function toTaskJuggler(plan: PlanModel, days: number): string {
  const p = plan.project;
  const out = [
    `project bench "${p.name}" ${formatDay(p.start)} +${days}d {`,
    `  timezone "UTC"`,
    `  currency "${p.currency}"`,
    ...workingHours(p.calendar, "  "),
    `  dailyworkinghours ${p.calendar.minutesPerDay / 60}`,
    "}",
    ...p.calendar.holidays.map((h) => leave("holiday", h.from, h.to)),
    `account cost "Cost"`,
  ];
  for (const r of plan.resources) {
    const perDay = r.rate ? (r.rate.per === "d" ? r.rate.cents : (r.rate.cents * p.calendar.minutesPerDay) / 60) / 100 : 0;
    out.push(`resource ${r.id} "${r.name}" {`, `  rate ${perDay}`, `  efficiency ${r.units}`);
    if (r.calendar !== p.calendar) out.push(...workingHours(r.calendar, "  "), ...r.calendar.holidays.map((h) => "  " + leave("holiday", h.from, h.to)));
    out.push(...r.off.map((o) => "  " + leave("annual", o.from, o.to)), "}");
  }
  const task = (t: TaskModel, indent: string) => {
    out.push(`${indent}task ${t.localId} "${t.name}" {`);
    const inner = indent + "  ";
    if (t.parent === undefined) out.push(`${inner}chargeset cost`);
    if (t.milestone) out.push(`${inner}milestone`);
    else if (!t.summary) {
      const kind = t.lengthKind === "effort" ? "effort" : t.span.elapsed ? "duration" : "length";
      out.push(`${inner}${kind} ${hrs(Math.max(60, t.span.minutes))}`);
      if (t.assignments.length) out.push(`${inner}allocate ${t.assignments.map((a) => plan.resources[a.resource]!.id).join(", ")}`);
    }
    for (const d of t.deps) {
      const gap = d.lag.minutes > 0 ? ` { ${d.lag.elapsed ? "gapduration" : "gaplength"} ${hrs(d.lag.minutes)} }` : "";
      out.push(`${inner}depends ${plan.tasks[d.from]!.id}${gap}`);
    }
    for (const c of t.fixedCosts) out.push(`${inner}charge ${c.cents / 100} onstart`);
    for (const child of t.children) task(plan.tasks[child]!, inner);
    out.push(`${indent}}`);
  };
  for (const t of plan.tasks) if (t.parent === undefined) task(t, "");
  return out.join("\n") + "\n";
}

/** tj3's wall time and peak RSS on the plan of one size, or why there are none. */
function runTj3(size: number): Record<string, number> | string {
  if (!existsSync(TJ3)) return "tj3 not installed";
  const uri = planPath(size);
  const { plan } = front(uri, readFileSync(uri, "utf8"));
  const unleveled = schedule(plan, { level: "off", optimizeMs: 0 });
  const days = Math.ceil(((unleveled.finish - unleveled.start) / 1440) * 2) + 60; // room to level
  const file = uri.replace(/\.plan$/, ".tjp");
  writeFileSync(file, toTaskJuggler(plan, days));
  const t = performance.now();
  // `timeout` stops tj3 itself: a timeout here would stop only /usr/bin/time and leave tj3
  // running, holding a core through the rest of the benchmark.
  const args = ["-f", "maxrss %M", "timeout", String(TIMEOUT_S), TJ3, "--silent", "--no-color", file];
  const run = spawnSync("/usr/bin/time", args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - t;
  if (run.status === 124) return `timed out after ${TIMEOUT_S} s`;
  const rss = /maxrss (\d+)/.exec(run.stderr ?? "");
  if (run.status !== 0) return `failed: ${(run.stderr ?? "").split("\n").find((l) => /Error/.test(l))?.trim().slice(0, 100) ?? `exit ${run.status}`}`;
  return { total: ms, rssMB: rss ? Number(rss[1]) / 1024 : 0 };
}

/** The goals each size is held to (ms, MB). */
const GOALS: Record<number, Partial<Record<"parseValidate" | "withSchedule" | "withLevel" | "total" | "rss", number>>> = {
  10000: { parseValidate: 50, withSchedule: 100, withLevel: 300, rss: 200 },
  100000: { total: 2000 },
};

const fmt = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US"));

type Figures = Record<string, number> | string;

function table(size: number, lines: number, engine: Figures, level: Figures, once: [Figures, Figures], tj3: Figures): string {
  const goal = GOALS[size] ?? {};
  const runs = typeof engine === "string" ? RUNS[size]! : engine["runs"]!;
  const rows: string[][] = [["", "cold", runs > 1 ? `warm (median of ${runs - 1})` : "", ""], ["lines", lines.toLocaleString("en-US"), "", ""]];
  const check = (value: number | undefined, limit: number | undefined, unit: string) =>
    value === undefined || limit === undefined ? "" : `${value <= limit ? "≤" : ">"} ${limit} ${unit} ${value <= limit ? "✓" : "✗"}`;
  // A stage's figure: the first run in a fresh process, and the median of the runs after it.
  const row = (label: string, of: (r: Record<string, number>, warm: boolean) => number | undefined, from: Record<string, number>, limit?: number, unit = "ms") => {
    const cold = of(from, false);
    if (cold === undefined) return;
    const warm = runs > 1 ? of(from, true) : undefined;
    const goalText = [check(cold, limit, unit), check(warm, limit, unit)].filter(Boolean);
    rows.push([label, fmt(cold), warm === undefined ? "" : fmt(warm), goalText.length ? `cold ${goalText[0]}${goalText[1] ? `, warm ${goalText[1]}` : ""}` : ""]);
  };
  const at = (k: string) => (r: Record<string, number>, warm: boolean) => r[warm ? `warm ${k}` : k];
  const sum = (...ks: string[]) => (r: Record<string, number>, warm: boolean) => ks.reduce((t, k) => t + r[warm ? `warm ${k}` : k]!, 0);
  if (typeof engine === "string") rows.push(["parse / validate / schedule", "—", "", engine]);
  else {
    row("parse ms", at("parse"), engine);
    row("resolve + validate ms", at("validate"), engine);
    row("  parse + validate ms", sum("parse", "validate"), engine, goal.parseValidate);
    row("schedule ms (no leveling)", at("schedule"), engine);
    row("  parse + validate + schedule ms", sum("parse", "validate", "schedule"), engine, goal.withSchedule);
    row("analyze() total ms (leveling off)", at("total"), engine, goal.total);
  }
  if (typeof level === "string") rows.push(["schedule with leveling", "—", "", level]);
  else {
    row("schedule ms (with leveling)", at("level"), level);
    if (typeof engine !== "string") row("  parse + validate + leveled schedule ms", (r, warm) => sum("parse", "validate")(engine, warm) + at("level")(r, warm)!, level, goal.withLevel);
    row("analyze() total ms (leveling on)", at("total"), level, goal.total);
  }
  // One analysis in a process of its own, as `gantry check` makes it: the goals' memory.
  for (const [mode, f, limit] of [["off", once[0], goal.withSchedule ?? goal.total], ["on", once[1], goal.withLevel ?? goal.total]] as const) {
    if (typeof f === "string") rows.push([`one analyze() alone (leveling ${mode})`, "—", "", f]);
    else {
      rows.push([`one analyze() alone, ms (leveling ${mode})`, fmt(f["total"]!), "", check(f["total"]!, limit, "ms")]);
      rows.push([`  its peak RSS MB`, fmt(f["rssMB"]!), "", check(f["rssMB"]!, goal.rss, "MB")]);
    }
  }
  // The timing runs' first: its stages one by one, then analyze() again.
  const rss = Math.max(typeof engine === "string" ? 0 : engine["rssMB"]!, typeof level === "string" ? 0 : level["rssMB"]!);
  if (rss > 0) rows.push(["peak RSS MB, first timing run", fmt(rss), "", ""]);
  if (typeof tj3 === "string") rows.push(["tj3 (TaskJuggler 3) total", "—", "", tj3]);
  else {
    rows.push(["tj3 (TaskJuggler 3) total ms, 1 run", fmt(tj3["total"]!), "", ""]);
    rows.push(["tj3 peak RSS MB", fmt(tj3["rssMB"]!), "", ""]);
  }
  const width = (c: number) => Math.max(...rows.map((x) => x[c]!.length));
  const [w0, w1, w2] = [width(0), width(1), width(2)];
  return [`${size.toLocaleString("en-US")} tasks`, ...rows.map(([a, b, c, d]) => `  ${a!.padEnd(w0)}  ${b!.padStart(w1)}  ${c!.padStart(w2)}  ${d}`.trimEnd())].join("\n");
}

function parent(sizes: number[]): void {
  const missing = sizes.filter((n) => !existsSync(planPath(n)));
  if (missing.length) writePlans(missing);
  console.log(`Engine benchmark — node ${process.version}, generated plans in bench/out/\n`);
  for (const size of sizes) {
    const lines = readFileSync(planPath(size), "utf8").split("\n").length - 1;
    const tj3 = process.env["GANTRY_BENCH_TJ3"] === "0" ? "skipped (GANTRY_BENCH_TJ3=0)" : runTj3(size);
    console.log(table(size, lines, runPart("engine", size), runPart("level", size), [runPart("once", size), runPart("once-level", size)], tj3) + "\n");
  }
}

const args = process.argv.slice(2);
if (args[0] === "--child") child(args[1] as Part, Number(args[2]));
else {
  const sizes = args.map(Number).filter((n) => n > 0);
  parent(sizes.length ? sizes : SIZES);
}
