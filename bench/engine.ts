// Engine benchmark: generated plans of 1k, 10k and 100k tasks (bench/generate.ts), timed
// stage by stage. Each size runs in child processes — one for parse/validate/schedule,
// one for leveling — so peak RSS is honest and a stage that fails or runs out of time
// cannot hide the others. Prints one table per size (median of several runs) against
// the goals. Never fails: speed goals are reported, not asserted.
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

type Part = "engine" | "level";

/** Runs per size and part; the median is reported. */
const RUNS: Record<number, number> = { 1000: 7, 10000: 3, 100000: 1 };
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

/** Child mode: time one part for one size; print the medians and the peak RSS as JSON. */
function child(part: Part, size: number): void {
  const uri = planPath(size);
  const text = readFileSync(uri, "utf8");
  const gc = (globalThis as { gc?: () => void }).gc;
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < (RUNS[size] ?? 1); i++) {
    gc?.();
    runs.push(measure(part, uri, text));
  }
  const result: Record<string, number> = { runs: runs.length, rssMB: process.resourceUsage().maxRSS / 1024 };
  for (const k of Object.keys(runs[0]!)) result[k] = median(runs.map((r) => r[k]!));
  console.log(JSON.stringify(result));
}

/** Runs a part in a child process: its numbers, or why there are none. */
function runPart(part: Part, size: number): Record<string, number> | string {
  const args = ["--expose-gc", join("scripts", "run-ts.mjs"), join("bench", "engine.ts"), "--child", part, String(size)];
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

function table(size: number, lines: number, engine: Record<string, number> | string, level: Record<string, number> | string, tj3: Record<string, number> | string): string {
  const goal = GOALS[size] ?? {};
  const rows: [string, string, string][] = [["lines", lines.toLocaleString("en-US"), ""]];
  const row = (label: string, value: number | undefined, limit?: number, unit = "ms") => {
    if (value === undefined) return;
    rows.push([label, fmt(value), limit === undefined ? "" : `${value <= limit ? "≤" : ">"} ${limit} ${unit} ${value <= limit ? "✓" : "✗"}`]);
  };
  if (typeof engine === "string") rows.push(["parse / validate / schedule", "—", engine]);
  else {
    const { parse, validate, schedule } = engine;
    row("parse ms", parse);
    row("resolve + validate ms", validate);
    row("  parse + validate ms", parse! + validate!, goal.parseValidate);
    row("schedule ms (no leveling)", schedule);
    row("  parse + validate + schedule ms", parse! + validate! + schedule!, goal.withSchedule);
    row("analyze() total ms (leveling off)", engine["total"], goal.total);
  }
  if (typeof level === "string") rows.push(["schedule with leveling", "—", level]);
  else {
    row("schedule ms (with leveling)", level["level"]);
    if (typeof engine !== "string") row("  parse + validate + leveled schedule ms", engine["parse"]! + engine["validate"]! + level["level"]!, goal.withLevel);
    row("analyze() total ms (leveling on)", level["total"], goal.total);
  }
  const rss = Math.max(typeof engine === "string" ? 0 : engine["rssMB"]!, typeof level === "string" ? 0 : level["rssMB"]!);
  if (rss > 0) row("peak RSS MB", rss, goal.rss, "MB");
  if (typeof tj3 === "string") rows.push(["tj3 (TaskJuggler 3) total", "—", tj3]);
  else {
    row("tj3 (TaskJuggler 3) total ms, 1 run", tj3["total"]);
    row("tj3 peak RSS MB", tj3["rssMB"]);
  }
  const runs = typeof engine === "string" ? RUNS[size] : engine["runs"];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  return [`${size.toLocaleString("en-US")} tasks (median of ${runs} run${runs === 1 ? "" : "s"})`, ...rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd())].join("\n");
}

function parent(sizes: number[]): void {
  const missing = sizes.filter((n) => !existsSync(planPath(n)));
  if (missing.length) writePlans(missing);
  console.log(`Engine benchmark — node ${process.version}, generated plans in bench/out/\n`);
  for (const size of sizes) {
    const lines = readFileSync(planPath(size), "utf8").split("\n").length - 1;
    const tj3 = process.env["GANTRY_BENCH_TJ3"] === "0" ? "skipped (GANTRY_BENCH_TJ3=0)" : runTj3(size);
    console.log(table(size, lines, runPart("engine", size), runPart("level", size), tj3) + "\n");
  }
}

const args = process.argv.slice(2);
if (args[0] === "--child") child(args[1] as Part, Number(args[2]));
else {
  const sizes = args.map(Number).filter((n) => n > 0);
  parent(sizes.length ? sizes : SIZES);
}
