// The gantry.* settings the server follows. They arrive two ways: pushed in
// workspace/didChangeConfiguration ({ gantry: {...} }, the client's synchronize section)
// or pulled with workspace/configuration, one item per setting.
import type { LevelMode } from "../../core/analysis";

export interface Settings {
  inlayHints: boolean;
  /** gantry.leveling: "plan" follows the plan's own `leveling` field. */
  leveling: Extract<LevelMode, "plan" | "off" | "on">;
}

export const DEFAULT_SETTINGS: Settings = { inlayHints: true, leveling: "plan" };

/** The sections pulled with workspace/configuration, in the order `fromPulled` reads them. */
export const PULLED_SECTIONS = ["gantry.inlayHints.enabled", "gantry.leveling"] as const;

const LEVELING: readonly string[] = ["plan", "off", "on"];

function settingsOf(inlayHints: unknown, leveling: unknown): Settings {
  return {
    inlayHints: inlayHints !== false,
    leveling: LEVELING.includes(leveling as string) ? (leveling as Settings["leveling"]) : DEFAULT_SETTINGS.leveling,
  };
}

/** Settings from a pushed `gantry` section, or undefined when the push carries none (then pull). */
export function fromPushed(settings: unknown): Settings | undefined {
  const gantry = (settings as { gantry?: unknown } | null | undefined)?.gantry;
  if (typeof gantry !== "object" || gantry === null) return undefined;
  const g = gantry as { inlayHints?: { enabled?: unknown }; leveling?: unknown };
  return settingsOf(g.inlayHints?.enabled, g.leveling);
}

/** Settings from the answers to PULLED_SECTIONS. */
export function fromPulled(values: readonly unknown[]): Settings {
  return settingsOf(values[0], values[1]);
}
