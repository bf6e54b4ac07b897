// Generates realistic, deterministic plans for the engine benchmark: a portfolio of
// programmes (top-level phases), each with sub-phases, work packages and tasks (WBS 3–4
// levels deep), ~1.5 predecessors per task pointing backwards (so the plan is acyclic),
// resources with hourly and daily rates, pools and part-timers, two calendars with
// holidays, effort and duration tasks, fixed costs, budgets and milestones.
//
//   node scripts/run-ts.mjs bench/generate.ts [1000 10000 100000]   → bench/out/plan-<n>.plan

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** mulberry32: a small, fast, seeded PRNG, so every run generates the same plan. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, int, pick };
}

const HOLIDAYS = [
  ["01-01", "New Year's Day"],
  ["05-31", "Memorial Day"],
  ["07-05", "Independence Day (observed)"],
  ["09-06", "Labor Day"],
  ["11-25", "Thanksgiving"],
  ["12-24", "Christmas Eve"],
] as const;
const YEARS = [2027, 2028, 2029, 2030];
const VERBS = ["Design", "Build", "Configure", "Test", "Review", "Migrate", "Document", "Deploy", "Integrate", "Validate"];
const THINGS = ["API", "database schema", "reports", "user interface", "interfaces", "data load", "security rules", "runbook", "dashboards", "batch jobs"];
const ROLES = ["Developer", "Analyst", "Tester", "Architect", "DBA", "Engineer"];
const CATEGORIES = ["Licenses", "Hardware", "Travel", "Training", "Consulting"];

interface Leaf {
  path: string; // dotted path from the top
}

/** A plan of exactly `tasks` tasks (phases and milestones included). */
export function generatePlan(tasks: number, seed = 42): string {
  const r = rng(seed);
  const out: string[] = [];
  const line = (depth: number, text: string) => out.push("  ".repeat(depth) + text);

  out.push(`# Generated benchmark plan: ${tasks} tasks, seed ${seed}.`);
  out.push(`project "Benchmark portfolio ${tasks}" {`, "  start 2027-01-04", "  currency USD", "  calendar office", "}", "");
  out.push("calendar office {", "  workweek mon-fri", "  hours 09:00-12:00, 13:00-17:00");
  for (const y of YEARS) for (const [md, name] of HOLIDAYS) out.push(`  holiday ${y}-${md} "${name}"`);
  out.push("}", "", "calendar plant {", "  workweek mon-sat", "  hours 06:00-14:00");
  for (const y of YEARS) out.push(`  holiday ${y}-12-24..${y}-12-26 "Plant shutdown"`);
  out.push("}", "");

  const resourceCount = Math.max(12, Math.round(tasks / 40));
  const pools = new Set<number>();
  const partTimers = new Set<number>();
  for (let i = 0; i < resourceCount; i++) {
    const fields: string[] = [`role "${r.pick(ROLES)}"`];
    fields.push(r.next() < 0.8 ? `rate ${r.int(6, 15) * 10}/h` : `rate ${r.int(6, 14) * 100}/d`);
    const roll = r.next();
    if (roll < 0.2) {
      fields.push(`units ${r.int(2, 4)}`);
      pools.add(i);
    } else if (roll < 0.3) {
      fields.push("units 50%");
      partTimers.add(i);
    }
    if (r.next() < 0.1) fields.push("calendar plant");
    if (r.next() < 0.2) {
      const month = String(r.int(3, 10)).padStart(2, "0");
      const day = r.int(1, 20);
      fields.push(`off 2027-${month}-${String(day).padStart(2, "0")}..2027-${month}-${String(day + 4).padStart(2, "0")}`);
    }
    out.push(`resource r${i} "Resource ${i}" { ${fields.join("  ")} }`);
  }
  out.push("");

  let count = 0;
  const remaining = () => tasks - count;
  const foundations: string[] = []; // milestones of the platform programme (p0) others wait for
  const teamSize = 6;

  // Leaves are written as they are generated; predecessors point only at earlier paths.
  const leafLine = (depth: number, id: string, team: number[], preds: string[]) => {
    const fields: string[] = [];
    const roll = r.next();
    const res = r.pick(team);
    const one = (x: number, canDouble: boolean) =>
      `r${x}${partTimers.has(x) ? " 50%" : canDouble && pools.has(x) && r.next() < 0.3 ? " 200%" : ""}`;
    if (roll < 0.55) {
      const second = r.next() < 0.2 ? `, ${one(r.pick(team.filter((t) => t !== res)), false)}` : "";
      fields.push(`effort ${r.int(2, 15)}d  assign ${one(res, true)}${second}`);
    } else if (roll < 0.85) fields.push(`duration ${r.int(1, 10)}d  assign ${one(res, false)}`);
    else if (roll < 0.95) fields.push(`duration ${r.int(1, 10)}d`);
    else fields.push(`estimate ${r.int(2, 4)}d..${r.int(5, 8)}d..${r.int(9, 16)}d  assign ${one(res, false)}`);
    if (preds.length) fields.push(`after ${preds.join(", ")}`);
    if (r.next() < 0.08) fields.push(`cost ${r.int(5, 400) * 100} "${r.pick(CATEGORIES)}"`);
    line(depth, `task ${id} "${r.pick(VERBS)} ${r.pick(THINGS)}" { ${fields.join("  ")} }`);
    count++;
  };

  const link = (target: string) => {
    const roll = r.next();
    if (roll < 0.85) return r.next() < 0.15 ? `${target} +${r.int(1, 3)}d` : target;
    if (roll < 0.95) return `${target} SS +${r.int(1, 5)}d`;
    return `${target} FF`;
  };

  let p = 0;
  for (; remaining() >= 4; p++) {
    const team = Array.from({ length: teamSize }, (_, i) => (p * 3 + i * 7) % resourceCount);
    line(0, `task p${p} "Programme ${p}" {`);
    count++;
    if (r.next() < 0.5) line(1, `budget ${r.int(20, 200) * 5000}`);
    const subphases = r.int(3, 4);
    let previousSub: string | undefined;
    for (let s = 0; s < subphases && (s === 0 || remaining() >= 3); s++) {
      line(1, `task s${s} "Stage ${s + 1}" {`);
      count++;
      const wps = r.int(3, 5);
      const wpLeaves: Leaf[][] = [];
      for (let w = 0; w < wps && (w === 0 || remaining() >= 2); w++) {
        line(2, `task w${w} "Work package ${w + 1}" {`);
        count++;
        const leaves: Leaf[] = [];
        const n = Math.min(r.int(4, 10), remaining());
        for (let t = 0; t < n; t++) {
          const preds = new Set<string>();
          const roll0 = r.next();
          const k = roll0 < 0.25 ? 1 : roll0 < 0.7 ? 2 : 3;
          for (let i = 0; i < k; i++) {
            // Mostly an earlier task of the same work package (any of them, so work packages
            // are bushy rather than one long chain), sometimes the previous work package or
            // stage, now and then a milestone of the platform programme.
            const roll = r.next();
            if (leaves.length && roll < 0.7) preds.add(`t${r.int(0, leaves.length - 1)}`);
            else if (w > 0 && roll < 0.8) preds.add(r.next() < 0.5 ? `w${w - 1}` : `w${w - 1}.t${r.int(0, wpLeaves[w - 1]!.length - 1)}`);
            else if (previousSub && roll < 0.9) preds.add(`${previousSub}.m`);
            else {
              const others = foundations.filter((f) => !f.startsWith(`p${p}.`));
              if (others.length) preds.add(r.pick(others));
            }
          }
          leafLine(3, `t${t}`, team, [...preds].map(link));
          leaves.push({ path: `p${p}.s${s}.w${w}.t${t}` });
        }
        wpLeaves.push(leaves);
        line(2, "}");
      }
      if (remaining() > 0) {
        line(2, `milestone m "Stage ${s + 1} complete" { after w${wpLeaves.length - 1} }`);
        count++;
        if (p === 0 && s < 2) foundations.push(`p0.s${s}.m`); // the shared platform
      }
      line(1, "}");
      previousSub = `s${s}`;
    }
    line(0, "}");
  }
  // Fewer tasks left than a programme needs: top-level checkpoints.
  for (let e = 0; remaining() > 0; e++) {
    line(0, `milestone x${e} "Portfolio checkpoint ${e + 1}" { after p${p - 1} }`);
    count++;
  }
  return out.join("\n") + "\n";
}

export const SIZES = [1000, 10000, 100000];

/** Where a generated plan goes (bench scripts run from the repository root). */
export function planPath(tasks: number): string {
  return join(process.cwd(), "bench", "out", `plan-${tasks}.plan`);
}

/**
 * The same plan as `generatePlan` written as `files` files: the main one keeps the project,
 * calendars, resources and the first share of the top-level tasks, and imports the others,
 * which hold the rest of the top-level tasks in order. Names are global across imports, so
 * it schedules as the one-file plan does. Returns the files' texts by name, main first.
 */
export function splitPlan(text: string, files: number): [string, string][] {
  const lines = text.split("\n");
  const header = lines.findIndex((l) => l.startsWith("task ") || l.startsWith("milestone "));
  // Top-level declarations start at column 0; each share starts at one.
  const starts = lines.map((l, i) => [l, i] as const).filter(([l, i]) => i >= header && /^(task|milestone) /.test(l)).map(([, i]) => i);
  const cut = (k: number) => starts[Math.floor((k * starts.length) / files)] ?? lines.length;
  const part = (k: number) => lines.slice(cut(k), k + 1 < files ? cut(k + 1) : lines.length).join("\n");
  const names = Array.from({ length: files - 1 }, (_, k) => `part-${k + 1}.plan`);
  const main = [...names.map((n) => `import "${n}"`), ...lines.slice(0, header), part(0)].join("\n");
  return [["main.plan", main], ...names.map((n, k): [string, string] => [n, part(k + 1) + "\n"])];
}

/** Writes `splitPlan(generatePlan(tasks), files)` to bench/out/plan-<tasks>-in-<files>/; returns the main file's path. */
export function writeSplitPlan(tasks: number, files: number): string {
  const dir = join(process.cwd(), "bench", "out", `plan-${tasks}-in-${files}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of splitPlan(generatePlan(tasks), files)) writeFileSync(join(dir, name), text);
  return join(dir, "main.plan");
}

/** Writes the plans of the given sizes to bench/out/ and returns their paths. */
export function writePlans(sizes = SIZES): string[] {
  return sizes.map((n) => {
    const file = planPath(n);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generatePlan(n));
    return file;
  });
}

if (process.argv[1] && /generate\.(ts|mjs|js)$/.test(process.argv[1])) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const file of writePlans(sizes.length ? sizes : SIZES)) console.log(file);
}
