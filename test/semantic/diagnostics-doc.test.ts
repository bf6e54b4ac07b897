// docs/diagnostics.md is executable: every code in CODES has a section whose heading
// matches `docAnchor`, a bad example that produces the code and a fixed one that checks
// clean.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../core/analysis";
import { CODES, docAnchor, DIAGNOSTICS_DOC_URL, headingSlug, type Code } from "../../core/diagnostics";

const DOC = readFileSync(join(__dirname, "../../docs/diagnostics.md"), "utf8");
/** The small workspace the examples import from. */
const FILES: Record<string, string> = {
  "/ws/shared/team.plan": 'resource dev "Developer" { rate 90/h }\ncalendar office { workweek mon-fri  hours 09:00-17:00 }\n',
};

function check(text: string) {
  const host = { read: (uri: string) => (uri === "/ws/plan.plan" ? text : FILES[uri]), workspaceRoot: "/ws" };
  return analyze("/ws/plan.plan", host).diagnostics.map((d) => `${d.code} ${d.message}`);
}

interface Section {
  heading: string;
  code: string;
  blocks: string[];
}

const sections: Section[] = DOC.split(/^## /m)
  .slice(1)
  .map((s) => {
    const heading = s.slice(0, s.indexOf("\n"));
    const blocks = [...s.matchAll(/^```plan\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    return { heading, code: heading.split(" ")[0]!, blocks };
  });

describe("docs/diagnostics.md", () => {
  it("documents every code once, in catalogue order, under its title", () => {
    expect(sections.map((s) => s.heading)).toEqual(Object.entries(CODES).map(([code, c]) => `${code} — ${c.title}`));
  });

  it("links each code to its heading's anchor", () => {
    for (const s of sections) expect(docAnchor(s.code as Code)).toBe(`${DIAGNOSTICS_DOC_URL}#${headingSlug(s.heading)}`);
    expect(docAnchor("GANTRY201")).toBe(`${DIAGNOSTICS_DOC_URL}#gantry201--unknown-task`);
    expect(docAnchor("GANTRY401")).toBe(`${DIAGNOSTICS_DOC_URL}#gantry401--assignment-above-the-resources-units`);
  });

  for (const s of sections) {
    describe(s.code, () => {
      it("has a bad and a fixed example", () => {
        expect(s.blocks.length).toBe(2);
        expect(s.blocks[0]!.split("\n")[0]).toBe(`# expect: ${s.code}`);
      });
      it("bad example produces the code", () => {
        expect(check(s.blocks[0]!).map((d) => d.split(" ")[0])).toContain(s.code);
      });
      it("fixed example is clean", () => {
        expect(check(s.blocks[1]!)).toEqual([]);
      });
    });
  }
});
