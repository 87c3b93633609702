import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes a throwaway tree of files ({'app/hoc/x.py': '…'}) and returns its folder. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

/** Copies a fixture tree so a test can change it freely. */
export function copyTree(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-copy-'));
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}
