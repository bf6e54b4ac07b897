// Reads the facts the end-to-end steps need out of a plan's text (which task to hover,
// which resources completion must offer), so the suite follows the example as it changes.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { analyze } from "../../core/analysis";
import { toScheduleJson } from "../../core/report/json";
import type { ScheduleJson } from "../../core/json";

export interface LeafTask {
  id: string;
  /** Zero-based line of its declaration. */
  line: number;
  /** Zero-based column of its id and of the number of its `duration Nd`. */
  idCol: number;
  durationCol: number;
  durationDays: number;
}

/** The first leaf task with a `duration Nd` on its declaration line that a later task names in `after`. */
export function leafWithSuccessor(text: string): { task: LeafTask; successor: string } {
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    const m = /^(\s*task\s+)(\w+)(\s+"[^"]*"\s*\{.*?\bduration\s+)(\d+)d\b/.exec(line);
    if (!m) continue;
    const id = m[2]!;
    const successor = lines.slice(i + 1).map((l) => new RegExp(`^\\s*task\\s+(\\w+).*\\bafter\\b[^}#]*\\b${id}\\b`).exec(l)?.[1]).find(Boolean);
    if (successor) {
      return { task: { id, line: i, idCol: m[1]!.length, durationCol: m[1]!.length + id.length + m[3]!.length, durationDays: Number(m[4]) }, successor };
    }
  }
  throw new Error("the plan has no leaf task with a duration and a successor");
}

/** Ids of the resources a plan declares, in it and in the files it imports. */
export function declaredResources(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const own = [...text.matchAll(/^\s*resource\s+(\w+)/gm)].map((m) => m[1]!);
  const imported = [...text.matchAll(/^\s*import\s+"([^"]+)"/gm)].flatMap((m) => declaredResources(join(dirname(file), m[1]!)));
  return [...own, ...imported];
}

/** Renames an identifier in code, leaving strings and comments alone (what F2 must do). */
export function renameIdentifier(text: string, from: string, to: string): string {
  const word = new RegExp(`\\b${from}\\b`, "g");
  return text
    .split("\n")
    .map((line) => line.split(/("(?:[^"\\]|\\.)*"|#.*$)/).map((part, i) => (i % 2 === 1 ? part : part.replace(word, to))).join(""))
    .join("\n");
}

/** The schedule as the engine computes it from the files on disk (what the panel must show). */
export function scheduleOf(file: string, workspaceRoot: string): ScheduleJson {
  const read = (uri: string) => {
    try {
      return readFileSync(fileURLToPath(uri), "utf8");
    } catch {
      return undefined;
    }
  };
  return toScheduleJson(analyze(pathToFileURL(file).href, { read, workspaceRoot }));
}

/** Hours of wall-clock time between two ISO local date-times (no time zones in plans). */
export const hoursBetween = (a: string, b: string): number => (Date.parse(`${b}Z`) - Date.parse(`${a}Z`)) / 3_600_000;
