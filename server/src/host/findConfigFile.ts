import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES, PYPROJECT_TABLE } from '../core/config/loadConfig';
import { TomlDocument } from '../core/config/tomlDocument';
import { isNeverSource } from './skipPolicy';

/**
 * The config file that governs `folder`, as ruff finds its own: from `folder` upwards, the first
 * folder with a `strata.toml`, or a `pyproject.toml` that has a `[tool.strata]` table (one
 * without it is passed over); in one folder `strata.toml` wins. The search never goes above the
 * repository (a folder holding `.git` is the last one looked at), and a folder inside
 * a folder discovery never walks (`node_modules`, `site-packages`, a virtualenv, a tool's cache:
 * the skip policy's `isNeverSource`) is never the project's: the search starts above the
 * outermost of those.
 */
export function findConfigFile(folder: string): string | undefined {
  const chain: string[] = [];
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    chain.push(dir);
    if (path.dirname(dir) === dir) break;
  }
  let outermostDependency = -1;
  chain.forEach((dir, i) => {
    if (isNeverSource(dir)) outermostDependency = i;
  });
  for (const dir of chain.slice(outermostDependency + 1)) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      if (name === 'strata.toml' ? isConfigEntry(file) : isFile(file) && hasStrataTable(file)) return file;
    }
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
  }
  return undefined;
}

/**
 * Whether a `pyproject.toml` is one of Strata's. A file that is not valid TOML counts when its
 * text opens the table (`[tool.strata]` or `[tool.strata.…]`, or dotted `tool.strata.… =`), so its
 * syntax error is reported rather than the file silently passed over.
 */
export function hasStrataTable(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const parsed = TomlDocument.parse(text);
  if (parsed.ok) return parsed.document.subDocument(PYPROJECT_TABLE) !== undefined;
  return /^[ \t]*(\[[ \t]*tool[ \t]*\.[ \t]*strata[ \t]*[\].]|tool[ \t]*\.[ \t]*strata[ \t]*[.=])/m.test(text);
}

/**
 * Whether a `strata.toml` is there: a file, or a link that cannot be followed (broken, or a loop),
 * which is found so that reading it says why; passed over, it would silently leave the run to a
 * config further up or to the detected preset.
 */
function isConfigEntry(file: string): boolean {
  try {
    if (fs.lstatSync(file, { throwIfNoEntry: false }) === undefined) return false;
  } catch {
    return false;
  }
  try {
    return fs.statSync(file).isFile();
  } catch {
    return true;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
