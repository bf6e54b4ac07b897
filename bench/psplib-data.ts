// Where the PSPLIB data lives (outside the repo: ../shared/data/psplib from the repo
// root, or $GANTRY_PSPLIB) and how to read its instances and reference tables.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

export type PsplibSet = "j30" | "j60" | "j120";

export function psplibDir(root = process.cwd()): string {
  return process.env.GANTRY_PSPLIB ?? resolve(root, "../shared/data/psplib");
}

export function psplibAvailable(root?: string): boolean {
  return existsSync(join(psplibDir(root), "j30-best.csv"));
}

export interface Reference {
  instance: string;
  cpm: number;
  best: number;
  optimal: boolean;
}

/** Instance names of a set in natural order (parameter group, then instance). */
export function instances(set: PsplibSet, root?: string): string[] {
  const key = (name: string) => name.slice(set.length).split("_").map(Number);
  return readdirSync(join(psplibDir(root), set))
    .filter((f) => f.endsWith(".sm"))
    .map((f) => f.slice(0, -3))
    .sort((a, b) => {
      const [pa, ia] = key(a);
      const [pb, ib] = key(b);
      return pa - pb || ia - ib;
    });
}

export function readInstance(set: PsplibSet, name: string, root?: string): string {
  return readFileSync(join(psplibDir(root), set, `${name}.sm`), "utf8");
}

/** Best-known (or optimal) makespan and CPM bound per instance. */
export function references(set: PsplibSet, root?: string): Map<string, Reference> {
  const rows = (file: string) =>
    readFileSync(join(psplibDir(root), file), "utf8").trim().split(/\r?\n/).map((l) => l.split(","));
  const [bh, ...bounds] = rows(`${set}-bounds.csv`);
  const cpmAt = bh.indexOf("cpm");
  const cpm = new Map(bounds.map((r) => [r[0], Number(r[cpmAt])]));
  const out = new Map<string, Reference>();
  for (const [instance, makespan, optimal] of rows(`${set}-best.csv`).slice(1)) {
    out.set(instance, { instance, cpm: cpm.get(instance)!, best: Number(makespan), optimal: optimal === "true" });
  }
  return out;
}
