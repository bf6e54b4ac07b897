// Go to definition, find references and rename, across every open plan and its imports.
import { ResponseError, type Location, type Position, type WorkspaceEdit, type TextEdit } from "vscode-languageserver";
import type { PlanState } from "../session";
import { toLspRange, wordAt } from "../convert";
import { KEYWORDS } from "../../grammar/lexer";
import { compareText } from "../../core/ast";
import { defKey, occurrences, symbolAt, type SymbolHit } from "./symbolsAt";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function hitAt(state: PlanState | undefined, uri: string, pos: Position): SymbolHit | undefined {
  return state ? symbolAt(state.analysis.symbols, uri, pos) : undefined;
}

export function definition(state: PlanState | undefined, uri: string, pos: Position): Location | null {
  const hit = hitAt(state, uri, pos);
  return hit ? { uri: hit.def.uri, range: toLspRange(hit.def.range) } : null;
}

/** Every occurrence of the symbol under the cursor in all analyses, without duplicates. */
function allOccurrences(hit: SymbolHit, states: PlanState[]) {
  const key = defKey(hit.def);
  const seen = new Map<string, { uri: string; range: ReturnType<typeof toLspRange>; isDefinition: boolean }>();
  for (const s of states) {
    for (const o of occurrences(s.analysis.symbols, key)) {
      const k = `${o.uri}#${o.range.start.line}:${o.range.start.col}`;
      if (!seen.has(k)) seen.set(k, { uri: o.uri, range: toLspRange(o.range), isDefinition: o.isDefinition });
    }
  }
  return [...seen.values()].sort((a, b) => compareText(a.uri, b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export function references(hit: SymbolHit | undefined, states: PlanState[], includeDeclaration: boolean): Location[] {
  if (!hit) return [];
  return allOccurrences(hit, states)
    .filter((o) => includeDeclaration || !o.isDefinition)
    .map((o) => ({ uri: o.uri, range: o.range }));
}

export function prepareRename(hit: SymbolHit | undefined, text: string, offset: number) {
  if (hit) return { range: toLspRange(hit.range), placeholder: hit.def.localId };
  const word = wordAt(text, offset);
  if ((KEYWORDS as readonly string[]).includes(word)) return new ResponseError(0, `\`${word}\` is a keyword of the plan language and cannot be renamed.`);
  return new ResponseError(0, word ? `\`${word}\` is not a task, resource, calendar or risk id.` : "Place the cursor on a task, resource, calendar or risk id to rename it.");
}

export function rename(hit: SymbolHit | undefined, states: PlanState[], newName: string): WorkspaceEdit | ResponseError {
  if (!hit) return new ResponseError(0, "Place the cursor on a task, resource, calendar or risk id to rename it.");
  if (!IDENTIFIER.test(newName)) return new ResponseError(0, `\`${newName}\` is not an identifier: use a letter or _, then letters, digits and _.`);
  if ((KEYWORDS as readonly string[]).includes(newName)) return new ResponseError(0, `\`${newName}\` is a keyword of the plan language; choose another name.`);
  const changes: Record<string, TextEdit[]> = {};
  for (const o of allOccurrences(hit, states)) (changes[o.uri] ??= []).push({ range: o.range, newText: newName });
  return { changes };
}
