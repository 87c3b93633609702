import type { RulesetConfig } from './rulesetConfig';

/** Tables keyed by id: an entry with a known id overrides only the fields it gives, in place; a new id comes after. */
const TABLES_BY_ID = ['audiences', 'layers', 'rules', 'templates'] as const;
/** Tables whose keys merge one by one (a `fixes.group` given replaces the preset's `fixes.group` whole). */
const TABLES_BY_KEY = ['map', 'fixes'] as const;

/**
 * A config that `extends` a preset, merged onto it (see the rules in `rulesetConfig.ts`):
 * scalars and arrays (`domains`, `counterparts`, `gaps`, `map.rows`, a rule's `forbid`) given by
 * the config replace the preset's; id-keyed tables merge entry by entry and field by field.
 * Neither argument is changed.
 */
export function mergeConfig(preset: RulesetConfig, overrides: RulesetConfig): RulesetConfig {
  const merged: Record<string, unknown> = { ...preset };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if ((TABLES_BY_ID as readonly string[]).includes(key)) {
      merged[key] = mergeById(preset[key as (typeof TABLES_BY_ID)[number]] as Record<string, object> | undefined, value as Record<string, object>);
    } else if ((TABLES_BY_KEY as readonly string[]).includes(key)) {
      merged[key] = { ...(preset[key as (typeof TABLES_BY_KEY)[number]] ?? {}), ...(value as object) };
    } else {
      merged[key] = value;
    }
  }
  return merged as RulesetConfig;
}

function mergeById(base: Record<string, object> | undefined, overrides: Record<string, object>): Record<string, object> {
  const merged: Record<string, object> = {};
  for (const [id, entry] of Object.entries(base ?? {})) merged[id] = id in overrides ? { ...entry, ...overrides[id] } : entry;
  for (const [id, entry] of Object.entries(overrides)) if (!(id in merged)) merged[id] = entry;
  return merged;
}
