// Diagnostics: one shape for every stage (syntax, names, schedule, resources, risks),
// with stable codes. The catalogue below is the only place a code is defined; every code
// is documented, with a bad and a fixed example, in docs/diagnostics.md (tested).
import type { Range } from "./ast";

export type Severity = "error" | "warning" | "info";

export interface RelatedInfo {
  uri: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  code: Code;
  severity: Severity;
  /** What is wrong and how to fix it, in the planner's words. */
  message: string;
  uri: string;
  range: Range;
  related?: RelatedInfo[];
  /** Machine-readable hints for quick fixes (e.g. did-you-mean candidates). */
  fix?: FixHint;
}

export type FixHint =
  | { kind: "replace"; candidates: string[] } // replace the range with one of these
  | { kind: "addUnit"; units: string[] } // append a unit to the number at the range
  | { kind: "assign"; resources: string[] } // add `assign X` to the task
  | { kind: "dropLink"; links: { uri: string; range: Range; label: string }[] }; // break a cycle

/** Every diagnostic code with its default severity and a short title. */
export const CODES = {
  // 1xx — syntax and literals
  GANTRY101: { severity: "error", title: "Syntax error" },
  GANTRY102: { severity: "error", title: "Missing value" },
  GANTRY103: { severity: "error", title: "Unterminated string" },
  GANTRY104: { severity: "error", title: "Unknown character" },
  GANTRY105: { severity: "error", title: "Number without a unit" },
  GANTRY106: { severity: "error", title: "Invalid date" },
  GANTRY107: { severity: "error", title: "Invalid time or hours range" },
  GANTRY108: { severity: "warning", title: "Field given twice" },
  GANTRY109: { severity: "error", title: "Value out of range" },
  // 2xx — names and files
  GANTRY201: { severity: "error", title: "Unknown task" },
  GANTRY202: { severity: "error", title: "Unknown resource" },
  GANTRY203: { severity: "error", title: "Unknown calendar" },
  GANTRY204: { severity: "error", title: "Ambiguous name" },
  GANTRY205: { severity: "error", title: "Duplicate identifier" },
  GANTRY206: { severity: "error", title: "Imported file not found" },
  GANTRY207: { severity: "error", title: "Import outside the workspace folder" },
  GANTRY208: { severity: "error", title: "Import cycle" },
  GANTRY209: { severity: "error", title: "Project block missing or repeated" },
  GANTRY210: { severity: "error", title: "Unknown weekday" },
  // 3xx — schedule logic
  GANTRY301: { severity: "error", title: "Dependency cycle" },
  GANTRY302: { severity: "error", title: "Task without a length" },
  GANTRY303: { severity: "error", title: "Invalid length" },
  GANTRY304: { severity: "error", title: "Milestone with a length" },
  GANTRY305: { severity: "error", title: "Effort with nobody assigned" },
  GANTRY306: { severity: "error", title: "More than one length" },
  GANTRY307: { severity: "warning", title: "Deadline missed" },
  GANTRY308: { severity: "warning", title: "Negative slack" },
  GANTRY309: { severity: "error", title: "Impossible dates" },
  GANTRY310: { severity: "error", title: "Project start missing" },
  GANTRY311: { severity: "error", title: "Dependency between a phase and its own tasks" },
  GANTRY312: { severity: "warning", title: "Conflicting constraints" },
  GANTRY313: { severity: "warning", title: "Inconsistent progress" },
  GANTRY314: { severity: "error", title: "Calendar without working time" },
  GANTRY315: { severity: "info", title: "Phase with its own length" },
  // 4xx — resources and cost
  GANTRY401: { severity: "error", title: "Assignment above the resource's units" },
  GANTRY402: { severity: "warning", title: "Resource over-allocated" },
  GANTRY403: { severity: "warning", title: "Over budget" },
  GANTRY404: { severity: "error", title: "Invalid units or rate" },
  // 5xx — risks
  GANTRY501: { severity: "error", title: "Probability out of range" },
  GANTRY502: { severity: "warning", title: "Risk without probability or impact" },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type Code = keyof typeof CODES;

/** The docs page a code links to (LSP `codeDescription`). */
export const DIAGNOSTICS_DOC_URL = "https://github.com/gantry-plan/gantry/blob/main/docs/diagnostics.md";

/** Made once per code: every published diagnostic links to its anchor (hundreds per keystroke on a big plan). */
const anchors = new Map<Code, string>();

/**
 * The section of a code: docs/diagnostics.md has one heading per code, `## GANTRY201 —
 * Unknown task`, whose GitHub anchor is the heading lower-cased, punctuation dropped and
 * spaces turned into hyphens: `#gantry201--unknown-task`.
 */
export function docAnchor(code: Code): string {
  let anchor = anchors.get(code);
  if (anchor === undefined) anchors.set(code, (anchor = `${DIAGNOSTICS_DOC_URL}#${headingSlug(`${code} — ${CODES[code].title}`)}`));
  return anchor;
}

/** GitHub's heading anchor: lower case, only letters, digits, spaces, `-` and `_` kept, spaces → `-`. */
export function headingSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

export function diag(
  code: Code,
  uri: string,
  range: Range,
  message: string,
  extra: { severity?: Severity; related?: RelatedInfo[]; fix?: FixHint } = {},
): Diagnostic {
  const d: Diagnostic = { code, severity: extra.severity ?? CODES[code].severity, message, uri, range };
  if (extra.related) d.related = extra.related;
  if (extra.fix) d.fix = extra.fix;
  return d;
}
