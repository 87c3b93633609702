import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigProblem } from '../core/config/configProblem';
import { findConfigFile } from '../host/findConfigFile';
import { configDiscovery } from '../host/folderConfig';
import { CONFIG_FILE_NAMES, parseConfigText } from '../core/config/loadConfig';
import { compileRuleset } from '../core/ruleset/compileRuleset';
import { DETECTED_PRESET, PRESETS, type RulesetChoice } from '../core/ruleset/presets';

/** The ruleset the workspace is checked with, and where discovery looks. */
export interface RulesetSource {
  /** The config file it comes from; undefined when the preset is detected. */
  file?: string;
  choice: RulesetChoice;
  /** Discovery under a config: its folder is the project root, `source-roots` and `exclude` are relative to it. */
  projectRoot?: string;
  sourceRoots?: string[];
  /** The config's `exclude`: whether a path (relative to `projectRoot`, with `/`) is never read. */
  exclude?: (relPath: string) => boolean;
}

/** What reading the config again found. */
export type ConfigReload =
  | { status: 'applied'; source: RulesetSource; changed: boolean }
  /** The config file is broken: the last good source stays in force. */
  | { status: 'broken'; file: string; problems: ConfigProblem[]; kept: RulesetSource };

export const DETECTED: RulesetSource = { choice: DETECTED_PRESET };

/**
 * The editor's config: the nearest `strata.toml` or `[tool.strata]` of the workspace folders
 * (looked up from each folder as the CLI does from the folder it checks; the first folder that has
 * one gives the ruleset for all), read again when a config file changes. A broken file never
 * replaces the last good ruleset.
 */
export class WorkspaceConfig {
  private good: RulesetSource = DETECTED;
  /** What the good source was read from, to tell a real change from a rewrite of the same text. */
  private goodKey = '';

  get current(): RulesetSource {
    return this.good;
  }

  /** Whether a changed path can change the config. */
  static concerns(file: string): boolean {
    return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(file));
  }

  reload(folders: readonly string[]): ConfigReload {
    const file = folders.map((folder) => findConfigFile(folder)).find((f) => f !== undefined);
    if (file === undefined) return this.accept(DETECTED, '');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const at = { line: 0, column: 0 };
      const problems = [{ file, range: { start: at, end: at }, message: `cannot read the config file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }];
      return { status: 'broken', file, problems, kept: this.good };
    }
    const load = parseConfigText(file, text, PRESETS);
    if (load.status === 'absent') return this.accept(DETECTED, '');
    if (load.status === 'invalid') return { status: 'broken', file, problems: load.problems, kept: this.good };
    const ruleset = compileRuleset(load.config, load.preset ?? 'config');
    // Discovery as the CLI's under the same file: its project root, source roots and exclude.
    const source: RulesetSource = { file, choice: { marker: ruleset.sourceRootMarker, choose: () => ruleset }, ...configDiscovery({ file, config: load.config }) };
    return this.accept(source, `${file}\n${JSON.stringify(load.config)}`);
  }

  private accept(source: RulesetSource, key: string): ConfigReload {
    const changed = key !== this.goodKey;
    if (changed) {
      this.good = source;
      this.goodKey = key;
    }
    return { status: 'applied', source: this.good, changed };
  }
}
