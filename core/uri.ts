// Import paths: resolving `import "shared/x.plan"` against the importing document and
// keeping imports inside the workspace folder. Documents are named by `file://` URIs
// (language server) or plain paths (CLI, tests); a resolved import keeps the form of its
// importer. Pure string work, so the engine needs no `node:path`.

const FILE_SCHEME = "file://";

/** Splits a URI or path into a prefix kept as is and a "/"-separated path (still encoded in a URI). */
function split(uri: string): { prefix: string; path: string } {
  if (uri.startsWith(FILE_SCHEME)) return { prefix: FILE_SCHEME, path: uri.slice(FILE_SCHEME.length) };
  return { prefix: "", path: uri.replace(/\\/g, "/") };
}

/** The file-system path of a URI or path, for comparisons and messages. */
function fsPath(uri: string): string {
  const { prefix, path } = split(uri);
  return normalizePath(prefix ? decodeURIComponent(path) : path);
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

/**
 * The URI of `importPath` written in the document `fromUri`. The importer's part is kept
 * byte for byte (editors have their own URI encodings); the import's segments are encoded.
 */
export function resolveImport(fromUri: string, importPath: string): string {
  const { prefix, path } = split(fromUri);
  let target = importPath.replace(/\\/g, "/");
  if (prefix) target = target.split("/").map((seg) => encodeURIComponent(seg)).join("/");
  if (isAbsolute(target)) return prefix + normalizePath(target);
  return prefix + normalizePath(path.slice(0, path.lastIndexOf("/") + 1) + target);
}

/** Whether `uri` lies inside the folder `root` (a path or a file:// URI). */
export function isInside(uri: string, root: string): boolean {
  const a = fsPath(uri);
  const r = fsPath(root).replace(/\/$/, "");
  return a === r || a.startsWith(r + "/");
}

/** The last path segment, for messages. */
export function baseName(uri: string): string {
  const path = fsPath(uri);
  return path.slice(path.lastIndexOf("/") + 1);
}
