import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, hocBackend } from '../support/paths';
import { runCliInProcess } from '../support/runCliInProcess';
import { tempTree } from '../support/tempTree';

const L5_ENGINE = 'app/hoc/cus/x/L5_engines';

test('a project below a folder named hoc checks its own tree, not its neighbours', () => {
  const dir = tempTree({
    'hoc/proj/.git/HEAD': 'ref: refs/heads/main\n',
    [`hoc/proj/backend/${L5_ENGINE}/clean.py`]: 'import json\n',
    'hoc/proj/scripts/tool.py': 'from sqlmodel import Session\n',
    [`hoc/other/backend/${L5_ENGINE}/dirty.py`]: 'from sqlmodel import Session\n',
  });
  const proj = path.join(dir, 'hoc/proj');
  const run = runCliInProcess(['check', proj]);
  assert.equal(run.stdout, '✔ no violations · 1 file checked\n');
  assert.equal(run.code, 0);
  // With no project marker at all, the given folder is the limit: scripts/ alone is no layered code.
  fs.rmSync(path.join(proj, '.git'), { recursive: true });
  const scripts = runCliInProcess(['check', path.join(proj, 'scripts')]);
  assert.equal(scripts.code, 2);
  assert.match(scripts.stderr, /no layered Python code under /);
});

test('check of a folder inside a top package: its source root is found above it, results are for the folder only', () => {
  const integrations = path.join(hocBackend, 'backend/app/hoc/cus/integrations');
  const run = runCliInProcess(['check', integrations, '--format', 'json']);
  assert.equal(run.code, 1);
  const report = JSON.parse(run.stdout) as { violations: { file: string; rule: string; target: string }[]; summary: { files: number; violations: number } };
  assert.deepEqual(
    report.violations.map((v) => `${v.file} ${v.rule} ${v.target}`),
    [
      'L3_adapters/customer_incidents_adapter.py L3-DB sqlmodel',
      'L3_adapters/customer_keys_adapter.py L3-DB sqlmodel',
      'L5_engines/cus_health_engine.py L5-sqlmodel sqlmodel',
      'L5_engines/cus_health_engine.py L5-DB app.db',
      'L5_engines/cus_health_engine.py L5-L7 app.models.cus_models',
      'L5_engines/dispatcher.py L5-DB app.db',
    ],
  );
  assert.equal(report.summary.files, 50);
  // The imports were resolved against the whole root: app.models is a module of the workspace.
  const text = runCliInProcess(['check', integrations]);
  assert.match(text.stdout, /app\.models\.cus_models is an L7 Model \(shared\)/);
});

test('a tree whose only hoc/ folder is documentation is no layered Python code (exit 2)', () => {
  const dir = tempTree({ 'docs/hoc/README.md': '# The HOC topology\n', 'docs/hoc/img/layers.svg': '<svg/>' });
  const run = runCliInProcess(['check', dir]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^strata check: no layered Python code under /m);
  // And beside a real source root it adds nothing, and says nothing.
  const mixed = tempTree({ 'docs/hoc/README.md': '', [`backend/${L5_ENGINE}/a.py`]: 'import json\n' });
  fs.symlinkSync(path.join(mixed, 'gone'), path.join(mixed, 'docs/hoc/diagram.svg'));
  const checked = runCliInProcess(['check', mixed]);
  assert.deepEqual([checked.code, checked.stdout, checked.stderr], [0, '✔ no violations · 1 file checked\n', '']);
});

/**
 * Runs dist/cli.js as a user that permissions apply to: root reads everything, so when the tests
 * run as root the CLI runs as `nobody` (setpriv), which must be able to reach the tree.
 */
function runAsNormalUser(args: string[], tree: string): { status: number | null; stdout: string; stderr: string } {
  if (process.getuid?.() !== 0) return spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  // mkdtemp makes folders 0700: let others pass through the test's temporary folders (and list the tree).
  fs.chmodSync(tree, 0o755);
  const top = path.dirname(os.tmpdir());
  for (let dir = path.dirname(tree); dir !== top && dir.startsWith(os.tmpdir()); dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o711);
  }
  return spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliPath, ...args], { encoding: 'utf8' });
}

test('an unreadable folder is an error, like an unreadable file: exit 2, naming the path', (t) => {
  if (process.platform === 'win32') return t.skip('chmod 000 does not deny reading on Windows');
  if (process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status !== 0) return t.skip('running as root without setpriv: permissions cannot be tested');
  const dir = tempTree({ [`backend/${L5_ENGINE}/a.py`]: 'import json\n', 'backend/app/hoc/cus/secret/L5_engines/s.py': 'import json\n' });
  const secret = path.join(dir, 'backend/app/hoc/cus/secret');
  fs.chmodSync(secret, 0o000);
  try {
    const run = runAsNormalUser(['check', dir], dir);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, new RegExp(`${secret.replace(/[/\\]/g, '.')}: cannot read folder: EACCES`));
    // The only marker folder unreadable: no layered code found, and the reason named.
    fs.chmodSync(secret, 0o755);
    const hoc = path.join(dir, 'backend/app/hoc');
    fs.chmodSync(hoc, 0o000);
    const hidden = runAsNormalUser(['check', dir], dir);
    assert.equal(hidden.status, 2, hidden.stdout + hidden.stderr);
    assert.match(hidden.stderr, new RegExp(`${hoc.replace(/[/\\]/g, '.')}: cannot read folder: EACCES`));
    fs.chmodSync(hoc, 0o755);
  } finally {
    fs.chmodSync(secret, 0o755);
  }
});

test('a file of a tree with no project marker: the error says why its source root was not looked for, and how to fix it', () => {
  const dir = tempTree({ [`backend/${L5_ENGINE}/a.py`]: 'from sqlmodel import Session\n' });
  const file = path.join(dir, `backend/${L5_ENGINE}/a.py`);
  const run = runCliInProcess(['check', file]);
  assert.equal(run.code, 2);
  assert.equal(
    run.stderr,
    `strata check: no layered Python code under ${path.join(dir, `backend/${L5_ENGINE}`)}: Strata looks for a top package holding a 'hoc/' folder of Python files (like backend/app/hoc/); ` +
      `it looked no higher than this folder because no folder above it holds strata.toml, pyproject.toml or .git, which mark a project's root: add one at the project's root\n`,
  );
  // The advice works: with a .git at the project's root, the file is checked.
  fs.mkdirSync(path.join(dir, '.git'));
  const fixed = runCliInProcess(['check', file, '--format', 'json']);
  assert.equal(fixed.code, 1, fixed.stderr);
  assert.deepEqual((JSON.parse(fixed.stdout) as { violations: { rule: string }[] }).violations.map((v) => v.rule), ['L5-sqlmodel']);
});
