import * as path from 'node:path';
import { PRESETS } from '../ruleset/presets';
import type { RulesetConfig } from '../ruleset/rulesetConfig';
import { checkMeaning } from './checkMeaning';
import { compareProblems, type ConfigProblem, type TextRange } from './configProblem';
import { mergeWithPreset } from './mergeConfig';
import { TomlDocument } from './tomlDocument';
import { validateSchema } from './validateSchema';

/** The file names a config is read from, nearest folder first; in one folder `strata.toml` wins. */
export const CONFIG_FILE_NAMES = ['strata.toml', 'pyproject.toml'] as const;

/** Where Strata's keys live in a `pyproject.toml`. */
export const PYPROJECT_TABLE = '/tool/strata';

/** What one config file says: the effective ruleset, or every problem found, or (a `pyproject.toml` without `[tool.strata]`) nothing. */
export type ConfigLoad =
  | {
      status: 'ok';
      /** Absolute path of the config file. */
      file: string;
      /** The preset the file extends, if any. */
      preset: string | undefined;
      /** The effective ruleset: the preset with the file's changes, naming no preset. */
      config: RulesetConfig;
    }
  | { status: 'invalid'; file: string; problems: ConfigProblem[] }
  | { status: 'absent'; file: string };

const START: TextRange = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

/**
 * Reads one config file's text: TOML syntax, then the schema (keys and types), then, with the
 * preset merged in, the meaning (layer ids, globs, shadowed layers, rules). Each stage runs only
 * when the one before found nothing, and any problem means no config at all: nothing is ever
 * checked with half a config. Pure: the same path and text give the same answer, so the
 * language server can call it on an unsaved buffer.
 */
export function parseConfigText(file: string, text: string, presets: Readonly<Record<string, RulesetConfig>> = PRESETS): ConfigLoad {
  const parsed = TomlDocument.parse(text);
  if (!parsed.ok) {
    return { status: 'invalid', file, problems: [{ file, range: parsed.range, message: parsed.message }] };
  }
  const document = path.basename(file) === 'pyproject.toml' ? parsed.document.subDocument(PYPROJECT_TABLE) : parsed.document;
  if (!document) return { status: 'absent', file };
  const invalid = (problems: { range: TextRange | undefined; message: string }[]): ConfigLoad => ({
    status: 'invalid',
    file,
    problems: problems.map((p) => ({ file, range: p.range ?? document.valueRange('') ?? START, message: p.message })).sort(compareProblems),
  });

  const schemaProblems = validateSchema(document);
  if (schemaProblems.length) return invalid(schemaProblems);

  const written = document.value as RulesetConfig;
  const preset = written.extends;
  // The schema lists the presets; a preset missing from the table is Strata's bug, said plainly.
  if (preset !== undefined && !presets[preset]) return invalid([{ range: document.valueRange('/extends'), message: `preset '${preset}' is not built in` }]);
  const config = preset === undefined ? written : mergeWithPreset(presets[preset], written);

  const meaningProblems = checkMeaning(config);
  if (meaningProblems.length) {
    // Shown at the entry of the file it is about (`[layers.api]` at the least); a problem in
    // what only the preset gave, where the file names the preset.
    return invalid(
      meaningProblems.map((p) => ({
        range: document.valueRange(p.pointer, 2) ?? document.valueRange('/extends'),
        message: p.message,
      })),
    );
  }
  return { status: 'ok', file, preset, config };
}

