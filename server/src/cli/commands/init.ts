import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasStrataTable } from '../../host/findConfigFile';
import { layoutStarter, presetStarter } from '../../core/config/starterConfig';
import { plural } from '../../core/report/reporter';
import { surveyLayout } from '../../host/surveyLayout';
import { discoverSourceRoots } from '../../host/discoverSourceRoots';
import { DETECTION_MARKER, detectPreset, PRESETS } from '../../core/ruleset/presets';
import { displayPath, existingFolder } from '../loadWorkspace';
import type { Output } from '../output';
import type { ParsedCommand } from '../parseCommand';
import { UsageError } from '../usageError';

export const initHelp = `Usage: strata init [dir]

Writes a commented starter strata.toml in dir (default: .). For code a preset recognises it
extends that preset, with a commented example of every other key; for a layout Strata does not
recognise, it lists the packages it finds as candidate layers to edit. Never overwrites a file:
an existing strata.toml, or a pyproject.toml with [tool.strata], is left alone (exit 2).

Options:
  -h, --help             show this help

Exit codes: 0 written, 2 usage error or a config already there.
`;

export function runInit(command: ParsedCommand, output: Output): number {
  const dir = command.positionalOr(0, '.');
  const folder = existingFolder(dir);
  const target = path.join(folder, 'strata.toml');
  // lstat: a link to nowhere is there too (writing would follow it).
  if (fs.lstatSync(target, { throwIfNoEntry: false }) !== undefined) throw new UsageError(`${displayPath(target)} already exists: not overwritten`);
  const pyproject = path.join(folder, 'pyproject.toml');
  if (fs.existsSync(pyproject) && hasStrataTable(pyproject)) {
    throw new UsageError(`${displayPath(pyproject)} already has a [tool.strata] table, which a strata.toml would override: not written`);
  }
  const { roots } = discoverSourceRoots(folder, { marker: DETECTION_MARKER, projectRoot: folder });
  let text: string;
  let said: string;
  if (roots.length > 0) {
    const preset = detectPreset(roots);
    const found = roots.map((r) => path.relative(folder, r.dir).split(path.sep).join('/') || '.');
    text = presetStarter(preset, PRESETS[preset], found);
    said = `extends the preset ${preset} (detected from ${found.join(', ')})`;
  } else {
    const survey = surveyLayout(folder);
    text = layoutStarter(survey);
    said = survey.candidates.length ? `${survey.candidates.length} candidate ${plural(survey.candidates.length, 'layer')} (${survey.candidates.join(', ')}): edit ${survey.candidates.length === 1 ? 'it' : 'them'}, then run strata check` : 'no package found to suggest as a layer: declare the layers';
  }
  try {
    // 'wx': never over a file that appeared meanwhile.
    fs.writeFileSync(target, text, { flag: 'wx' });
  } catch (error) {
    throw new UsageError(`cannot write ${displayPath(target)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  output.out(`wrote ${displayPath(target)}: ${said}\n`);
  return 0;
}
