// `gantry`: check, schedule, explain and format plans from the command line.
// Exit codes: 0 clean, 1 the plan has errors (or `fmt --check` found changes),
// 2 bad usage or unreadable input. Errors are one line on stderr, never a stack trace.
import { writeFileSync } from "node:fs";
import { basename, dirname, relative, resolve as resolvePath, isAbsolute } from "node:path";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { analyze, type Analysis, type AnalyzeOptions, type Host } from "../core/analysis";
import { formatPlan } from "../core/format";
import { psplibToPlan } from "../core/level/psplib";
import { closestNames, didYouMean } from "../core/names";
import { explainTask } from "../core/report/explain";
import { toScheduleJson } from "../core/report/json";
import { scheduleTable } from "../core/report/table";
import pkg from "../package.json";
import { readPlanFile } from "./input";
import { diagnosticJson, displayPath, formatDiagnostic } from "./output";

/** Bad usage or unreadable input: reported as `gantry: message`, exit 2. */
class InputError extends Error {}

function readOrFail(path: string): string {
  const r = readPlanFile(path);
  if (!r.ok) throw new InputError(`cannot read ${displayPath(path)}: ${r.reason}`);
  return r.text;
}

/** The workspace folder: --root, else the working directory when the plan is inside it, else the plan's folder. */
function workspaceRoot(file: string, root: string | undefined): string {
  if (root) return resolvePath(root);
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") || isAbsolute(rel) ? dirname(file) : process.cwd();
}

/** Reads and analyses one plan (a `.plan`, or a PSPLIB `.sm` instance converted to one). */
function analyzeFile(file: string, opts: { root?: string }, options: AnalyzeOptions = {}): Analysis {
  const path = resolvePath(file);
  let text = readOrFail(path);
  if (path.endsWith(".sm")) {
    try {
      text = psplibToPlan(text, basename(path, ".sm"));
    } catch (e) {
      throw new InputError(`cannot read ${displayPath(path)}: not a PSPLIB instance (${(e as Error).message})`);
    }
  }
  const host: Host = {
    read: (uri) => {
      if (uri === path) return text;
      const r = readPlanFile(uri);
      return r.ok ? r.text : undefined;
    },
    workspaceRoot: workspaceRoot(path, opts.root),
  };
  return analyze(path, host, options);
}

const hasErrors = (a: Analysis) => a.diagnostics.some((d) => d.severity === "error");

function printDiagnostics(a: Analysis, stream: NodeJS.WriteStream): void {
  for (const d of a.diagnostics) stream.write(formatDiagnostic(d, stream) + "\n");
}

function parseFormat(allowed: string[]) {
  return (value: string) => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`expected ${allowed.join(" or ")}`);
    return value;
  };
}

function parseMs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive number of milliseconds");
  return n;
}

export function buildProgram(): Command {
  const program = new Command("gantry")
    .description("Project plans as code: check, schedule, explain and format .plan files.")
    .version(pkg.version, "-V, --version")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");

  program
    .command("check")
    .description("Check plans and print every problem as file:line:col: severity CODE message.\nExit 0 when clean (warnings allowed), 1 on errors, 2 when a file cannot be read.")
    .argument("<files...>", ".plan files")
    .option("--format <format>", "text or json", parseFormat(["text", "json"]), "text")
    .option("--root <dir>", "workspace folder imports must stay in (default: the working directory)")
    .action((files: string[], opts: { format: string; root?: string }) => {
      const all: ReturnType<typeof diagnosticJson>[] = [];
      let code = 0;
      for (const file of files) {
        let a: Analysis;
        try {
          a = analyzeFile(file, opts);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          process.stderr.write(`gantry: ${e.message}\n`);
          code = 2;
          continue;
        }
        if (opts.format === "json") all.push(...a.diagnostics.map(diagnosticJson));
        else printDiagnostics(a, process.stdout);
        if (hasErrors(a) && code === 0) code = 1;
      }
      if (opts.format === "json") process.stdout.write(JSON.stringify(all, null, 2) + "\n");
      process.exitCode = code;
    });

  program
    .command("schedule")
    .description("Schedule a plan and print the task table (or the JSON schedule).\nAlso reads PSPLIB .sm instances. Problems go to stderr; exit 1 when the plan has errors.")
    .argument("<file>", "a .plan file or a PSPLIB .sm file")
    .option("--format <format>", "table or json", parseFormat(["table", "json"]), "table")
    .option("--level", "level over-allocated resources (whatever the plan says)")
    .option("--optimize [ms]", "optimised leveling with a time budget in milliseconds (default 1000)", parseMs)
    .option("--root <dir>", "workspace folder imports must stay in")
    .action((file: string, opts: { format: string; level?: boolean; optimize?: number | true; root?: string }) => {
      const options: AnalyzeOptions = opts.optimize
        ? { level: "optimize", optimizeMs: opts.optimize === true ? 1000 : opts.optimize }
        : opts.level
          ? { level: "on" }
          : {};
      const a = analyzeFile(file, opts, options);
      printDiagnostics(a, process.stderr);
      const json = toScheduleJson(a);
      process.stdout.write(opts.format === "json" ? JSON.stringify(json, null, 2) + "\n" : scheduleTable(json));
      process.exitCode = hasErrors(a) ? 1 : 0;
    });

  program
    .command("explain")
    .description("Explain why a task starts when it does: its driver chain back to the project start\n(predecessors and lags, constraints, holidays and time off, leveling).")
    .argument("<file>", "a .plan file")
    .argument("<task>", "the task: its dotted id (build.data) or, when unique, its own id (data)")
    .option("--root <dir>", "workspace folder imports must stay in")
    .action((file: string, task: string, opts: { root?: string }) => {
      const a = analyzeFile(file, opts);
      const tasks = a.plan.tasks;
      const matches = tasks.filter((t) => t.id === task);
      const found = matches.length ? matches : tasks.filter((t) => t.localId === task);
      if (found.length !== 1) {
        const why = found.length > 1 ? `is ambiguous: ${found.map((t) => t.id).join(", ")}` : `is not a task in ${displayPath(a.uri)}.${didYouMean(closestNames(task, tasks.flatMap((t) => [t.id, t.localId])))}`;
        throw new InputError(`\`${task}\` ${why}`);
      }
      process.stdout.write(explainTask(a, found[0]!.index).join("\n") + "\n");
    });

  program
    .command("fmt")
    .description("Print a plan in the canonical layout; --write rewrites the file, --check exits 1 when it is not formatted.")
    .argument("<file>", "a .plan file")
    .option("--check", "exit 1 (and say so) when the file is not formatted")
    .option("--write", "rewrite the file in place")
    .action((file: string, opts: { check?: boolean; write?: boolean }) => {
      if (opts.check && opts.write) throw new InputError("use either --check or --write, not both");
      const path = resolvePath(file);
      const text = readOrFail(path);
      const formatted = formatPlan(text);
      if (opts.check) {
        if (formatted !== text) process.stderr.write(`${displayPath(path)} is not formatted (run gantry fmt --write ${file})\n`);
        process.exitCode = formatted === text ? 0 : 1;
      } else if (opts.write) {
        if (formatted !== text) writeFileSync(path, formatted);
      } else process.stdout.write(formatted);
    });

  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
    } else if (e instanceof InputError) {
      process.stderr.write(`gantry: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      // GANTRY_DEBUG=1 shows the stack; users get one line.
      const detail = process.env["GANTRY_DEBUG"] ? (e as Error)?.stack : (e as Error)?.message;
      process.stderr.write(`gantry: internal error: ${detail ?? String(e)}\n`);
      process.exitCode = 3;
    }
  }
}

void main();
