// Terminal output: colours only on a terminal and without NO_COLOR; paths relative to
// the working directory; diagnostics as `file:line:col: severity CODE message`.
import { relative, isAbsolute } from "node:path";
import { styleText } from "node:util";
import type { Diagnostic } from "../core/diagnostics";

type Style = Parameters<typeof styleText>[0];

export function useColor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !process.env["NO_COLOR"];
}

export function paint(stream: NodeJS.WriteStream, style: Style, text: string): string {
  return useColor(stream) ? styleText(style, text) : text;
}

/** A path for people: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

const SEVERITY_STYLE: Record<Diagnostic["severity"], Style> = { error: "red", warning: "yellow", info: "blue" };

export function formatDiagnostic(d: Diagnostic, stream: NodeJS.WriteStream): string {
  const where = `${displayPath(d.uri)}:${d.range.start.line + 1}:${d.range.start.col + 1}`;
  return `${paint(stream, "bold", where)}: ${paint(stream, SEVERITY_STYLE[d.severity], d.severity)} ${paint(stream, "dim", d.code)} ${d.message}`;
}

/** A diagnostic as JSON for `--format json`: 1-based lines and columns, like the text form. */
export function diagnosticJson(d: Diagnostic) {
  return {
    file: displayPath(d.uri),
    line: d.range.start.line + 1,
    col: d.range.start.col + 1,
    endLine: d.range.end.line + 1,
    endCol: d.range.end.col + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}
