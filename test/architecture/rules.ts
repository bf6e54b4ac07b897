// The import rules of the code base, as data. test/architecture/imports.test.ts enforces
// them on every source file, and docs/ARCHITECTURE.md carries the same table (the test
// renders it from here and checks the doc contains it, so the two cannot drift).

export interface FolderRule {
  /** A top-level source folder. */
  folder: string;
  /** Why the folder is fenced the way it is, in one line (shown in the doc table). */
  why: string;
  /** Packages it may import: "any", or a list (a trailing `*` matches a prefix). */
  packages: "any" | string[];
  /** Packages it must never import (a trailing `*` matches a prefix). */
  deniedPackages: string[];
  /** Other folders (`core/`) or single files (`server/protocol.ts`) it may import. */
  imports: string[];
  /** Folders or files it may import types from, and nothing else (`import type`). */
  typesFrom: string[];
}

const EDITOR_PACKAGES = ["vscode", "vscode-languageserver*", "vscode-languageclient*", "vscode-jsonrpc*"];

export const RULES: FolderRule[] = [
  {
    folder: "core/",
    why: "the engine runs unchanged in the CLI, the server, tests and benches",
    packages: "any",
    deniedPackages: EDITOR_PACKAGES,
    imports: ["grammar/"],
    typesFrom: [],
  },
  {
    folder: "grammar/",
    why: "the parser is part of the engine",
    packages: "any",
    deniedPackages: EDITOR_PACKAGES,
    imports: ["core/"],
    typesFrom: [],
  },
  {
    folder: "cli/",
    why: "a thin adapter from the terminal to the engine",
    packages: "any",
    deniedPackages: EDITOR_PACKAGES,
    imports: ["core/", "grammar/", "package.json"],
    typesFrom: ["webview/protocol.ts"],
  },
  {
    folder: "server/",
    why: "a thin adapter from LSP to the engine; runs outside the extension host",
    packages: "any",
    deniedPackages: ["vscode", "vscode-languageclient*"],
    imports: ["core/", "grammar/"],
    typesFrom: ["webview/protocol.ts"],
  },
  {
    folder: "client/",
    why: "the extension host stays light: the engine runs in the server process",
    packages: "any",
    deniedPackages: ["vscode-languageserver", "vscode-languageserver/*"],
    imports: ["server/protocol.ts", "webview/protocol.ts", "core/json-delta.ts"],
    typesFrom: ["core/"],
  },
  {
    folder: "webview/",
    why: "the panel draws a schedule it is given; it never parses or schedules",
    packages: ["d3", "d3-*"],
    deniedPackages: [],
    imports: ["core/json-delta.ts"],
    typesFrom: ["core/json.ts"],
  },
];

/** The rule table as markdown, exactly as docs/ARCHITECTURE.md shows it. */
export function rulesTable(): string {
  const code = (xs: string[]) => (xs.length ? xs.map((x) => "`" + x + "`").join(", ") : "—");
  const rows = RULES.map((r) => {
    const pkgs = r.packages === "any" ? "any" : code(r.packages);
    return `| \`${r.folder}\` | ${code(r.imports)} | ${code(r.typesFrom)} | ${pkgs} | ${code(r.deniedPackages)} | ${r.why} |`;
  });
  return [
    "| folder | may import | types only from | packages | never | why |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
