// The grammar itself: Chevrotain's own checks pass, the generated railroad diagrams are
// self-contained, and every plan in docs/language.md parses without a syntax error.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar";
import { createLexer } from "../../grammar/lexer";
import { PlanParser } from "../../grammar/parser";

const root = join(__dirname, "../..");

describe("grammar", () => {
  it("passes Chevrotain's grammar and lexer checks (ambiguities, unreachable tokens, optimisations)", () => {
    expect(() => new PlanParser(true)).not.toThrow();
    expect(() => createLexer(true)).not.toThrow();
  });

  it("has self-contained railroad diagrams in docs/grammar.html", () => {
    const html = readFileSync(join(root, "docs/grammar.html"), "utf8");
    expect(html).not.toMatch(/(src|href)=['"]?https?:/);
    expect(html).toContain("drawDiagramsFromSerializedGrammar");
    expect(html).toContain('"name": "taskDecl"');
  });

  it("parses every plan of docs/language.md without a syntax error", () => {
    const doc = readFileSync(join(root, "docs/language.md"), "utf8");
    const blocks = [...doc.matchAll(/```plan\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(5);
    for (const text of blocks) {
      const expectCode = /^# expect: (GANTRY1\d\d)/.exec(text)?.[1];
      expect(parse(text, "doc").diagnostics.map((d) => d.code)).toEqual(expectCode ? [expectCode] : []);
    }
  });

  it("parses every example plan without a syntax error", () => {
    const dir = join(root, "examples");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".plan"));
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect([f, parse(readFileSync(join(dir, f), "utf8"), f).diagnostics]).toEqual([f, []]);
  });
});
