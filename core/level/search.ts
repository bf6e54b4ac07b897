// The two search modes of the kernel.
// fast: multi-pass — the given lists and the LFT/LST/MTS/GRPW rules, then regret-based
//   biased random samples around LFT, each improved by forward–backward passes; a fixed
//   number of schedules, so the result is deterministic.
// optimize: a genetic algorithm on activity lists (Hartmann's two-point crossover,
//   adjacent-swap mutation, serial SGS, double justification written back into the list),
//   seeded with the multi-pass population; when it stalls it keeps the best schedule and
//   resamples the rest around that schedule's list. It stops at the time budget (or a
//   schedule budget) or when the makespan reaches the lower bound.
import { latestFinishes, lowerBound, type Rcpsp } from "./rcpsp";
import { ruleKeys, ruleList, sampleList, type RuleName } from "./rules";
import { Sgs, type Solution } from "./sgs";
import { seeded, type Random } from "./random";

export interface SolveOptions {
  mode: "fast" | "optimize";
  /** Time budget of "optimize" in milliseconds. */
  budgetMs?: number;
  /** Schedule budget of "optimize": set it (with a large budgetMs) for a deterministic run. */
  maxSchedules?: number;
  /** Effort of the multi-pass in periods examined by the SGS (deterministic, ≈ time). */
  fastWork?: number;
  seed?: number;
  /** Lists tried first, in order; on equal makespans the earliest found wins. */
  lists?: Int32Array[];
  /** Skip the priority rules and samples: only the given lists (with improvement unless `justify` is false). */
  listsOnly?: boolean;
  justify?: boolean;
}

export interface SolveResult extends Solution {
  lowerBound: number;
  /** Schedules generated (forward and backward passes). */
  schedules: number;
}

const RULES: RuleName[] = ["LFT", "LST", "MTS", "GRPW"];
/** GA population size, generations without progress before a restart, and the mutation rate. */
const POPULATION = 80;
const STALL_GENERATIONS = 45;
const MUTATION = 0.1;
/** Default multi-pass effort: about 10 ms on a j120 instance; at most 1000 schedules. */
const FAST_WORK = 1.2e6;
const FAST_SCHEDULES = 1000;

export function solve(p: Rcpsp, options: SolveOptions): SolveResult {
  const deadline = performance.now() + (options.budgetMs ?? 1000);
  const sgs = new Sgs(p);
  const lb = lowerBound(p);
  const random = seeded(options.seed ?? 1);
  const pool: Solution[] = [];
  let best: Solution | undefined;
  const consider = (list: Int32Array, keep = true): Solution => {
    const sol = options.justify === false ? schedule(sgs, list) : sgs.evaluate(list);
    if (keep) pool.push(sol);
    if (!best || sol.makespan < best.makespan) best = sol;
    return sol;
  };
  for (const list of options.lists ?? []) consider(list);
  if (!options.listsOnly && p.n > 0) {
    const lft = latestFinishes(p);
    for (const rule of RULES) {
      if (best && best.makespan <= lb) break;
      consider(ruleList(p, ruleKeys(p, rule, lft)));
    }
    const key = ruleKeys(p, "LFT", lft);
    const budget = options.fastWork ?? FAST_WORK;
    const timeLeft = () => options.mode === "fast" || performance.now() < deadline;
    while (best!.makespan > lb && sgs.work < budget && sgs.count < FAST_SCHEDULES && timeLeft()) consider(sampleList(p, key, random));
    // Restarts sample around the best list: regret-based on its positions, squared to stay close.
    const sample = (around?: Int32Array) => {
      if (!around) return consider(sampleList(p, key, random), false);
      const pos = new Float64Array(p.n);
      for (let k = 0; k < p.n; k++) pos[around[k]] = k;
      return consider(sampleList(p, pos, random, 2), false);
    };
    if (options.mode === "optimize") evolve(sgs, pool, lb, random, options, deadline, sample, (s) => (best = s));
  }
  if (!best) best = schedule(sgs, new Int32Array(0));
  return { ...best, lowerBound: lb, schedules: sgs.count };
}

function schedule(sgs: Sgs, list: Int32Array): Solution {
  const start = new Int32Array(sgs.p.n);
  return { list, start, makespan: sgs.forward(list, start) };
}

function evolve(
  sgs: Sgs, pool: Solution[], lb: number, random: Random, options: SolveOptions, deadline: number,
  sample: (around?: Int32Array) => Solution, found: (s: Solution) => void,
): void {
  const p = sgs.p;
  const maxSchedules = options.maxSchedules ?? Infinity;
  let pop = select(pool, POPULATION);
  for (let tries = 0; pop.length < POPULATION && tries < POPULATION; tries++) pop = select(pop.concat(sample()), POPULATION);
  if (pop.length < 2) return; // too few distinct schedules to recombine
  let best = pop[0];
  const out = () => performance.now() >= deadline || sgs.count >= maxSchedules || best.makespan <= lb;
  let stall = 0;
  while (!out()) {
    // A converged population stops finding anything: keep the elite, resample the rest.
    if (stall > STALL_GENERATIONS) {
      pop = [pop[0]];
      for (let tries = 0; pop.length < POPULATION && tries < 2 * POPULATION && !out(); tries++) pop = select(pop.concat(sample(pop[0].list)), POPULATION);
      stall = 0;
      if (pop.length < 2) return;
    }
    const before = best.makespan;
    const order = pop.map((_, i) => i);
    shuffle(order, random);
    const children: Solution[] = [];
    for (let i = 0; i + 1 < order.length && !out(); i += 2) {
      const mother = pop[order[i]].list;
      const father = pop[order[i + 1]].list;
      let q1 = Math.floor(random() * (p.n + 1));
      let q2 = Math.floor(random() * (p.n + 1));
      if (q1 > q2) [q1, q2] = [q2, q1];
      for (const [a, b] of [[mother, father], [father, mother]]) {
        const child = sgs.evaluate(mutate(p, crossover(a, b, q1, q2), random));
        children.push(child);
        if (child.makespan < best.makespan) {
          best = child;
          found(child);
        }
      }
    }
    pop = select(pop.concat(children), POPULATION);
    stall = best.makespan < before ? 0 : stall + 1;
  }
}

/** Hartmann's two-point crossover: mother's head, father's middle, mother's tail, each in its order. */
function crossover(mother: Int32Array, father: Int32Array, q1: number, q2: number): Int32Array {
  const n = mother.length;
  const child = new Int32Array(n);
  const taken = new Uint8Array(n);
  let k = 0;
  for (; k < q1; k++) taken[(child[k] = mother[k])] = 1;
  for (let i = 0; i < n && k < q2; i++) if (!taken[father[i]]) taken[(child[k++] = father[i])] = 1;
  for (let i = 0; i < n && k < n; i++) if (!taken[mother[i]]) taken[(child[k++] = mother[i])] = 1;
  return child;
}

/** Swap neighbours with probability MUTATION when no link forbids it. */
function mutate(p: Rcpsp, list: Int32Array, random: Random): Int32Array {
  for (let i = 0; i + 1 < list.length; i++) {
    if (random() >= MUTATION) continue;
    const a = list[i];
    const b = list[i + 1];
    let linked = false;
    for (let e = p.succ.off[a]; e < p.succ.off[a + 1] && !linked; e++) linked = p.succ.act[e] === b;
    if (!linked) {
      list[i] = b;
      list[i + 1] = a;
    }
  }
  return list;
}

/** The best `size` distinct schedules (stable: on ties the earlier one stays). */
function select(all: Solution[], size: number): Solution[] {
  const sorted = all.map((s, i) => ({ s, i })).sort((a, b) => a.s.makespan - b.s.makespan || a.i - b.i);
  const seen = new Set<string>();
  const out: Solution[] = [];
  for (const { s } of sorted) {
    const h = hash(s.start);
    if (seen.has(h)) continue;
    seen.add(h);
    out.push(s);
    if (out.length === size) break;
  }
  return out;
}

function hash(a: Int32Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 7;
  for (let i = 0; i < a.length; i++) {
    h1 = Math.imul(h1 ^ a[i], 16777619);
    h2 = (Math.imul(h2, 31) + a[i]) | 0;
  }
  return `${h1}:${h2}`;
}

function shuffle(a: number[], random: Random): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
}
