// The `project` block: exactly one, in the main file (GANTRY209); a start date
// (GANTRY310); a status date not before the start (GANTRY309).
import { diag } from "../diagnostics";
import type { ValidateContext } from "./context";
import { checkMoney } from "./literals";

const START: import("../ast").Pos = { line: 0, col: 0 };

export function validateProject(ctx: ValidateContext): void {
  const [main, ...imported] = ctx.docs;
  if (!main) return;
  const { uri, document } = main;
  const p = document.project;
  if (!p) {
    ctx.out.push(
      diag("GANTRY209", uri, { start: START, end: START }, 'This plan has no `project` block. Add one at the top, e.g. `project "Name" { start 2027-01-04 }`.'),
    );
  }
  for (const extra of document.extraProjects) {
    ctx.out.push(
      diag("GANTRY209", uri, extra.keyword.range, "A plan has exactly one `project` block; this is a second one. Merge its fields into the first and delete it.", {
        related: p ? [{ uri, range: p.keyword.range, message: "the first `project` block" }] : undefined,
      }),
    );
  }
  for (const doc of imported) {
    for (const extra of [doc.document.project, ...doc.document.extraProjects]) {
      if (!extra) continue;
      ctx.out.push(
        diag("GANTRY209", doc.uri, extra.keyword.range, "An imported file has no `project` block; only the main plan has one. Move these fields to the main plan and delete this block."),
      );
    }
  }
  if (!p) return;
  checkMoney(ctx, uri, p.budget);
  if (!p.start) {
    ctx.out.push(diag("GANTRY310", uri, p.keyword.range, "The project has no start date. Add `start YYYY-MM-DD` to the `project` block; no task starts before it."));
  }
  if (p.status && ctx.statusDate !== undefined && ctx.projectStart !== undefined && ctx.statusDate < ctx.projectStart) {
    ctx.out.push(
      diag("GANTRY309", uri, p.status.range, `The status date ${p.status.text} is before the project start ${p.start!.text}. Progress is measured on a date after the start; move the status date.`),
    );
  }
}
