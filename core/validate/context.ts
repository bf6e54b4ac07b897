// What every validator reads, and where it reports.
import type * as ast from "../ast";
import type { Diagnostic } from "../diagnostics";
import type { DayNumber } from "../model";
import type { Resolution, SourceDocument } from "../resolve";

export interface ValidateContext {
  /** The main document first, then the imports. */
  docs: SourceDocument[];
  res: Resolution;
  project: ast.Project | undefined;
  projectStart: DayNumber | undefined;
  statusDate: DayNumber | undefined;
  out: Diagnostic[];
}

/** "`build.data`" — how messages quote an identifier. */
export const q = (s: string) => `\`${s}\``;
