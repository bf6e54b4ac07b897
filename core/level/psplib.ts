// PSPLIB single-mode RCPSP files (.sm): a parser, the kernel instance, and the same
// project written in the plan language. Jobs are numbered 1..N; job 1 and job N are the
// dummy source and sink.
import { makeRcpsp, needsOf, type Rcpsp } from "./rcpsp";

export interface PsplibInstance {
  /** Jobs including the two dummies. */
  jobs: number;
  capacity: number[];
  /** Indexed by job number − 1. */
  duration: number[];
  demand: number[][];
  successors: number[][]; // job numbers
}

/** The non-empty lines of the section that starts with a line beginning `title`. */
function section(lines: string[], title: string): string[] {
  const at = lines.findIndex((l) => l.startsWith(title));
  if (at < 0) throw new Error(`PSPLIB: missing section ${title}`);
  const out: string[] = [];
  for (let i = at + 1; i < lines.length && !lines[i].startsWith("*"); i++) {
    if (/^\s*\d/.test(lines[i])) out.push(lines[i]);
  }
  return out;
}

const numbers = (line: string) => line.trim().split(/\s+/).map(Number);

export function parsePsplib(text: string): PsplibInstance {
  const lines = text.split(/\r?\n/);
  const jobsLine = lines.find((l) => l.startsWith("jobs (incl. supersource/sink )"));
  if (!jobsLine) throw new Error("PSPLIB: missing the jobs count");
  const jobs = Number(jobsLine.split(":")[1]);
  const successors: number[][] = [];
  for (const line of section(lines, "PRECEDENCE RELATIONS:")) {
    const [job, , count, ...succ] = numbers(line);
    successors[job - 1] = succ.slice(0, count);
  }
  const duration: number[] = [];
  const demand: number[][] = [];
  for (const line of section(lines, "REQUESTS/DURATIONS:")) {
    const [job, , d, ...req] = numbers(line);
    duration[job - 1] = d;
    demand[job - 1] = req;
  }
  const capacity = numbers(section(lines, "RESOURCEAVAILABILITIES:")[0]);
  if (successors.length !== jobs || duration.length !== jobs) throw new Error("PSPLIB: job count does not match the sections");
  return { jobs, capacity, duration, demand, successors };
}

/** The kernel instance: activity j − 1 is job j, links are finish-to-start. */
export function psplibRcpsp(inst: PsplibInstance): Rcpsp {
  const edges = inst.successors.flatMap((succ, i) => succ.map((s) => ({ from: i, to: s - 1, lag: inst.duration[i] })));
  return makeRcpsp({
    duration: inst.duration,
    demand: inst.demand.map(needsOf),
    edges,
    capacity: inst.capacity,
    resources: inst.capacity.length,
  });
}

/**
 * The instance as a plan: one period = one 8-hour working day on a calendar where every
 * day works, starting 2000-01-03. Real jobs become tasks `j<number>`; the dummy source
 * and sink are left out (a job that only followed the source has no `after`).
 */
export function psplibToPlan(text: string, name = "PSPLIB instance"): string {
  const inst = parsePsplib(text);
  const sink = inst.jobs;
  const preds: number[][] = inst.successors.map(() => []);
  inst.successors.forEach((succ, i) => succ.forEach((s) => preds[s - 1].push(i + 1)));
  const out = [
    `project ${JSON.stringify(name)} {`,
    "  start 2000-01-03",
    "  calendar everyday",
    "}",
    "",
    "calendar everyday {",
    "  workweek mon-sun",
    "  hours 08:00-16:00",
    "}",
    "",
  ];
  inst.capacity.forEach((c, r) => out.push(`resource r${r + 1} "R${r + 1}" { units ${c} }`));
  out.push("");
  for (let job = 2; job < sink; job++) {
    const i = job - 1;
    const after = preds[i].filter((p) => p !== 1).map((p) => `j${p}`);
    const assign = inst.demand[i].flatMap((q, r) => (q > 0 ? [`r${r + 1} ${q * 100}%`] : []));
    const fields =
      inst.duration[i] === 0
        ? [after.length ? `after ${after.join(", ")}` : ""]
        : [`duration ${inst.duration[i]}d`, assign.length ? `assign ${assign.join(", ")}` : "", after.length ? `after ${after.join(", ")}` : ""];
    const kind = inst.duration[i] === 0 ? "milestone" : "task";
    out.push(`${kind} j${job} "Job ${job}" { ${fields.filter(Boolean).join("  ")} }`);
  }
  return out.join("\n") + "\n";
}
