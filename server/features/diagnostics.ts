// Engine diagnostics → LSP diagnostics (code, severity, related info, docs link).
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { docAnchor, type Diagnostic } from "../../core/diagnostics";
import { severity, toLspRange } from "../convert";

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(d.range),
    severity: severity(d.severity),
    code: d.code,
    codeDescription: { href: docAnchor(d.code) },
    source: "gantry",
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri, range: toLspRange(r.range) }, message: r.message }));
  }
  // Kept for code actions: the client hands diagnostics back with their `data`.
  if (d.fix) out.data = d.fix;
  return out;
}
