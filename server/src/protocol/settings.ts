/**
 * The `strata.*` settings, one type for client and server. The client reads them from VS Code's
 * configuration (keys as here, defaults as in package.json, which a test keeps equal to
 * `DEFAULT_SETTINGS`) and sends them as `initializationOptions`; the server also pulls the
 * `strata` section (`workspace/configuration`) and takes `workspace/didChangeConfiguration`.
 */
export interface StrataSettings {
  /** Check only module-level imports: imports inside function bodies are not checked (the CLI's `--module-level-only`). */
  moduleLevelOnly: boolean;
  /** The Topology view selects the file of the active editor (the client's alone). */
  followActiveEditor: boolean;
  /** How violations known to `strata-baseline.json` show: as Information, as hints, or not at all. */
  baselineSeverity: BaselineSeverity;
}

export const BASELINE_SEVERITIES = ['information', 'hint', 'none'] as const;
export type BaselineSeverity = (typeof BASELINE_SEVERITIES)[number];

export const DEFAULT_SETTINGS: StrataSettings = { moduleLevelOnly: false, followActiveEditor: true, baselineSeverity: 'information' };

/**
 * Reads settings from whatever shape a client sends: the `strata` section (`{ moduleLevelOnly }`),
 * whole settings (`{ strata: { … } }`, `{ settings: { strata: … } }`) or dotted keys
 * (`{ "strata.moduleLevelOnly": … }`). Unknown or ill-typed values leave the current value unchanged.
 */
export function parseSettings(raw: unknown, current: StrataSettings): StrataSettings {
  const section = sectionOf(raw);
  if (!section) return current;
  const next = { ...current };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof StrataSettings)[]) {
    const value = section[key];
    if (typeof value !== typeof DEFAULT_SETTINGS[key]) continue;
    if (key === 'baselineSeverity' && !(BASELINE_SEVERITIES as readonly unknown[]).includes(value)) continue;
    (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** Whether a `workspace/didChangeConfiguration` payload carries the `strata` section (else the server pulls it). */
export function carriesSettings(raw: unknown): boolean {
  if (!raw || typeof raw !== 'object') return false;
  const object = raw as Record<string, unknown>;
  return 'strata' in object || Object.keys(object).some((k) => k.startsWith('strata.'));
}

function sectionOf(raw: unknown): Record<string, unknown> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const object = raw as Record<string, unknown>;
  if (object.strata && typeof object.strata === 'object') return object.strata as Record<string, unknown>;
  const dotted = Object.keys(object).filter((k) => k.startsWith('strata.'));
  if (dotted.length > 0) return Object.fromEntries(dotted.map((k) => [k.slice('strata.'.length), object[k]]));
  if (object.settings && typeof object.settings === 'object') return sectionOf(object.settings);
  return object;
}
