// Runs every compiled test file (out/test/**/*.test.js) with node's own test runner.
// Node 20's `--test` takes no globs, so the file list is built here, sorted for a stable order.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['out/test/unit', 'out/test/lsp'];
const files = [];
function walk(dir) {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.test.js')) files.push(full);
  }
}
roots.forEach(walk);
if (files.length === 0) {
  console.error('no test files found under ' + roots.join(', ') + ' (run `npm run compile-tests` first)');
  process.exit(1);
}
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((p) => f.includes(p))) : files;
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...selected], { stdio: 'inherit' });
process.exit(result.status ?? 1);
