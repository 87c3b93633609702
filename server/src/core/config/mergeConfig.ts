import type { RulesetConfig } from '../ruleset/rulesetConfig';

/** Tables keyed by id: an entry the preset has is overridden field by field, in the preset's place. */
const TABLES_BY_ID = ['audiences', 'layers', 'rules', 'templates'] as const;
/** Plain tables (not keyed by id): merged field by field. */
const TABLES = ['map', 'fixes'] as const;

/**
 * The effective config of a file that `extends` a preset (see `RulesetConfig`): a table entry whose
 * id the preset has overrides only the fields it gives, in the preset's place; a new id comes after
 * the preset's entries, in the file's order; any other value given (arrays, arrays of tables such
 * as `counterparts`, strings) replaces the preset's. The result names no preset: it is the whole
 * ruleset, and loads the same as a file of its own.
 */
export function mergeWithPreset(preset: RulesetConfig, overrides: RulesetConfig): RulesetConfig {
  const merged: Record<string, unknown> = { ...preset, ...overrides };
  for (const key of TABLES_BY_ID) {
    if (preset[key] && overrides[key]) merged[key] = mergeById<object>(preset[key], overrides[key]);
  }
  for (const key of TABLES) {
    if (preset[key] && overrides[key]) merged[key] = { ...preset[key], ...overrides[key] };
  }
  delete merged.extends;
  return merged as RulesetConfig;
}

function mergeById<T extends object>(base: Record<string, T>, overrides: Record<string, T>): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [id, entry] of Object.entries(base)) result[id] = id in overrides ? { ...entry, ...overrides[id] } : entry;
  for (const [id, entry] of Object.entries(overrides)) if (!(id in base)) result[id] = entry;
  return result;
}
