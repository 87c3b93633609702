// Runs every compiled test file (out/test/**/*.test.js) with node's own test runner.
// Node 20's `--test` takes no globs, so the file list is built here, sorted for a stable order.
// The output is compact (scripts/unit-test-reporter.mjs): failures in full, skips with their
// reason, and the summary line `unit: N passed, N failed, N skipped`.
//
// The tests, and the servers and CLIs they start, get a temporary folder of their own (TMPDIR):
// it is removed at the end, and anything a test left in it is named, so a leak shows at once.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

const scratch = mkdtempSync(join(tmpdir(), 'strata-unit-'));
let status;
try {
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=2', '--test-reporter=./scripts/unit-test-reporter.mjs', '--test-reporter-destination=stdout', ...selected],
    { stdio: 'inherit', env: { ...process.env, TMPDIR: scratch } },
  );
  status = result.status ?? 1;
} finally {
  const left = readdirSync(scratch);
  if (left.length > 0) console.error(`tests left ${left.length} temporary entr${left.length === 1 ? 'y' : 'ies'} behind (removed now): ${left.slice(0, 5).join(', ')}${left.length > 5 ? ', …' : ''}`);
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);
