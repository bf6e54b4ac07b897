// Formatting requests: the formatter returns a whole text; the client gets one minimal
// edit (the changed middle), so cursors and folds outside it stay put.
import type { TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";

export function formattingEdits(doc: TextDocument, format: (text: string) => string): TextEdit[] {
  const before = doc.getText();
  const after = format(before);
  if (after === before) return [];
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return [{ range: { start: doc.positionAt(head), end: doc.positionAt(before.length - tail) }, newText: after.slice(head, after.length - tail) }];
}
