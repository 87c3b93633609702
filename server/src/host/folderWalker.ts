import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareBytes } from '../core/ordering';
import { skipsFile, skipsFolder, type SkipPolicy } from './skipPolicy';
import type { InputWarning } from '../core/extract/sourceRoot';

export interface FolderEntry {
  name: string;
  full: string;
  isDir: boolean;
  isFile: boolean;
}

/**
 * The one walker of the project's folders (discovery, and the server when a folder appears):
 * it follows symbolic links, enters each real folder once (so link loops end), never enters a
 * folder the skip policy skips, and lists entries in byte order. What it cannot read is a
 * warning marked `unreadable`: the caller's result is incomplete.
 */
export class FolderWalker {
  private readonly visited = new Set<string>();

  constructor(
    readonly policy: SkipPolicy,
    readonly warnings: InputWarning[] = [],
  ) {}

  /** Lists a folder; `undefined` for one already walked (a link loop) or unreadable. */
  list(dir: string): FolderEntry[] | undefined {
    let real: string;
    try {
      // The system's realpath: one call, where Node's own realpathSync looks at every segment of
      // the path (one lstat each) for every folder walked.
      real = fs.realpathSync.native(dir);
    } catch (error) {
      this.warnings.push({ path: dir, message: `cannot resolve folder: ${describe(error)}` });
      return undefined;
    }
    if (this.visited.has(real)) {
      if (real !== dir) this.warnings.push({ path: dir, message: `skipped: symlink to ${real}, already walked (link loop or duplicate)` });
      return undefined;
    }
    this.visited.add(real);
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      this.warnings.push({ path: dir, message: `cannot read folder: ${describe(error)}`, unreadable: true });
      return undefined;
    }
    const entries: FolderEntry[] = [];
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
          this.warnings.push({ path: full, message: 'skipped: broken symlink' });
          continue;
        }
      }
      entries.push({ name: dirent.name, full, isDir, isFile });
    }
    entries.sort((a, b) => compareBytes(a.name, b.name));
    return entries;
  }

  /** Whether discovery enters this folder entry. */
  enters(entry: FolderEntry): boolean {
    return entry.isDir && !skipsFolder(this.policy, entry.full, entry.name);
  }

  /** The `.py` files under a folder, sorted byte-wise. */
  pythonFiles(dir: string): string[] {
    const files: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of this.list(folder) ?? []) {
        if (this.enters(entry)) walk(entry.full);
        else if (entry.isFile && isPythonFile(entry.name) && !skipsFile(this.policy, entry.full)) files.push(entry.full);
      }
    };
    walk(dir);
    return files.sort(compareBytes);
  }

  /**
   * Whether a folder holds a `.py` file at any depth, stopping at the first. It walks on its own
   * (the folder is listed again in full if it counts), and says what it could not read only when
   * that may have hidden the answer.
   */
  holdsPython(dir: string): boolean {
    const probe = new FolderWalker(this.policy);
    const walk = (folder: string): boolean =>
      (probe.list(folder) ?? []).some((entry) =>
        probe.enters(entry) ? walk(entry.full) : entry.isFile && isPythonFile(entry.name) && !skipsFile(this.policy, entry.full),
      );
    if (walk(dir)) return true;
    this.warnings.push(...probe.warnings.filter((w) => w.unreadable));
    return false;
  }
}

export function isPythonFile(name: string): boolean {
  return name.endsWith('.py');
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code ?? String(error);
}
