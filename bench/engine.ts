// Engine benchmark: generated plans of 1k, 10k and 100k tasks (bench/generate.ts), timed
// stage by stage, each size in its own child process so peak RSS is honest. Prints one
// table per size (median of several runs) against the goals. Never fails: speed goals
// are reported, not asserted.
//
//   npm run bench            (or: node scripts/run-ts.mjs bench/engine.ts [sizes...])

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parse } from "../grammar/index";
import { analyze } from "../core/analysis";
import { dateDayOf } from "../core/dates";
import { lower } from "../core/lower";
import { resolve } from "../core/resolve";
import { schedule } from "../core/scheduler/index";
import { validate } from "../core/validate/index";
import type { Diagnostic } from "../core/diagnostics";
import { SIZES, planPath, writePlans } from "./generate";

interface Sample {
  parse: number;
  validate: number; // resolve + validate + lower to the model
  schedule: number; // leveling off
  level: number; // schedule with the default (fast) leveling
  total: number; // analyze() end to end, leveling on
}

const RUNS: Record<number, number> = { 1000: 9, 10000: 5, 100000: 3 };

/** One pass through the pipeline, stage by stage, in the order `analyze` runs them. */
function measure(uri: string, text: string): Sample {
  const t0 = performance.now();
  const parsed = parse(text, uri);
  const t1 = performance.now();
  const sources = [{ uri, document: parsed.document }];
  const res = resolve(sources);
  const project = parsed.document.project;
  const out: Diagnostic[] = [];
  const projectStart = dateDayOf(project?.start);
  const { dropDeps } = validate({ docs: sources, res, project, projectStart, statusDate: dateDayOf(project?.status), out });
  const plan = lower(res, project, { fallbackStart: projectStart ?? 0, dropDeps });
  const t2 = performance.now();
  schedule(plan, { level: "off", optimizeMs: 0 });
  const t3 = performance.now();
  schedule(plan, { level: "fast", optimizeMs: 0 });
  const t4 = performance.now();
  analyze(uri, { read: () => text, workspaceRoot: undefined }, { level: "on" });
  const t5 = performance.now();
  return { parse: t1 - t0, validate: t2 - t1, schedule: t3 - t2, level: t4 - t3, total: t5 - t4 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Child mode: time one size and print the medians and the peak RSS as JSON. */
function child(size: number): void {
  const uri = planPath(size);
  const text = readFileSync(uri, "utf8");
  const gc = (globalThis as { gc?: () => void }).gc;
  const samples: Sample[] = [];
  for (let i = 0; i < (RUNS[size] ?? 3); i++) {
    gc?.();
    samples.push(measure(uri, text));
  }
  const pick = (k: keyof Sample) => median(samples.map((s) => s[k]));
  const result = {
    size,
    lines: text.split("\n").length - 1,
    runs: samples.length,
    parse: pick("parse"),
    validate: pick("validate"),
    schedule: pick("schedule"),
    level: pick("level"),
    total: pick("total"),
    rssMB: process.resourceUsage().maxRSS / 1024, // maxRSS is in kilobytes
  };
  console.log(JSON.stringify(result));
}

type Result = ReturnType<typeof JSON.parse> & { size: number };

const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
const verdict = (value: number, goal: number | undefined) => (goal === undefined ? "" : value <= goal ? `≤ ${goal} ✓` : `> ${goal} ✗`);

/** The goals (ms, MB) each size is held to; 100k only has an end-to-end goal. */
const GOALS: Record<number, Partial<Record<"parseValidate" | "withSchedule" | "withLevel" | "total" | "rss", number>>> = {
  10000: { parseValidate: 50, withSchedule: 100, withLevel: 300, rss: 200 },
  100000: { total: 2000 },
};

function table(r: Result): string {
  const goal = GOALS[r.size] ?? {};
  const rows: [string, string, string][] = [
    ["lines", String(r.lines), ""],
    ["parse ms", ms(r.parse), ""],
    ["resolve + validate ms", ms(r.validate), ""],
    ["  parse + validate ms", ms(r.parse + r.validate), verdict(r.parse + r.validate, goal.parseValidate)],
    ["schedule ms (no leveling)", ms(r.schedule), ""],
    ["  parse + validate + schedule ms", ms(r.parse + r.validate + r.schedule), verdict(r.parse + r.validate + r.schedule, goal.withSchedule)],
    ["schedule ms (with leveling)", ms(r.level), ""],
    ["  parse + validate + leveled schedule ms", ms(r.parse + r.validate + r.level), verdict(r.parse + r.validate + r.level, goal.withLevel)],
    ["analyze() total ms (leveling on)", ms(r.total), verdict(r.total, goal.total)],
    ["peak RSS MB", ms(r.rssMB), verdict(r.rssMB, goal.rss)],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const head = `${r.size.toLocaleString("en-US")} tasks (median of ${r.runs} runs)`;
  return [head, ...rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd())].join("\n");
}

function parent(sizes: number[]): void {
  const missing = sizes.filter((n) => !existsSync(planPath(n)));
  if (missing.length) writePlans(missing);
  for (const size of sizes) {
    const run = spawnSync(process.execPath, ["--expose-gc", join("scripts", "run-ts.mjs"), join("bench", "engine.ts"), "--child", String(size)], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const last = run.stdout.trim().split("\n").pop() ?? "";
    if (run.status !== 0 || !last.startsWith("{")) {
      console.log(`${size} tasks: the run failed (exit ${run.status})\n${run.stderr.trim().split("\n").slice(0, 8).join("\n")}\n`);
      continue;
    }
    console.log(table(JSON.parse(last) as Result) + "\n");
  }
}

const args = process.argv.slice(2);
if (args[0] === "--child") child(Number(args[1]));
else {
  const sizes = args.map(Number).filter((n) => n > 0);
  console.log(`Engine benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
  parent(sizes.length ? sizes : SIZES);
}
