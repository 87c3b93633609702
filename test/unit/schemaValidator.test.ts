import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

test('the committed config validator is the one the schema gives (regenerate with scripts/generate-schema-validator.mjs)', () => {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'generate-schema-validator.mjs'), '--check'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
});
