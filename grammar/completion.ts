// What may be typed at a cursor, asked of the parser itself (`computeContentAssist`), so
// completion follows the grammar instead of a hand-kept list. The text is usually broken
// (the user is typing), so we do not parse from the top: we rebuild a short token path —
// the headers of the blocks around the cursor, then the statement being typed — and ask
// the parser what may follow it.
import { createTokenInstance, type IToken, type TokenType } from "chevrotain";
import {
  BadUnit,
  DateLiteral,
  Dot,
  DurationLike,
  DurationLiteral,
  KW,
  keywordOf,
  LCurly,
  Identifier,
  NumberLiteral,
  PercentLike,
  PercentLiteral,
  RateLike,
  RateLiteral,
  RCurly,
  StringLiteral,
  TimeLiteral,
  UnterminatedString,
} from "./lexer";
import { BLOCK_KEYWORDS, blockKeywordBefore } from "./blocks";
import { parser, REF_KIND_OF_RULE, type BlockKind } from "./parser";
import { tokenize } from "./scan";

/** What may come at a cursor position: for completion. */
export interface CompletionContext {
  /** Keywords (and link types) the parser accepts at the cursor, from its own expectations. */
  keywords: string[];
  /** The kind of name expected at the cursor, if a reference is expected. */
  refKind: "task" | "resource" | "calendar" | undefined;
  /** Literal kinds the parser accepts at the cursor. */
  literals: ("duration" | "date" | "percent" | "number" | "rate" | "string" | "time" | "identifier" | "unit")[];
  /** The partial word before the cursor (replaced by the completion). */
  prefix: string;
  /** Ids of the enclosing tasks, outermost first, for relative task names. */
  enclosingTasks: string[];
  /** The segments typed before a dot (`build.da|` → ["build"]): the name is looked up inside them. */
  qualifier?: string[];
}

type Literal = CompletionContext["literals"][number];

const LITERAL_OF = new Map<TokenType, Literal>([
  [DurationLike, "duration"],
  [DurationLiteral, "duration"],
  [PercentLike, "percent"],
  [PercentLiteral, "percent"],
  [RateLike, "rate"],
  [RateLiteral, "rate"],
  [NumberLiteral, "number"],
  [StringLiteral, "string"],
  [DateLiteral, "date"],
  [TimeLiteral, "time"],
]);


function fake(type: TokenType, image = ""): IToken {
  return createTokenInstance(type, image, 0, 0, 1, 1, 1, 1);
}

/** A minimal header that opens a block of this kind: `task x {`. */
function header(kind: BlockKind): IToken[] {
  const kw = fake(KW[kind]);
  return kind === "project" ? [kw, fake(LCurly)] : [kw, fake(Identifier, "x"), fake(LCurly)];
}

const starterCache = new Map<string, string[]>();

/** The keywords that may start a statement in a block of this kind (or at the top level). */
export function starters(where: BlockKind | "top"): string[] {
  let words = starterCache.get(where);
  if (!words) {
    const paths = parser.computeContentAssist("document", where === "top" ? [] : header(where));
    words = [...new Set(paths.flatMap((p) => keywordOf.get(p.nextTokenType) ?? []))];
    starterCache.set(where, words);
  }
  return words;
}

const EMPTY: CompletionContext = { keywords: [], refKind: undefined, literals: [], prefix: "", enclosingTasks: [] };

export function completionContext(text: string, offset: number): CompletionContext {
  try {
    return compute(text, offset);
  } catch {
    return EMPTY; // completion must never break the editor
  }
}

function compute(text: string, offset: number): CompletionContext {
  const lexed = tokenize(text.slice(0, offset));
  const comments = lexed.groups["comments"] ?? [];
  const lastComment = comments[comments.length - 1];
  if (lastComment && lastComment.startOffset + lastComment.image.length === offset) return EMPTY;
  const tokens = lexed.tokens;
  const last = tokens[tokens.length - 1];
  const touching = last && last.startOffset + last.image.length === offset ? last : undefined;
  if (touching?.tokenType === UnterminatedString) return EMPTY;

  // A word being typed is the prefix; the path ends before it.
  let prefix = "";
  let unitAfter: IToken | undefined;
  if (touching && (touching.tokenType === Identifier || keywordOf.has(touching.tokenType))) {
    prefix = touching.image;
    tokens.pop();
  } else if (touching && (touching.tokenType === NumberLiteral || touching.tokenType === BadUnit)) {
    unitAfter = touching;
    tokens.pop();
  }

  const { path, enclosingTasks, blockStart } = pathToCursor(tokens);
  const qualifier = qualifierBefore(tokens);

  let paths = parser.computeContentAssist("document", path);
  if (unitAfter) {
    if (paths.some((p) => p.nextTokenType === DurationLike)) {
      return { ...EMPTY, literals: ["unit"], prefix: unitAfter.image.replace(/^[\d.]+/, ""), enclosingTasks };
    }
    paths = parser.computeContentAssist("document", [...path, unitAfter]);
  }
  // Right after `task`, `resource`, …: the grammar lets the name be left out (for
  // recovery), but the user is to type one.
  if (paths.some((p) => p.nextTokenType === Identifier && p.ruleStack[p.ruleStack.length - 1]!.endsWith("Decl"))) {
    return { ...EMPTY, literals: ["identifier"], prefix, enclosingTasks };
  }
  // A broken statement: offer what may start a new one.
  if (paths.length === 0) paths = parser.computeContentAssist("document", blockStart);

  const keywords = new Set<string>();
  const literals = new Set<Literal>();
  let refKind: CompletionContext["refKind"];
  for (const p of paths) {
    const type = p.nextTokenType;
    const kw = keywordOf.get(type);
    if (kw) keywords.add(kw);
    else if (type === Identifier) {
      const kind = REF_KIND_OF_RULE[p.ruleStack[p.ruleStack.length - 1]!];
      if (kind) refKind = kind;
      else literals.add("identifier");
    } else {
      const lit = LITERAL_OF.get(type);
      if (lit) literals.add(lit);
    }
  }
  const result: CompletionContext = { keywords: [...keywords], refKind, literals: [...literals], prefix, enclosingTasks };
  if (qualifier.length) result.qualifier = qualifier;
  return result;
}

/**
 * The token path the parser needs to know where the cursor is: the header of each open
 * block around it (outermost first), then the statement under the cursor. Complete
 * blocks inside the current one are shrunk to `{ }`, which changes nothing for the grammar.
 */
function pathToCursor(tokens: IToken[]): { path: IToken[]; enclosingTasks: string[]; blockStart: IToken[] } {
  // Unclosed `{` before the cursor, innermost first, each with its block keyword.
  const opens: { brace: number; kw: number }[] = [];
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const type = tokens[i]!.tokenType;
    if (type === RCurly) depth++;
    else if (type === LCurly) {
      if (depth > 0) depth--;
      else {
        const kw = blockKeywordBefore(tokens, i);
        if (kw >= 0) opens.push({ brace: i, kw });
      }
    }
  }
  opens.reverse();
  const headers: IToken[] = [];
  const enclosingTasks: string[] = [];
  for (const o of opens) {
    const head = tokens.slice(o.kw, o.brace + 1);
    headers.push(...head);
    const kind = BLOCK_KEYWORDS.get(head[0]!.tokenType);
    if ((kind === "task" || kind === "milestone") && head[1]?.tokenType === Identifier) enclosingTasks.push(head[1].image);
  }
  const inner = opens[opens.length - 1];
  const body = shrinkBlocks(tokens.slice(inner ? inner.brace + 1 : 0));
  const starts = statementStarts(body, inner ? starters(BLOCK_KEYWORDS.get(tokens[inner.kw]!.tokenType)!) : starters("top"));
  // At the top level only the last declaration matters; inside a block, the earliest
  // start that still parses (a multi-word field such as `as late as` has a starter inside).
  const candidates = inner ? starts : starts.slice(-1);
  for (const s of candidates) {
    const path = [...headers, ...body.slice(s)];
    if (parser.computeContentAssist("document", path).length > 0) return { path, enclosingTasks, blockStart: headers };
  }
  return { path: headers, enclosingTasks, blockStart: headers };
}

/** Replaces each complete `{ … }` by `{ }`. */
function shrinkBlocks(tokens: IToken[]): IToken[] {
  const out: IToken[] = [];
  let depth = 0;
  let open = -1;
  for (const t of tokens) {
    if (t.tokenType === LCurly) {
      if (depth++ === 0) open = out.length;
      out.push(t);
    } else if (t.tokenType === RCurly && depth > 0) {
      if (--depth === 0) out.length = open + 1;
      out.push(t);
    } else out.push(t);
  }
  // An unclosed inner `{` cannot be here: the caller starts after the innermost one.
  return out;
}

/** Indices of tokens at nesting depth 0 that may start a statement here. */
function statementStarts(body: IToken[], words: string[]): number[] {
  const allowed = new Set(words);
  const starts: number[] = [];
  let depth = 0;
  body.forEach((t, i) => {
    if (t.tokenType === LCurly) depth++;
    else if (t.tokenType === RCurly) depth--;
    else if (depth === 0 && allowed.has(keywordOf.get(t.tokenType) ?? "")) starts.push(i);
  });
  return starts;
}

/** `build.data.` before the cursor → ["build", "data"]. */
function qualifierBefore(tokens: IToken[]): string[] {
  const segments: string[] = [];
  let i = tokens.length - 1;
  while (i >= 1 && tokens[i]!.tokenType === Dot && tokens[i - 1]!.tokenType === Identifier) {
    segments.unshift(tokens[i - 1]!.image);
    i -= 2;
  }
  return segments;
}
