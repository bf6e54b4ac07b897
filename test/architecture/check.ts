// Finds every import of a source file (static, re-export, dynamic `import()`, `require`)
// with the TypeScript parser, and checks it against the folder rules in rules.ts.
import ts from "typescript";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { RULES, type FolderRule } from "./rules";

export interface ImportSite {
  specifier: string;
  typeOnly: boolean;
  line: number; // 1-based
}

export function importsOf(text: string, fileName: string): ImportSite[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const out: ImportSite[] = [];
  const add = (spec: ts.Expression, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(spec)) return;
    out.push({ specifier: spec.text, typeOnly, line: sf.getLineAndCharacterOfPosition(spec.getStart(sf)).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const elements = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      // `import { type A, type B }` erases like `import type { A, B }`; a bare `import "x"` runs x.
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!elements && elements.length > 0 && elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const isDynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if (isDynamic || isRequire) add(node.arguments[0]!, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, true); // `import("x").T` in a type
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The package name of a bare specifier: `d3-scale`, `@types/d3`, `vscode-languageserver/node`. */
function packageName(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

const matches = (pattern: string, name: string) =>
  pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;

const within = (entry: string, target: string) => (entry.endsWith("/") ? target.startsWith(entry) : target === entry);

/** Repo-relative path of a relative import from `file`, with `.ts` (or `/index.ts`) added. */
function resolveRelative(file: string, spec: string, exists: (p: string) => boolean): string {
  const base = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.(m?js)$/, "");
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) if (exists(candidate)) return candidate;
  return `${base}.ts`;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  reason: string;
}

/** Why an import breaks the rule of `file`'s folder, or undefined when it is allowed. */
export function checkImport(rule: FolderRule, file: string, site: ImportSite, exists: (p: string) => boolean): string | undefined {
  const { specifier, typeOnly } = site;
  if (!specifier.startsWith(".")) {
    const name = packageName(specifier);
    if (rule.deniedPackages.some((p) => matches(p, name) || matches(p, specifier))) return `${rule.folder} must not import ${name}`;
    if (rule.packages !== "any" && !rule.packages.some((p) => matches(p, name)) && !typeOnly)
      return `${rule.folder} may import only ${rule.packages.join(", ")}`;
    return undefined;
  }
  const target = resolveRelative(file, specifier, exists);
  if (target.startsWith(rule.folder)) return undefined;
  if (rule.imports.some((e) => within(e, target))) return undefined;
  if (rule.typesFrom.some((e) => within(e, target)))
    return typeOnly ? undefined : `${rule.folder} may import only types from ${target} (use \`import type\`)`;
  return `${rule.folder} must not import ${target}`;
}

function sourceFiles(root: string, dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(root, dir));
  } catch {
    return []; // a folder that does not exist yet has nothing to check
  }
  return entries.flatMap((name) => {
    const rel = `${dir}${name}`;
    if (statSync(join(root, rel)).isDirectory()) return sourceFiles(root, `${rel}/`);
    return /\.(m?ts|tsx|m?js)$/.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** Every source file of the ruled folders, with the imports each one has. */
export function scan(root: string): { file: string; rule: FolderRule; sites: ImportSite[] }[] {
  return RULES.flatMap((rule) =>
    sourceFiles(root, rule.folder).map((file) => ({ file, rule, sites: importsOf(readFileSync(join(root, file), "utf8"), file) })),
  );
}

export function violations(root: string): Violation[] {
  const exists = (p: string) => {
    try {
      return statSync(join(root, p)).isFile();
    } catch {
      return false;
    }
  };
  return scan(root).flatMap(({ file, rule, sites }) =>
    sites.flatMap((site) => {
      const reason = checkImport(rule, file, site, exists);
      return reason ? [{ file, line: site.line, specifier: site.specifier, reason }] : [];
    }),
  );
}
