import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliPath, hocBackend } from '../support/paths';

const check = (dir: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [cliPath, 'check', dir, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, ...env } });

const TIMINGS = /^strata timings: startup \d+ ms · discover \d+ ms · read \d+ ms · scan \d+ ms · resolve \d+ ms · check \d+ ms · report \d+ ms · total \d+ ms$/m;

test('STRATA_TIMINGS=1: one line of per-phase times on stderr, in pipeline order; stdout unchanged', () => {
  const plain = check(hocBackend, {});
  const timed = check(hocBackend, { STRATA_TIMINGS: '1' });
  assert.equal(timed.status, 1);
  assert.equal(timed.stdout, plain.stdout);
  assert.match(timed.stderr, TIMINGS);
  assert.equal(timed.stderr.replace(TIMINGS, '').replace(/\n+$/, ''), plain.stderr.replace(/\n+$/, ''));
  assert.doesNotMatch(plain.stderr, /strata timings/);
});
