import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

/** A new empty folder under the system's temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'strata-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (made.length === 0) process.on('exit', removeAll);
  made.push(dir);
  return dir;
}

function removeAll(): void {
  // chmod 000 folders of a test would stop the removal: give every folder back its rights first.
  for (const dir of made.splice(0)) {
    try {
      restoreRights(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort: the test runner's own temporary folder goes anyway.
    }
  }
}

function restoreRights(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    try {
      fs.chmodSync(full, 0o755);
      restoreRights(full);
    } catch {
      // A folder this user cannot change: leave it to rmSync.
    }
  }
}

/** Writes a throwaway tree of files ({'app/hoc/x.py': '…'}) and returns its folder. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = tempDir('strata-test-');
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

/** Copies a fixture tree so a test can change it freely. */
export function copyTree(from: string): string {
  const dir = tempDir('strata-copy-');
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

/**
 * Makes `to` hold what `from` holds, copying only the files whose size or modification time
 * differ (copies keep the source's time) and removing what `from` lacks: a tree kept beside
 * another one and brought up to date often, at the cost of a walk rather than of a full copy.
 */
export function mirrorTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  const present = new Set(fs.readdirSync(to));
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    present.delete(entry.name);
    const existing = fs.lstatSync(target, { throwIfNoEntry: false });
    if (entry.isDirectory()) {
      if (existing && !existing.isDirectory()) fs.rmSync(target, { force: true });
      mirrorTree(source, target);
      continue;
    }
    const stat = fs.lstatSync(source);
    if (existing?.isDirectory()) fs.rmSync(target, { recursive: true, force: true });
    else if (existing && existing.size === stat.size && existing.mtimeMs === stat.mtimeMs) continue;
    fs.copyFileSync(source, target);
    fs.utimesSync(target, stat.atime, stat.mtime);
  }
  for (const name of present) fs.rmSync(path.join(to, name), { recursive: true, force: true });
}
