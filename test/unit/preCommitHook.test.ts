import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyProject, envWithoutNpm } from '../support/projectCopy';
import { tempDir, tempTree } from '../support/tempTree';

/**
 * Debian's pre-commit, installed here when missing (CI and the developers' machines run as root),
 * so that `npm ci && npm test` on a fresh machine runs this test for real.
 */
function ensurePreCommit(): void {
  if (spawnSync('pre-commit', ['--version']).status === 0) return;
  assert.equal(process.getuid?.(), 0, 'pre-commit is missing and only root can install it: apt-get install pre-commit');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', '-q', 'pre-commit'], { encoding: 'utf8', env });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { encoding: 'utf8', env });
    install = spawnSync('apt-get', ['install', '-y', '-q', 'pre-commit'], { encoding: 'utf8', env });
  }
  assert.equal(install.status, 0, `apt-get install pre-commit failed:\n${install.stdout}${install.stderr}`);
}

const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', env: hookEnv });
let hookEnv: NodeJS.ProcessEnv = {};

test('pre-commit runs the strata hook from this repository: a staged violating file fails the commit, a clean one passes', () => {
  ensurePreCommit();
  // pre-commit's own store, so the hook is installed from this change, not from an earlier run.
  // Nested npm runs must not see the outer `npm test`'s settings; the npm cache is the machine's.
  hookEnv = envWithoutNpm({ PRE_COMMIT_HOME: tempDir('strata-pre-commit-home-'), npm_config_prefer_offline: 'true' });

  // The hook repository: this project as a commit (what `repo:` and `rev:` point at).
  const hookRepo = copyProject();
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'strata']]) assert.equal(git(hookRepo, ...args).status, 0);
  const rev = git(hookRepo, 'rev-parse', 'HEAD').stdout.trim();

  // A throw-away project using it.
  const project = tempTree({
    'backend/app/hoc/cus/x/L5_engines/engine.py': 'import json\n',
    'backend/app/models/m.py': '',
    '.pre-commit-config.yaml': `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: strata\n`,
  });
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'start', '--no-verify']]) assert.equal(git(project, ...args).status, 0);
  const install = spawnSync('pre-commit', ['install'], { cwd: project, encoding: 'utf8', env: hookEnv });
  assert.equal(install.status, 0, install.stderr);

  const bad = 'backend/app/hoc/cus/x/L5_engines/bad_engine.py';
  fs.writeFileSync(path.join(project, bad), 'import os\nfrom app.models import m\n');
  git(project, 'add', bad);
  const refused: SpawnSyncReturns<string> = git(project, 'commit', '-m', 'bad');
  const said = refused.stdout + refused.stderr;
  assert.equal(refused.status, 1, said);
  assert.match(said, /strata \(layer rules of imports\)\.+Failed/);
  assert.match(said, /\nbackend\/app\/hoc\/cus\/x\/L5_engines\/bad_engine\.py:2:1 {2}error L5-L7 L5 MUST NOT import L7 models directly: app\.models is an L7 Model \(shared\) {2}\(Route through L6 driver\)\n/);
  assert.match(said, /✖ 1 violation in 1 file \(L5-L7 ×1\) · 1 file checked/);
  assert.equal(git(project, 'rev-list', '--count', 'HEAD').stdout.trim(), '1', 'nothing was committed');

  git(project, 'rm', '-q', '--cached', bad);
  fs.rmSync(path.join(project, bad));
  const clean = 'backend/app/hoc/cus/x/L5_engines/clean_engine.py';
  fs.writeFileSync(path.join(project, clean), 'import os\n');
  git(project, 'add', clean);
  const accepted = git(project, 'commit', '-m', 'clean');
  assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
  assert.match(accepted.stdout + accepted.stderr, /strata \(layer rules of imports\)\.+Passed/);
  assert.equal(git(project, 'rev-list', '--count', 'HEAD').stdout.trim(), '2');
});
