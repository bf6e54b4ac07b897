// Literal checks the parser leaves to the validator (it checks dates, times and units
// itself): money has at most two decimals (GANTRY109).
import type * as ast from "../ast";
import { diag } from "../diagnostics";
import type { ValidateContext } from "./context";

export function checkMoney(ctx: ValidateContext, uri: string, n: ast.NumberLit | undefined): void {
  if (!n) return;
  const decimals = /\.(\d*)$/.exec(n.text)?.[1]?.length ?? 0;
  if (decimals > 2) {
    ctx.out.push(diag("GANTRY109", uri, n.range, `${n.text} has more than two decimals; money is kept exact to the cent. Round it to cents, e.g. ${Number(n.text).toFixed(2)}.`));
  }
}
