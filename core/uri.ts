// Import paths: resolving `import "shared/x.plan"` against the importing document and
// keeping imports inside the workspace folder. Documents are named by `file://` URIs
// (language server) or plain paths (CLI, tests); a resolved import keeps the form of its
// importer. Pure string work, so the engine needs no `node:path`.

const FILE_SCHEME = "file://";

/** Splits a URI or path into a prefix that is kept as is and a "/"-separated path. */
function split(uri: string): { prefix: string; path: string } {
  if (uri.startsWith(FILE_SCHEME)) return { prefix: FILE_SCHEME, path: decodeURIComponent(uri.slice(FILE_SCHEME.length)) };
  return { prefix: "", path: uri.replace(/\\/g, "/") };
}

function join(prefix: string, path: string): string {
  if (!prefix) return path;
  return prefix + path.split("/").map((s) => encodeURIComponent(s).replace(/%3A/gi, ":")).join("/");
}

/** Collapses `.` and `..` segments; `..` above the root of an absolute path is dropped. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith("/");
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!absolute) out.push("..");
    } else out.push(seg);
  }
  return (absolute ? "/" : "") + out.join("/");
}

function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:\//.test(path);
}

/** The URI of `importPath` written in the document `fromUri`. */
export function resolveImport(fromUri: string, importPath: string): string {
  const { prefix, path } = split(fromUri);
  const target = importPath.replace(/\\/g, "/");
  if (isAbsolute(target)) return join(prefix, normalizePath(target));
  const dir = path.slice(0, path.lastIndexOf("/") + 1);
  return join(prefix, normalizePath(dir + target));
}

/** Whether `uri` lies inside the folder `root` (a path or a file:// URI). */
export function isInside(uri: string, root: string): boolean {
  const a = normalizePath(split(uri).path);
  const r = normalizePath(split(root).path).replace(/\/$/, "");
  return a === r || a.startsWith(r + "/");
}

/** The last path segment, for messages. */
export function baseName(uri: string): string {
  const { path } = split(uri);
  return path.slice(path.lastIndexOf("/") + 1);
}
