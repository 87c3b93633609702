import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InputWarning, SourceRoot } from './sourceRoot';
import { compareBytes } from '../ordering';

/** Folders that never hold the project's own source: dependencies, VCS data, caches, builds of tools. */
const SKIPPED_FOLDERS = new Set([
  'node_modules', '.git', '.hg', '.svn', '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache',
  '.tox', '.nox', '.venv', 'venv', '.eggs', 'site-packages', '.idea', '.vscode',
]);

export interface Discovery {
  roots: SourceRoot[];
  warnings: InputWarning[];
}

/**
 * Finds the source roots under `folder`: each folder that holds a top package with a `marker`
 * subfolder (`app/hoc/`). Walking never enters virtualenvs (a folder with `pyvenv.cfg`), the
 * folders above, or a folder it has already seen through a symlink, so link loops end.
 * When `folder` is itself inside a top package, that package's root is returned.
 */
export function discoverSourceRoots(folder: string, marker: string): Discovery {
  const warnings: InputWarning[] = [];
  const roots: SourceRoot[] = [];
  const start = path.resolve(folder);
  const enclosing = enclosingTopPackage(start, marker);
  const visited = new Set<string>();
  if (enclosing) {
    roots.push(makeRoot(enclosing, listPythonFiles(enclosing, visited, warnings)));
  } else {
    findTopPackages(start, marker, visited, warnings, (topPackageDir) =>
      roots.push(makeRoot(topPackageDir, listPythonFiles(topPackageDir, visited, warnings))),
    );
  }
  roots.sort((a, b) => compareBytes(a.topPackageDir, b.topPackageDir));
  return { roots, warnings };
}

function makeRoot(topPackageDir: string, files: string[]): SourceRoot {
  return { dir: path.dirname(topPackageDir), topPackageDir, files };
}

/** `…/app/hoc/cus/x` → `…/app`: a folder inside a top package belongs to that package's root. */
function enclosingTopPackage(dir: string, marker: string): string | undefined {
  const parts = dir.split(path.sep);
  const at = parts.lastIndexOf(marker);
  if (at < 1) return undefined;
  return parts.slice(0, at).join(path.sep) || path.sep;
}

interface Entry {
  name: string;
  full: string;
  isDir: boolean;
  isFile: boolean;
}

/** Lists a folder, following symlinks; `undefined` for a folder already seen (a link loop) or unreadable. */
function readFolder(dir: string, visited: Set<string>, warnings: InputWarning[]): Entry[] | undefined {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (error) {
    warnings.push({ path: dir, message: `cannot resolve folder: ${describe(error)}` });
    return undefined;
  }
  if (visited.has(real)) {
    if (real !== dir) warnings.push({ path: dir, message: `skipped: symlink to ${real}, already walked (link loop or duplicate)` });
    return undefined;
  }
  visited.add(real);
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    warnings.push({ path: dir, message: `cannot read folder: ${describe(error)}` });
    return undefined;
  }
  const entries: Entry[] = [];
  for (const dirent of dirents) {
    const full = path.join(dir, dirent.name);
    let isDir = dirent.isDirectory();
    let isFile = dirent.isFile();
    if (dirent.isSymbolicLink()) {
      try {
        const target = fs.statSync(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        warnings.push({ path: full, message: 'skipped: broken symlink' });
        continue;
      }
    }
    entries.push({ name: dirent.name, full, isDir, isFile });
  }
  entries.sort((a, b) => compareBytes(a.name, b.name));
  return entries;
}

function findTopPackages(dir: string, marker: string, visited: Set<string>, warnings: InputWarning[], found: (dir: string) => void): void {
  const entries = readFolder(dir, visited, warnings);
  if (!entries) return;
  if (entries.some((e) => e.isDir && e.name === marker)) {
    visited.delete(fs.realpathSync(dir)); // listed again, in full, as a top package
    found(dir);
    return;
  }
  for (const entry of entries) {
    if (!entry.isDir) continue;
    if (isWalkable(entry)) findTopPackages(entry.full, marker, visited, warnings, found);
  }
}

/** A virtualenv is recognised by its name or its pyvenv.cfg before it is walked. */
function isWalkable(entry: Entry): boolean {
  if (SKIPPED_FOLDERS.has(entry.name) || entry.name.endsWith('.egg-info')) return false;
  return !fs.existsSync(path.join(entry.full, 'pyvenv.cfg'));
}

function listPythonFiles(topPackageDir: string, visited: Set<string>, warnings: InputWarning[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    const entries = readFolder(dir, visited, warnings);
    if (!entries) return;
    for (const entry of entries) {
      if (entry.isDir) {
        if (isWalkable(entry)) walk(entry.full);
      } else if (entry.isFile && entry.name.endsWith('.py')) {
        files.push(entry.full);
      }
    }
  };
  walk(topPackageDir);
  files.sort(compareBytes);
  return files;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code ?? String(error);
}
