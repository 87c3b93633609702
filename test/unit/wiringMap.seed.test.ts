import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliPath, hocBackend, repoRoot } from '../support/paths';

const expectedPath = path.join(hocBackend, 'expected', 'integrations.DOMAIN_WIRING_MAP.md');

function cli(args: string[]) {
  return spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
}

test('the fixture rebuilt from the seed regenerates the seed map byte for byte (module-level only)', () => {
  const run = cli(['map', hocBackend, '--domain', 'integrations', '--module-level-only']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, fs.readFileSync(expectedPath, 'utf8'));
});

test('the expected map in the repo is the seed from shared/ (when shared/ is beside the repo)', (t) => {
  const seed = path.resolve(repoRoot, '..', 'shared', 'seed', 'integrations.DOMAIN_WIRING_MAP.md');
  if (!fs.existsSync(seed)) return t.skip('no shared/ folder beside the repo');
  assert.deepEqual(fs.readFileSync(expectedPath), fs.readFileSync(seed));
});

test('without --module-level-only, lazy imports inside functions show up in the map', () => {
  const run = cli(['map', hocBackend, '--domain', 'integrations']);
  assert.equal(run.status, 0, run.stderr);
  const map = run.stdout;
  assert.notEqual(map, fs.readFileSync(expectedPath, 'utf8'));
  assert.match(map, /\| `protection_dependencies\.py` \| `from app\.hoc\.cus\.integrations\.L6_drivers\.external_response_d` \| L2 MUST NOT import L6 \| Route through L3 → L5 → L6 \|/);
  assert.match(map, /\| `dispatcher\.py` \| `from app\.db import get_session` \| L5 MUST NOT access DB directly \| Use L6 driver for DB access \|/);
  // The lazy DB import also makes the dispatcher an engine with DB imports and no driver.
  assert.match(map, /\| L6_driver \| dispatcher\.py has DB imports but no matching L6 driver \| Extract DB logic to hoc\/cus\/integrations\/L6_drivers\/dispatcher_driver\.py \|/);
  const rows = map.split('\n').filter((l) => l.startsWith('| `'));
  assert.equal(rows.length, 8);
});

test('maps and checks are deterministic: same tree, same bytes', () => {
  const a = cli(['check', hocBackend, '--format', 'json']);
  const b = cli(['check', hocBackend, '--format', 'json']);
  assert.equal(a.status, 1);
  assert.equal(a.stdout, b.stdout);
  assert.equal(cli(['map', hocBackend, '--domain', 'integrations']).stdout, cli(['map', hocBackend, '--domain', 'integrations']).stdout);
});
