// `risk` blocks: a probability within 0–100% (GANTRY501) and something to weigh — a
// probability and an impact (GANTRY502).
import { diag } from "../diagnostics";
import type { ValidateContext } from "./context";
import { q } from "./context";
import { checkMoney } from "./literals";

export function validateRisks(ctx: ValidateContext): void {
  for (const { node: r, uri, id } of ctx.res.risks) {
    const p = r.probability;
    if (p && (p.value < 0 || p.value > 100)) {
      ctx.out.push(diag("GANTRY501", uri, p.range, `A probability is between 0% and 100%; ${p.value}% is not. Estimate how likely the risk ${q(id)} is, e.g. \`probability 40%\`.`));
    }
    checkMoney(ctx, uri, r.costImpact);
    const missing = [!p && "`probability 40%`", !r.costImpact && !r.scheduleImpact && "`impact 15000, 10d`"].filter(Boolean);
    if (missing.length > 0) {
      ctx.out.push(
        diag("GANTRY502", uri, r.id!.range, `The risk ${q(id)} has no ${!p ? "probability" : "impact"}${missing.length > 1 ? " or impact" : ""}, so its exposure cannot be weighed. Add ${missing.join(" and ")}.`),
      );
    }
  }
}
