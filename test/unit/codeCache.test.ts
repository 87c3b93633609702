import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { hocBackend, repoRoot } from '../support/paths';
import { tempDir } from '../support/tempTree';

/** A copy of the built CLI in a folder of its own, so that its code cache is this test's alone. */
function cliCopy(): string {
  const dir = tempDir('strata-code-cache-');
  for (const name of ['cli.js', 'cli.main.js', 'scanWorker.js']) fs.copyFileSync(path.join(repoRoot, 'dist', name), path.join(dir, name));
  return dir;
}

const check = (dir: string) => spawnSync(process.execPath, [path.join(dir, 'cli.js'), 'check', hocBackend, '--format', 'json'], { encoding: 'utf8' });

test('dist/cli.js keeps a V8 code cache in .cache/ next to the bundle; runs with and without it print the same', () => {
  const dir = cliCopy();
  const cacheFile = path.join(dir, '.cache', `cli.main.js.${process.version}.${process.arch}.v8`);
  const first = check(dir);
  assert.equal(first.status, 1, first.stderr);
  assert.ok(fs.statSync(cacheFile).size > 10_000, 'the cache was written');
  const written = fs.statSync(cacheFile).mtimeMs;
  const second = check(dir);
  assert.equal(second.stdout, first.stdout);
  assert.equal(second.stderr, first.stderr);
  assert.equal(fs.statSync(cacheFile).mtimeMs, written, 'an accepted cache is not written again');
});

test('a damaged code cache is rejected by V8 and written anew; the run is unaffected', () => {
  const dir = cliCopy();
  const cacheFile = path.join(dir, '.cache', `cli.main.js.${process.version}.${process.arch}.v8`);
  const clean = check(dir);
  fs.writeFileSync(cacheFile, Buffer.alloc(4096, 0x5a));
  const damaged = check(dir);
  assert.equal(damaged.status, 1, damaged.stderr);
  assert.equal(damaged.stdout, clean.stdout);
  assert.ok(fs.readFileSync(cacheFile).some((b) => b !== 0x5a), 'the cache was replaced');
});
