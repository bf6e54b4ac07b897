// In-memory workspaces for semantic tests: the main plan at /ws/plan.plan, more files
// by path.
import { analyze, type AnalyzeOptions } from "../../core/analysis";

export const MAIN = "/ws/plan.plan";

export function analyzeText(text: string, files: Record<string, string> = {}, options: AnalyzeOptions = {}) {
  const all: Record<string, string> = { [MAIN]: text, ...files };
  return analyze(MAIN, { read: (uri) => all[uri], workspaceRoot: "/ws" }, options);
}

/** "CODE line:col" (1-based) of every diagnostic, for compact assertions. */
export function codes(a: ReturnType<typeof analyzeText>): string[] {
  return a.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.col + 1}`);
}

export const taskIndex = (a: ReturnType<typeof analyzeText>, id: string) => a.plan.tasks.findIndex((t) => t.id === id);
