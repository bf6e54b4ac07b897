// How numbers read in the panel: money in the project currency, working hours as days.
import { format } from "d3-format";
import { timeFormat } from "d3-time-format";
import { parseLocal } from "./time";

const money0 = format(",.0f");
const money2 = format(",.2f");

export function money(amount: number, currency: string): string {
  const text = Number.isInteger(amount) ? money0(amount) : money2(amount);
  return currency ? `${text} ${currency}` : text;
}

/** Working hours as "3d 4h" on a calendar of `hoursPerDay`. */
export function workTime(hours: number, hoursPerDay: number): string {
  const sign = hours < 0 ? "−" : "";
  const h = Math.abs(Math.round(hours * 100) / 100);
  const d = Math.floor(h / hoursPerDay + 1e-9);
  const rest = Math.round((h - d * hoursPerDay) * 100) / 100;
  if (d === 0) return `${sign}${rest}h`;
  return rest === 0 ? `${sign}${d}d` : `${sign}${d}d ${rest}h`;
}

const dateTime = timeFormat("%a %Y-%m-%d %H:%M");
export const showDateTime = (iso: string) => dateTime(parseLocal(iso));
export const percent = format(".0%");
