// Block structure on the token stream, before parsing: which keyword opens a block, and
// where a block that a broken file leaves open most likely ends. Without this, a task
// missing its `}` swallows every declaration after it: they become its subtasks, links
// to them turn into errors about phases, and the only syntax error sits at the end of the
// file. When (and only when) the file has more `{` than `}`, indentation decides: a
// declaration that starts a line no further right than an open block's keyword, or a `}`
// left of it, is not inside that block, so a `}` is inserted before it.
import { createTokenInstance, type IToken, type TokenType } from "chevrotain";
import { Identifier, KW, LCurly, RCurly } from "./lexer";
import type { BlockKind, OpenBlock } from "./parser";

/** The keywords that open a block, by token type. */
export const BLOCK_KEYWORDS = new Map<TokenType, BlockKind>(
  (["project", "calendar", "resource", "task", "milestone", "risk"] as const).map((k) => [KW[k], k]),
);

/** The index of the block keyword of the header ending with the `{` at `brace`, or -1. */
export function blockKeywordBefore(tokens: readonly IToken[], brace: number): number {
  for (let i = brace - 1; i >= Math.max(0, brace - 3); i--) {
    if (BLOCK_KEYWORDS.has(tokens[i]!.tokenType)) return i;
  }
  return -1;
}

/** A `}` the file lacks, inserted before `before`; `last` is the last token of the block. */
export interface MissingClose {
  block: OpenBlock;
  last: IToken;
  before: IToken;
}

/**
 * The tokens with a `}` inserted wherever indentation shows a block was left open, at most
 * as many as the file lacks. The inserted tokens are empty and sit at the end of the
 * block's last token, so ranges end where the block's text does.
 */
export function closeOpenBlocks(tokens: IToken[]): { tokens: IToken[]; missing: MissingClose[] } {
  let lacking = 0;
  // Indexed: an iterator allocates a result per token.
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === LCurly) lacking++;
    else if (type === RCurly && lacking > 0) lacking--;
  }
  if (lacking === 0) return { tokens, missing: [] };

  // The lowest the brace depth falls, relative to its value before token i, from i on: a
  // `}` inserted before i must not leave one of the file's own `}` unmatched later (an
  // unindented but closed child keeps its parent).
  const lowest = new Int32Array(tokens.length + 1);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const type = tokens[i]!.tokenType;
    lowest[i] = Math.min(0, (type === LCurly ? 1 : type === RCurly ? -1 : 0) + lowest[i + 1]!);
  }
  const out: IToken[] = [];
  const missing: MissingClose[] = [];
  /** Open blocks, innermost last, with the keyword whose column is the block's indentation
   *  (none when the header is too broken to tell: such a block is never closed here). */
  const open: { head: IToken; block: OpenBlock | undefined }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const startsLine = i === 0 || tokens[i - 1]!.endLine! < t.startLine!;
    const notInside = (head: IToken) =>
      BLOCK_KEYWORDS.has(t.tokenType) || t.tokenType === KW.import ? t.startColumn! <= head.startColumn! : t.tokenType === RCurly && t.startColumn! < head.startColumn!;
    const closes = (top: (typeof open)[number]) =>
      startsLine && lacking > 0 && top.block !== undefined && notInside(top.head) && open.length - 1 + lowest[i]! >= 0;
    for (let top = open[open.length - 1]; top && closes(top); top = open[open.length - 1]) {
      const last = out[out.length - 1]!;
      const end = last.endOffset! + 1;
      // (type, image, startOffset, endOffset, startLine, endLine, startColumn, endColumn)
      out.push(createTokenInstance(RCurly, "", end, end - 1, last.endLine!, last.endLine!, last.endColumn! + 1, last.endColumn!));
      missing.push({ block: top.block!, last, before: t });
      open.pop();
      lacking--;
    }
    out.push(t);
    if (t.tokenType === LCurly) {
      const kw = blockKeywordBefore(out, out.length - 1);
      const head = out[kw] ?? t;
      const kind = BLOCK_KEYWORDS.get(head.tokenType);
      const id = out[kw + 1]?.tokenType === Identifier ? out[kw + 1]!.image : undefined;
      open.push({ head, block: kind && { kind, id, line: head.startLine! - 1 } });
    } else if (t.tokenType === RCurly) open.pop();
  }
  return { tokens: out, missing };
}
