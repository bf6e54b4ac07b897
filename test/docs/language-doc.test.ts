// Every ```plan block of docs/language.md is a test: it must check clean (no errors, no
// warnings), unless its first line is `# expect: GANTRYnnn`, in which case that code —
// and only that code — must be reported. A block starting `# file: PATH` is not checked
// alone: it is stored at PATH for the other blocks to import.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../../core/analysis";

const root = join(__dirname, "..", "..");
const doc = readFileSync(join(root, "docs", "language.md"), "utf8");

interface Block {
  line: number; // 1-based line of the opening fence
  heading: string;
  text: string;
}

function planBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  let heading = "(top)";
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^#{1,6} /.test(l)) heading = l.replace(/^#+ /, "");
    if (l.trim() !== "```plan") continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== "```"; i++) body.push(lines[i]!);
    blocks.push({ line: start + 1, heading, text: body.join("\n") + "\n" });
  }
  return blocks;
}

const blocks = planBlocks(doc);
const fileOf = (b: Block) => /^#\s*file:\s*(\S+)/.exec(b.text)?.[1];
/** The `# file:` blocks, by URI: what the other blocks may import. */
const files = new Map<string, string>(blocks.flatMap((b) => (fileOf(b) ? [[`/docs/${fileOf(b)}`, b.text] as const] : [])));

function diagnostics(text: string) {
  const uri = "/docs/block.plan";
  return analyze(uri, { read: (u) => (u === uri ? text : files.get(u)), workspaceRoot: "/docs" }).diagnostics;
}

describe("docs/language.md", () => {
  it("has plan blocks to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  it("has a file to import", () => {
    expect([...files.keys()]).toContain("/docs/shared/resources.plan");
  });

  for (const block of blocks.filter((b) => !fileOf(b))) {
    const expected = /^#\s*expect:\s*(GANTRY\d{3})/.exec(block.text)?.[1];
    it(`${block.heading} (line ${block.line}) ${expected ? `reports ${expected}` : "checks clean"}`, () => {
      const found = diagnostics(block.text);
      if (expected) expect(found.map((d) => d.code)).toEqual([expected]);
      else {
        const findings = found.filter((d) => d.severity !== "info"); // infos are advice, not findings
        expect(findings.map((d) => `${d.code} line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
      }
    });
  }
});
