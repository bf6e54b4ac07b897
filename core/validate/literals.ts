// Literal checks the parser leaves to the validator (it checks dates, times and units
// itself): money has at most two decimals (GANTRY109).
import type * as ast from "../ast";
import { diag } from "../diagnostics";
import type { ValidateContext } from "./context";

export function checkMoney(ctx: ValidateContext, uri: string, n: ast.NumberLit | undefined): void {
  if (!n) return;
  if (decimals(n.text) > 2) {
    ctx.out.push(diag("GANTRY109", uri, n.range, `${n.text} has more than two decimals; money is kept exact to the cent. Round it to cents, e.g. ${Number(n.text).toFixed(2)}.`));
  }
}

/** How many digits follow the decimal point of a number as typed (0 without one). */
function decimals(text: string): number {
  const dot = text.lastIndexOf(".");
  if (dot < 0) return 0;
  for (let i = dot + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
  }
  return text.length - dot - 1;
}
