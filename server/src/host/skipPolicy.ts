import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Which folders and files are never the project's own source. This is the one policy: discovery
 * (the CLI's and the server's initial index) walks by it, and the server asks it of every path a
 * file event names, so the editor and CI never disagree about a file.
 */

/** Folders that never hold the project's own source: dependencies, VCS data, caches, editor settings. */
const SKIPPED_FOLDER_NAMES = new Set([
  'node_modules', '.git', '.hg', '.svn', '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache',
  '.tox', '.nox', '.venv', 'venv', '.eggs', 'site-packages', '.idea', '.vscode',
]);

/** A virtualenv of any name: `python -m venv` writes this file at its top. */
const VIRTUALENV_MARK = 'pyvenv.cfg';

export interface SkipPolicy {
  /** The folder paths are judged from: no folder above it is looked at. */
  projectRoot: string;
  /** Excluded by the user (later: the config's `exclude` globs); `relPath` is relative to `projectRoot`, with `/`. */
  exclude?: (relPath: string) => boolean;
}

/** Whether discovery enters this folder (`dir` absolute, `name` its last segment). */
export function skipsFolder(policy: SkipPolicy, dir: string, name = path.basename(dir)): boolean {
  if (policy.exclude?.(relativeTo(policy.projectRoot, dir))) return true;
  return isNeverSource(dir, name);
}

/**
 * Whether a folder never holds the project's own source, whoever asks: a dependency, VCS data, a
 * cache, editor settings, or a virtualenv of any name. Discovery skips it; the config lookup
 * never takes a config found inside it.
 */
export function isNeverSource(dir: string, name = path.basename(dir)): boolean {
  if (SKIPPED_FOLDER_NAMES.has(name) || name.endsWith('.egg-info')) return true;
  return fs.existsSync(path.join(dir, VIRTUALENV_MARK));
}

/** Whether a file found in a folder discovery entered is passed over (excluded by the user). */
export function skipsFile(policy: SkipPolicy, file: string): boolean {
  return policy.exclude?.(relativeTo(policy.projectRoot, file)) ?? false;
}

/**
 * Whether a path (a file or a folder, existing or not) lies where discovery never looks: in a
 * skipped folder at any depth below the project root, or excluded itself. A `.py` file that a
 * file event names is the project's exactly when this is false.
 */
export function isSkippedPath(policy: SkipPolicy, target: string): boolean {
  const rel = path.relative(policy.projectRoot, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const segments = rel.split(path.sep);
  let dir = policy.projectRoot;
  for (let k = 0; k < segments.length - 1; k++) {
    dir = path.join(dir, segments[k]);
    if (skipsFolder(policy, dir, segments[k])) return true;
  }
  const last = segments[segments.length - 1];
  if (SKIPPED_FOLDER_NAMES.has(last) || last.endsWith('.egg-info')) return true;
  if (skipsFile(policy, target)) return true;
  return fs.existsSync(path.join(target, VIRTUALENV_MARK));
}

/** Whether a file event about this path can change what discovery skips (a virtualenv appearing or going). */
export function changesSkipping(target: string): boolean {
  return path.basename(target) === VIRTUALENV_MARK;
}

function relativeTo(root: string, target: string): string {
  return path.relative(root, target).split(path.sep).join('/');
}
