// server/keyword-docs.ts is generated from docs/language.md and committed: it must match.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYWORDS } from "../../grammar/lexer";
import { KEYWORD_DOCS } from "../../server/keyword-docs";

describe("keyword docs", () => {
  it("are up to date with docs/language.md (node scripts/gen-keyword-docs.mjs)", async () => {
    // @ts-expect-error: a plain .mjs script without types
    const { generate, OUTPUT } = (await import("../../scripts/gen-keyword-docs.mjs")) as { generate: () => string; OUTPUT: string };
    expect(readFileSync(OUTPUT, "utf8")).toBe(generate());
    expect(OUTPUT).toBe(join(__dirname, "..", "..", "server", "keyword-docs.ts"));
  });

  it("document every keyword of the lexer", () => {
    for (const k of KEYWORDS) expect(KEYWORD_DOCS[k], k).toMatch(new RegExp(`^\`${k}\` — keyword\\n\\n.+`));
  });
});
