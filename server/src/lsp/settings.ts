/** The server's settings: `strata.*` in the client's configuration, or `initializationOptions`. */
export interface StrataSettings {
  /** Ignore imports inside function bodies (the CLI's `--module-level-only`). */
  moduleLevelOnly: boolean;
}

export const DEFAULT_SETTINGS: StrataSettings = { moduleLevelOnly: false };

/**
 * Reads settings from whatever shape a client sends: `{ moduleLevelOnly }` (the `strata`
 * section), `{ strata: { moduleLevelOnly } }` (whole settings) or `{ "strata.moduleLevelOnly": … }`.
 * Unknown or ill-typed values leave the current value unchanged.
 */
export function readSettings(raw: unknown, current: StrataSettings): StrataSettings {
  const section = sectionOf(raw);
  if (!section) return current;
  const value = section.moduleLevelOnly;
  return { moduleLevelOnly: typeof value === 'boolean' ? value : current.moduleLevelOnly };
}

function sectionOf(raw: unknown): Record<string, unknown> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const object = raw as Record<string, unknown>;
  if (object.strata && typeof object.strata === 'object') return object.strata as Record<string, unknown>;
  if ('strata.moduleLevelOnly' in object) return { moduleLevelOnly: object['strata.moduleLevelOnly'] };
  if (object.settings && typeof object.settings === 'object') return sectionOf(object.settings);
  return object;
}
