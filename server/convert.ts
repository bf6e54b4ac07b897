// Conversions between the engine's shapes and LSP's, and small shared formatters.
import type { Range as LspRange, Position, DiagnosticSeverity } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Pos, Range } from "../core/ast";
import type { Minutes } from "../core/model";
import { dayOfMinutes, formatDay, formatMinutes } from "../core/dates";

export function toLspRange(r: Range): LspRange {
  const { start, end } = r; // each read of a parser range makes a position
  return { start: { line: start.line, character: start.col }, end: { line: end.line, character: end.col } };
}

export function severity(s: "error" | "warning" | "info"): DiagnosticSeverity {
  return s === "error" ? 1 : s === "warning" ? 2 : 3;
}

/** Is an LSP position inside [start, end] of an engine range (the end included, for cursors after a word)? */
export function contains(r: Range, p: Position): boolean {
  return !before(p, r.start) && !before(r.end, p);
}

function before(a: Pos | Position, b: Pos | Position): boolean {
  const ac = "col" in a ? a.col : a.character;
  const bc = "col" in b ? b.col : b.character;
  return a.line < b.line || (a.line === b.line && ac < bc);
}

/** Where an engine position is in `doc`, as an offset. */
export function offsetIn(doc: TextDocument, p: Pos): number {
  return doc.offsetAt({ line: p.line, character: p.col });
}

/** Range length in characters in `doc` (for picking the innermost of nested ranges). */
export function size(r: Range, doc: TextDocument): number {
  return offsetIn(doc, r.end) - offsetIn(doc, r.start);
}

/** `2027-01-04` for a Minutes timestamp. */
export function isoDay(t: Minutes): string {
  return formatDay(dayOfMinutes(t));
}

/** `2027-01-04 08:00` */
export function isoDateTime(t: Minutes): string {
  return formatMinutes(t).replace("T", " ");
}

/** The calendar day a finish falls on: a finish at midnight belongs to the day before. */
export function finishDay(start: Minutes, finish: Minutes): string {
  return isoDay(finish > start && finish % 1440 === 0 ? finish - 1 : finish);
}

/** Working minutes as a short length: `5d`, `3d 4h`, `6h`, given the minutes in a working day. */
export function formatSpan(minutes: number, minutesPerDay: number): string {
  const sign = minutes < 0 ? "−" : "";
  let m = Math.abs(Math.round(minutes));
  const days = Math.floor(m / minutesPerDay);
  m -= days * minutesPerDay;
  const hours = Math.round((m / 60) * 10) / 10;
  if (days && hours) return `${sign}${days}d ${hours}h`;
  if (days) return `${sign}${days}d`;
  return `${sign}${hours}h`;
}

/** Made once: `toLocaleString` with options builds a formatter on every call. */
const WITH_CENTS = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const WHOLE = new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** Integer cents as money: `12,400.50 USD`. */
export function formatMoney(cents: number, currency: string): string {
  const whole = (cents % 100 ? WITH_CENTS : WHOLE).format(cents / 100);
  return currency ? `${whole} ${currency}` : whole;
}

/** The word (letters, digits, `_`) around an offset; "" when none. */
export function wordAt(text: string, offset: number): string {
  let a = offset;
  let b = offset;
  while (a > 0 && /\w/.test(text[a - 1]!)) a--;
  while (b < text.length && /\w/.test(text[b]!)) b++;
  return text.slice(a, b);
}
