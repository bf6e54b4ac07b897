// Enforces the import rules of rules.ts on the real source tree, and keeps the rule table
// in docs/ARCHITECTURE.md identical to the data.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES, rulesTable } from "./rules";
import { checkImport, importsOf, scan, violations } from "./check";

const root = join(__dirname, "..", "..");
const rule = (folder: string) => RULES.find((r) => r.folder === folder)!;
const noFiles = () => false;

/** The verdict for one line of source in a file of the given folder. */
function verdict(file: string, source: string): (string | undefined)[] {
  const folder = file.slice(0, file.indexOf("/") + 1);
  return importsOf(source, file).map((site) => checkImport(rule(folder), file, site, noFiles));
}

describe("import rules", () => {
  it("hold for every source file", () => {
    const found = violations(root).map((v) => `${v.file}:${v.line} imports "${v.specifier}": ${v.reason}`);
    expect(found).toEqual([]);
  });

  it("scan the engine's real files (the rule is not vacuous)", () => {
    const files = scan(root).map((f) => f.file);
    expect(files).toContain("core/ast.ts");
    expect(files).toContain("core/diagnostics.ts");
    expect(files).toContain("webview/protocol.ts");
  });

  it("are mirrored by docs/ARCHITECTURE.md", () => {
    const doc = readFileSync(join(root, "docs", "ARCHITECTURE.md"), "utf8");
    expect(doc).toContain(rulesTable());
  });
});

describe("the import checker", () => {
  it("rejects editor packages and adapter folders in the engine", () => {
    expect(verdict("core/x.ts", `import * as vscode from "vscode";`)).toEqual(["core/ must not import vscode"]);
    expect(verdict("grammar/x.ts", `import { createConnection } from "vscode-languageserver/node";`)).toEqual([
      "grammar/ must not import vscode-languageserver",
    ]);
    expect(verdict("core/x.ts", `import { start } from "../server/main";`)).toEqual(["core/ must not import server/main.ts"]);
    expect(verdict("core/level/x.ts", `const m = await import("../../cli/main");`)).toEqual(["core/ must not import cli/main.ts"]);
    expect(verdict("core/x.ts", `import { parse } from "../grammar/index"; import type { Range } from "./ast";`)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("lets the webview import d3 and only types from core/json.ts", () => {
    expect(
      verdict(
        "webview/x.ts",
        `import * as d3 from "d3"; import { scaleTime } from "d3-scale"; import type { ScheduleJson } from "../core/json"; import { isHostMessage } from "./protocol";`,
      ),
    ).toEqual([undefined, undefined, undefined, undefined]);
    expect(verdict("webview/x.ts", `import { toJson } from "../core/json";`)).toEqual([
      "webview/ may import only types from core/json.ts (use `import type`)",
    ]);
    expect(verdict("webview/x.ts", `import { parse } from "../grammar/index";`)).toEqual(["webview/ must not import grammar/index.ts"]);
    expect(verdict("webview/x.ts", `import lodash from "lodash";`)).toEqual(["webview/ may import only d3, d3-*"]);
  });

  it("keeps the adapters apart", () => {
    expect(verdict("server/x.ts", `import type { HostMessage } from "../webview/protocol";`)).toEqual([undefined]);
    expect(verdict("server/x.ts", `import { isHostMessage } from "../webview/protocol";`)).toEqual([
      "server/ may import only types from webview/protocol.ts (use `import type`)",
    ]);
    expect(verdict("cli/x.ts", `import { activate } from "../client/extension";`)).toEqual(["cli/ must not import client/extension.ts"]);
    expect(verdict("client/x.ts", `import { type Analysis } from "../core/analysis";`)).toEqual([undefined]);
    expect(verdict("client/x.ts", `import { analyze } from "../core/analysis";`)).toEqual([
      "client/ may import only types from core/analysis.ts (use `import type`)",
    ]);
  });
});
