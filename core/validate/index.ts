// Validation: every check that needs the resolved names but not the schedule.
// Schedule-level findings (deadlines, negative slack, over-allocation, budget) come from
// the scheduler.
import type * as ast from "../ast";
import type { ValidateContext } from "./context";
import { validateCalendars } from "./calendar";
import { validateLinks } from "./links";
import { validateProject } from "./project";
import { validateResources } from "./resource";
import { validateRisks } from "./risk";
import { validateTasks } from "./task";

export type { ValidateContext } from "./context";

/** Runs every validator; returns the dependencies the model must leave out. */
export function validate(ctx: ValidateContext): { dropDeps: Set<ast.Dependency> } {
  validateProject(ctx);
  validateCalendars(ctx);
  validateResources(ctx);
  validateTasks(ctx);
  validateRisks(ctx);
  return { dropDeps: validateLinks(ctx) };
}
