// Tokens of the plan language (docs/language.md, "Lexical rules"). The token types are
// what the parser matches; their patterns specify the lexing, which grammar/scan.ts does by
// hand (test/grammar/scan.test.ts compares it with Chevrotain's lexer built from them).
// Order matters: Chevrotain's lexer tries patterns in the order of `allTokens`, so longer
// literals that start with a digit (dates, times, durations, percentages, rates) come before
// plain numbers, and every keyword is tried before the identifier it could be a prefix of
// (`longer_alt` turns `startup` back into one identifier).
import { createToken, Lexer, type TokenType } from "chevrotain";

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });

/** Any quoted text; the unterminated variant is a member so parsing goes on. */
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/, label: "STRING" });
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  categories: [StringLiteral],
  label: "STRING",
});

// Categories: the slots that want a duration, a percentage or a rate also accept a bare
// number (and a number with an unknown unit), so the AST builder can say "add a unit"
// with a quick fix instead of a generic syntax error.
export const DurationLike = createToken({ name: "DurationLike", pattern: Lexer.NA, label: "DURATION" });
export const PercentLike = createToken({ name: "PercentLike", pattern: Lexer.NA, label: "PERCENT" });
export const RateLike = createToken({ name: "RateLike", pattern: Lexer.NA, label: "RATE" });

const END_OF_WORD = "(?![A-Za-z0-9_])";

export const DateLiteral = createToken({ name: "DateLiteral", pattern: /\d{4}-\d{2}-\d{2}/, label: "DATE" });
export const TimeLiteral = createToken({ name: "TimeLiteral", pattern: /\d{1,2}:\d{2}/, label: "TIME" });
export const DurationLiteral = createToken({
  name: "DurationLiteral",
  pattern: new RegExp(`\\d+(?:\\.\\d+)?e?(?:mo|h|d|w)${END_OF_WORD}`),
  categories: [DurationLike],
  label: "DURATION",
});
/** `5m`, `3days`: a number glued to a word that is not a unit. */
export const BadUnit = createToken({
  name: "BadUnit",
  pattern: /\d+(?:\.\d+)?[A-Za-z_][A-Za-z0-9_]*/,
  categories: [DurationLike],
  label: "DURATION",
});
export const PercentLiteral = createToken({
  name: "PercentLiteral",
  pattern: /\d+(?:\.\d+)?%/,
  categories: [PercentLike],
  label: "PERCENT",
});
export const RateLiteral = createToken({
  name: "RateLiteral",
  pattern: new RegExp(`\\d+(?:\\.\\d+)?\\/[hd]${END_OF_WORD}`),
  categories: [RateLike],
  label: "RATE",
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?/,
  categories: [DurationLike, PercentLike, RateLike],
  label: "NUMBER",
});

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: "IDENTIFIER" });

/** Every keyword token belongs to this category (completion lists them). */
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });

/** The keywords of docs/language.md, in its order. */
export const KEYWORDS = [
  "project", "start", "currency", "budget", "calendar", "status", "leveling", "on", "off",
  "workweek", "hours", "holiday", "resource", "role", "rate", "units", "kind", "person",
  "vendor", "task", "milestone", "duration", "effort", "estimate", "assign", "after", "cost",
  "done", "started", "finished", "spent", "note", "priority", "no", "earlier", "later", "than",
  "finish", "as", "late", "possible", "deadline", "risk", "probability", "impact", "affects",
  "owner", "mitigation", "open", "mitigated", "closed", "occurred", "import", "SS", "FS", "FF", "SF",
] as const;
export type KeywordText = (typeof KEYWORDS)[number];

function keywordToken(word: KeywordText): TokenType {
  const name = /^[A-Z]+$/.test(word) ? word : word[0]!.toUpperCase() + word.slice(1);
  return createToken({ name, pattern: word, longer_alt: Identifier, categories: [Keyword], label: `'${word}'` });
}

/** Keyword token types by their text. */
export const KW = Object.fromEntries(KEYWORDS.map((w) => [w, keywordToken(w)])) as Record<KeywordText, TokenType>;

/** Keyword text by token type, for messages and completion. */
export const keywordOf = new Map<TokenType, KeywordText>(KEYWORDS.map((w) => [KW[w], w]));

export const LCurly = createToken({ name: "LCurly", pattern: "{", label: "'{'" });
export const RCurly = createToken({ name: "RCurly", pattern: "}", label: "'}'" });
export const DotDot = createToken({ name: "DotDot", pattern: "..", label: "'..'" });
export const Dot = createToken({ name: "Dot", pattern: ".", label: "'.'" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "','" });
export const Plus = createToken({ name: "Plus", pattern: "+", label: "'+'" });
export const Minus = createToken({ name: "Minus", pattern: "-", label: "'-'" });

// Longer keywords first where one is a prefix of another (`start` / `started`).
const keywordTokens = [...KEYWORDS].sort((a, b) => b.length - a.length).map((w) => KW[w]);

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  UnterminatedString,
  DateLiteral,
  TimeLiteral,
  DurationLiteral,
  PercentLiteral,
  RateLiteral,
  BadUnit,
  NumberLiteral,
  ...keywordTokens,
  Identifier,
  LCurly,
  RCurly,
  DotDot,
  Dot,
  Comma,
  Plus,
  Minus,
  // categories last: they match nothing themselves
  DurationLike,
  PercentLike,
  RateLike,
  Keyword,
];

/**
 * Chevrotain's lexer for these definitions: the reference grammar/scan.ts is tested against.
 * `validate` runs Chevrotain's (slow) checks of the definitions.
 */
export function createLexer(validate = false): Lexer {
  return new Lexer(allTokens, {
    positionTracking: "full",
    skipValidations: !validate,
    ensureOptimizations: validate,
  });
}
