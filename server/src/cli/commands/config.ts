import { loadFolderConfig } from '../../host/folderConfig';
import { writeToml } from '../../core/config/writeToml';
import { discoverSourceRoots } from '../../host/discoverSourceRoots';
import { findProjectRoot } from '../../host/projectRoot';
import { DETECTION_MARKER, detectPreset, PRESETS } from '../../core/ruleset/presets';
import type { RulesetConfig } from '../../core/ruleset/rulesetConfig';
import { ConfigError } from '../configError';
import { displayPath, existingFolder } from '../loadWorkspace';
import type { Output } from '../output';
import type { ParsedCommand } from '../parseCommand';
import { UsageError } from '../usageError';

export const configHelp = `Usage: strata config [dir] [--format toml|json]

Prints the effective ruleset for dir (default: .): the preset with the changes of the config
file that governs dir (the nearest strata.toml, or pyproject.toml with [tool.strata], from dir
upwards), or, with no config file, the preset Strata detects. The TOML output is itself a valid
config file: one that says everything.

Options:
  --format toml|json     toml (default): with a comment saying where it comes from; json: the data only
  -h, --help             show this help

Exit codes: 0 printed, 2 usage error or a broken config (its problems, path:line:column: message).
`;

export function runConfig(command: ParsedCommand, output: Output): number {
  const format = command.string('format') ?? 'toml';
  if (format !== 'toml' && format !== 'json') throw new UsageError(`--format must be toml or json, not '${format}'`);
  const dir = command.positionalOr(0, '.');
  const folder = existingFolder(dir);
  const { config, origin } = effectiveConfig(folder, dir);
  if (format === 'json') output.out(JSON.stringify(config, null, 2) + '\n');
  else output.out(`# ${origin}\n\n${writeToml(config as Record<string, unknown>)}`);
  return 0;
}

function effectiveConfig(folder: string, dir: string): { config: RulesetConfig; origin: string } {
  const load = loadFolderConfig(folder);
  if (load.status === 'invalid') throw new ConfigError(load.problems);
  if (load.status === 'ok') {
    const file = displayPath(load.file);
    return { config: load.config, origin: load.preset ? `Effective ruleset: preset ${load.preset} with the changes of ${file}` : `Effective ruleset: ${file}` };
  }
  const { roots } = discoverSourceRoots(folder, { marker: DETECTION_MARKER, projectRoot: findProjectRoot(folder) });
  if (roots.length === 0) {
    throw new UsageError(`no config file governs ${dir} and it holds no code a preset recognises (a top package holding '${DETECTION_MARKER}/'): 'strata init ${dir}' writes a config to start from`);
  }
  const preset = detectPreset(roots);
  const found = roots.map((r) => displayPath(r.topPackageDir)).join(', ');
  return { config: PRESETS[preset], origin: `No config file: preset ${preset}, detected from ${found}` };
}
