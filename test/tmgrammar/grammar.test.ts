// The TextMate grammar (grammar/plan.tmLanguage.json) that colours plans before the
// language server answers: every sample line is tokenized with VS Code's own engine
// (vscode-textmate + oniguruma) and compared with expected.txt (regenerate: GANTRY_UPDATE=1).
import { describe, expect, it, beforeAll } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";

const here = __dirname;
const root = join(here, "..", "..");
const require = createRequire(import.meta.url);

/** `text` → its innermost scope, one token a line, per sample line. */
type Token = [text: string, scope: string];
let tokenize: (lines: string[]) => Token[][];

beforeAll(async () => {
  const wasm = readFileSync(join(require.resolve("vscode-oniguruma"), "..", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) =>
      scope === "source.plan" ? textmate.parseRawGrammar(readFileSync(join(root, "grammar/plan.tmLanguage.json"), "utf8"), "plan.tmLanguage.json") : null,
  });
  const grammar = (await registry.loadGrammar("source.plan"))!;
  tokenize = (lines) => {
    let stack = textmate.INITIAL;
    return lines.map((line) => {
      const r = grammar.tokenizeLine(line, stack);
      stack = r.ruleStack;
      return r.tokens
        .map((t): Token => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]!])
        .filter(([text]) => text.trim() !== "");
    });
  };
});

const scopeOf = (line: string, text: string): string | undefined => tokenize([line])[0]!.find(([t]) => t === text)?.[1];

describe("plan TextMate grammar", () => {
  it.each([
    ["task build \"Build\" { duration 5d }", "build", "entity.name.function.task.plan"],
    ["task build \"Build\" { duration 5d }", "task", "keyword.other.declaration.plan"],
    ["task build \"Build\" { duration 5d }", "\"", "punctuation.definition.string.begin.plan"],
    ["task build \"Build\" { duration 5d }", "Build", "string.quoted.double.plan"],
    ["task build \"Build\" { duration 5d }", "duration", "keyword.other.plan"],
    ["task build \"Build\" { duration 5d }", "5d", "constant.numeric.duration.plan"],
    ["milestone live \"Go\" { after build }", "live", "entity.name.function.task.plan"],
    ["resource pm \"Dana\" { rate 110/h }", "pm", "entity.name.type.resource.plan"],
    ["resource pm \"Dana\" { rate 110/h }", "110/h", "constant.numeric.rate.plan"],
    ["calendar office { hours 09:00-12:00 }", "office", "entity.name.type.calendar.plan"],
    ["calendar office { hours 09:00-12:00 }", "09:00", "constant.numeric.time.plan"],
    ["calendar office { hours 09:00-12:00 }", "12:00", "constant.numeric.time.plan"],
    ["risk vendor \"V\" { probability 40% }", "vendor", "entity.name.tag.risk.plan"],
    ["risk vendor \"V\" { probability 40% }", "40%", "constant.numeric.percentage.plan"],
    ["task d { after a SS +2d, b -1d }", "SS", "storage.modifier.link-type.plan"],
    ["task d { after a SS +2d, b -1d }", "+2d", "constant.numeric.duration.plan"],
    ["task d { after a SS +2d, b -1d }", "-1d", "constant.numeric.duration.plan"],
    ["task d { after a SS +2d, b -1d }", "a", "variable.other.reference.plan"],
    ["task d { assign dev 200% }", "dev", "variable.other.reference.plan"],
    ["task d { after build.data }", "build.data", "variable.other.reference.plan"],
    ["project \"P\" { start 2027-01-04 }", "2027-01-04", "constant.numeric.date.plan"],
    ["project \"P\" { start 2027-01-04 }", "project", "keyword.other.declaration.plan"],
    ["task t { duration 3ed }", "3ed", "constant.numeric.duration.plan"],
    ["task t { duration 1emo }", "1emo", "constant.numeric.duration.plan"],
    ["task t { duration 2mo }", "2mo", "constant.numeric.duration.plan"],
    ["task t { budget 12.5 }", "12.5", "constant.numeric.plan"],
    ["task t { start no earlier than 2027-01-11 }", "no earlier than", "keyword.other.constraint.plan"],
    ["risk r { status mitigated }", "mitigated", "constant.language.plan"],
    ["task startup { done 40% } # done", "startup", "entity.name.function.task.plan"],
    ["task startup { done 40% } # done", " done", "comment.line.number-sign.plan"],
    ["note \"say \\\"hi\\\"\"", "\\\"", "constant.character.escape.plan"],
  ])("%s: %s is %s", (line, text, scope) => {
    expect(scopeOf(line, text)).toBe(scope);
  });

  it("tokenizes the sample plan as recorded in expected.txt", () => {
    const lines = readFileSync(join(here, "samples.plan"), "utf8").split("\n");
    const actual = tokenize(lines)
      .map((tokens, i) => `${lines[i]}\n${tokens.map(([t, s]) => `  ${JSON.stringify(t)} ${s}`).join("\n")}`)
      .join("\n") + "\n";
    const file = join(here, "expected.txt");
    if (process.env.GANTRY_UPDATE === "1") writeFileSync(file, actual);
    expect(actual).toBe(readFileSync(file, "utf8"));
  });
});
