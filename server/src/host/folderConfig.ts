import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiscoveryOptions } from './discoverSourceRoots';
import { compileRuleset } from '../core/ruleset/compileRuleset';
import { excludeMatcher } from '../core/extract/excludePatterns';
import type { Ruleset } from '../core/ruleset/ruleset';
import type { RulesetConfig } from '../core/ruleset/rulesetConfig';
import { findConfigFile } from './findConfigFile';
import { parseConfigText, type ConfigLoad } from '../core/config/loadConfig';

/** The config that governs a folder: none (presets are detected), or what its file says. */
export type FolderConfig = { status: 'none' } | Exclude<ConfigLoad, { status: 'absent' }>;

/** Finds and reads the config file of `folder` (see `findConfigFile`, `parseConfigText`). */
export function loadFolderConfig(folder: string): FolderConfig {
  const file = findConfigFile(folder);
  if (file === undefined) return { status: 'none' };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const at = { line: 0, column: 0 };
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return { status: 'invalid', file, problems: [{ file, range: { start: at, end: at }, message: `cannot read the config file: ${reason}` }] };
  }
  const load = parseConfigText(file, text);
  return load.status === 'absent' ? { status: 'none' } : load;
}

/** The ruleset of a valid config file, named after its preset (`hoc-v2`) or `config`. */
export function configRuleset(load: { preset: string | undefined; config: RulesetConfig }): Ruleset {
  return compileRuleset(load.config, load.preset ?? 'config');
}

/**
 * Where discovery looks under a config file: its folder is the project root (never looked
 * above), `source-roots` and `exclude` are relative to it.
 */
export function configDiscovery(load: { file: string; config: RulesetConfig }): Omit<DiscoveryOptions, 'marker'> {
  const projectRoot = path.dirname(load.file);
  const excluded = load.config.exclude?.length ? excludeMatcher(load.config.exclude, projectRoot) : undefined;
  return {
    projectRoot,
    sourceRoots: load.config['source-roots'],
    // The CLI's --exclude and the config's exclude are one predicate (ruff's conventions).
    exclude: excluded && ((relPath) => excluded(path.join(projectRoot, relPath))),
  };
}
