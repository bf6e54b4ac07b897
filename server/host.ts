// The engine's Host for the language server: open buffers first, then the disk.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Host } from "../core/analysis";

export function createHost(openText: (uri: string) => string | undefined, workspaceRoot: string | undefined): Host {
  return {
    workspaceRoot,
    read(uri) {
      const open = openText(uri);
      if (open !== undefined) return open;
      if (!uri.startsWith("file:")) return undefined;
      try {
        return readFileSync(fileURLToPath(uri), "utf8");
      } catch {
        return undefined;
      }
    },
  };
}
