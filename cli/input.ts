// Reading plan files safely: every way a file can be unusable becomes one plain-words
// reason, never an exception. The same reader serves the main file and its imports.
import { readFileSync, statSync } from "node:fs";

/** Plans above this size are refused (a plan of 10 000 tasks is about 1 MB). */
export const MAX_PLAN_BYTES = 20 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

export function readPlanFile(path: string): ReadResult {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, reason: "is a directory, not a plan file" };
    if (!st.isFile()) return { ok: false, reason: "is not a regular file" };
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : `cannot be opened (${code ?? "unknown error"})` };
  }
  if (size > MAX_PLAN_BYTES) {
    return { ok: false, reason: `is ${(size / 1024 / 1024).toFixed(1)} MB; plans larger than ${MAX_PLAN_BYTES / 1024 / 1024} MB are refused` };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "EACCES" ? "permission denied" : `cannot be read (${code ?? "unknown error"})` };
  }
  if (bytes.includes(0)) return { ok: false, reason: "is a binary file, not a plan" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { ok: true, text: text.startsWith("\uFEFF") ? text.slice(1) : text };
  } catch {
    return { ok: false, reason: "is not valid UTF-8 text" };
  }
}
