// `resource` blocks: units and rate must be positive amounts (GANTRY404).
import { diag } from "../diagnostics";
import type { ValidateContext } from "./context";
import { q } from "./context";
import { checkMoney } from "./literals";

export function validateResources(ctx: ValidateContext): void {
  for (const { node: r, uri, id } of ctx.res.resources) {
    if (r.units) {
      const units = "text" in r.units ? r.units.value : r.units.value / 100;
      if (!(units > 0) || !Number.isFinite(units)) {
        ctx.out.push(
          diag("GANTRY404", uri, r.units.range, `The resource ${q(id)} has no capacity with these units. Units are a positive number (\`units 3\` for a pool of three) or percentage (\`units 50%\` for half time).`),
        );
      }
    }
    if (r.rate) {
      const amount = Number(r.rate.amount.text);
      if (!Number.isFinite(amount) || amount < 0) {
        ctx.out.push(diag("GANTRY404", uri, r.rate.range, `The rate of ${q(id)} is not a valid amount. Write money per hour or day, e.g. \`rate 110/h\` or \`rate 1400/d\`.`));
      } else checkMoney(ctx, uri, r.rate.amount);
    }
  }
}
