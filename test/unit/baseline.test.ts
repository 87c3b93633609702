import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliPath, hocBackend } from '../support/paths';
import { runCliInProcess } from '../support/runCliInProcess';
import { copyTree, tempTree } from '../support/tempTree';

const HEALTH = 'backend/app/hoc/cus/integrations/L5_engines/cus_health_engine.py';

/** The example backend as a project of its own (a pyproject.toml marks its root). */
function backend(): string {
  const dir = copyTree(hocBackend);
  fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "backend"\n');
  return dir;
}

interface JsonViolation { file: string; line: number; rule: string; target: string; baselined: boolean }
const json = (dir: string, ...args: string[]) => {
  const run = runCliInProcess(['check', dir, '--format', 'json', ...args]);
  return { code: run.code, report: JSON.parse(run.stdout) as { violations: JsonViolation[]; summary: Record<string, unknown> } };
};

test('--write-baseline then check exits 0; a new import in a file with known violations is the one new violation', () => {
  const dir = backend();
  const written = runCliInProcess(['check', dir, '--write-baseline']);
  assert.equal(written.code, 0, written.stderr);
  assert.match(written.stdout, /^wrote \S*strata-baseline\.json: 8 known violations in 6 files\n$/);
  assert.ok(fs.existsSync(path.join(dir, 'strata-baseline.json')));

  const clean = runCliInProcess(['check', dir]);
  assert.equal(clean.code, 0, clean.stdout);
  assert.equal(clean.stdout, '✔ no new violations · 8 baselined · 64 files checked\n');

  // Prepend a violating import: every line of the file shifts by one.
  const file = path.join(dir, HEALTH);
  fs.writeFileSync(file, 'from app.models.cus_models import CusIntegration as Fresh\n' + fs.readFileSync(file, 'utf8'));
  const after = json(dir);
  assert.equal(after.code, 1);
  const inFile = after.report.violations.filter((v) => v.file === HEALTH).map((v) => `${v.line}:${v.rule}:${v.baselined}`);
  assert.deepEqual(inFile, ['1:L5-L7:false', '10:L5-sqlmodel:true', '12:L5-DB:true', '13:L5-L7:true']);
  assert.equal(after.report.violations.filter((v) => !v.baselined).length, 1);
  assert.equal(after.report.summary.violations, 1);
  assert.equal(after.report.summary.baselined, 8);

  const text = runCliInProcess(['check', dir]);
  assert.equal(text.code, 1);
  const lines = text.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3, text.stdout);
  assert.match(lines[0], /cus_health_engine\.py:1:1  error L5-L7 L5 MUST NOT import L7 models directly: app\.models\.cus_models is an L7 Model/);
  assert.equal(lines[2], '✖ 1 new violation in 1 file (L5-L7 ×1) · 8 baselined · 64 files checked');
});

test('the baseline matches by statement text and count, not line; fixed entries are reported, never dropped by check', () => {
  const dir = tempTree({
    'pyproject.toml': '',
    'b/app/hoc/cus/x/L5_engines/a.py': 'import sqlalchemy\n\ndef f():\n    import sqlalchemy\n',
    'b/app/hoc/cus/x/L5_engines/c.py': 'from app.models import m\n',
    'b/app/models/m.py': '',
  });
  assert.equal(runCliInProcess(['check', dir, '--write-baseline']).code, 0);
  const baselineFile = path.join(dir, 'strata-baseline.json');
  const before = fs.readFileSync(baselineFile, 'utf8');
  assert.equal(
    before,
    `{
  "version": 1,
  "violations": [
    {
      "file": "b/app/hoc/cus/x/L5_engines/a.py",
      "rule": "L5-sqlalchemy",
      "target": "sqlalchemy",
      "statement": "import sqlalchemy",
      "count": 2
    },
    {
      "file": "b/app/hoc/cus/x/L5_engines/c.py",
      "rule": "L5-L7",
      "target": "app.models",
      "statement": "from app.models import m",
      "count": 1
    }
  ]
}
`,
  );
  // One of the two identical imports goes, c.py is fixed, and a third sqlalchemy import is new.
  fs.writeFileSync(path.join(dir, 'b/app/hoc/cus/x/L5_engines/a.py'), '# moved\nimport sqlalchemy\n');
  fs.writeFileSync(path.join(dir, 'b/app/hoc/cus/x/L5_engines/c.py'), 'import json\n');
  const run = runCliInProcess(['check', dir]);
  assert.equal(run.code, 0, run.stdout);
  assert.equal(run.stdout, '✔ no new violations · 1 baselined · 3 files checked\n2 baselined violations are fixed: --write-baseline drops them\n');
  assert.equal(fs.readFileSync(baselineFile, 'utf8'), before, 'check never writes the baseline');
  fs.appendFileSync(path.join(dir, 'b/app/hoc/cus/x/L5_engines/a.py'), 'import sqlalchemy\nimport sqlalchemy\n');
  const more = json(dir);
  assert.deepEqual(more.report.violations.map((v) => `${v.line}:${v.baselined}`), ['2:true', '3:true', '4:false']);
  // Writing again is deterministic: the same tree gives the same bytes.
  runCliInProcess(['check', dir, '--write-baseline']);
  const once = fs.readFileSync(baselineFile, 'utf8');
  runCliInProcess(['check', dir, '--write-baseline']);
  assert.equal(fs.readFileSync(baselineFile, 'utf8'), once);
  assert.match(once, /"count": 3/);
});

test('--baseline chooses the file; check FILE --write-baseline keeps the entries of the other files', () => {
  const dir = backend();
  const chosen = path.join(dir, 'ci', 'known.json');
  fs.mkdirSync(path.dirname(chosen));
  assert.equal(runCliInProcess(['check', dir, '--baseline', chosen, '--write-baseline']).code, 0);
  assert.equal(fs.existsSync(path.join(dir, 'strata-baseline.json')), false);
  assert.match(fs.readFileSync(chosen, 'utf8'), /"file": "\.\.\/backend\/app\/hoc\/api\/cus\/integrations\/cus_telemetry\.py"/);
  assert.equal(runCliInProcess(['check', dir, '--baseline', chosen]).code, 0);
  // A run on one fixed file reports it fixed, and says nothing of the others.
  const file = path.join(dir, HEALTH);
  fs.writeFileSync(file, 'import json\n');
  const one = runCliInProcess(['check', file, '--baseline', chosen]);
  assert.equal(one.stdout, '✔ no new violations · 0 baselined · 1 file checked\n3 baselined violations are fixed: --write-baseline drops them\n');
  runCliInProcess(['check', file, '--baseline', chosen, '--write-baseline']);
  const entries = JSON.parse(fs.readFileSync(chosen, 'utf8')).violations as { count: number }[];
  assert.equal(entries.reduce((n, e) => n + e.count, 0), 5);
  // A named baseline that is not there is a mistake, not "no baseline" (every known violation would count as new).
  const typo = runCliInProcess(['check', dir, '--baseline', path.join(dir, 'ci', 'knwon.json')]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /^strata check: no baseline at \S+ci\/knwon\.json \(write one with --write-baseline\)\n$/);
});

test('--write-baseline makes the folder of the file it names; a path it cannot write is a usage error, not a crash', () => {
  const dir = backend();
  const nested = path.join(dir, 'ci', 'strata', 'known.json');
  const written = runCliInProcess(['check', dir, '--baseline', nested, '--write-baseline']);
  assert.equal(written.code, 0, written.stderr);
  assert.equal(JSON.parse(fs.readFileSync(nested, 'utf8')).violations.length, 8);
  assert.equal(runCliInProcess(['check', dir, '--baseline', nested]).code, 0);
  // A folder where no file can be made (Linux's /proc): one line that says so.
  if (process.platform === 'linux') {
    const refused = runCliInProcess(['check', dir, '--baseline', '/proc/strata-known.json', '--write-baseline']);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, 'strata check: cannot write the baseline /proc/strata-known.json: ENOENT\n');
  }
});

test('a baseline saved with a BOM (as Windows editors may) reads as without one', () => {
  const dir = backend();
  assert.equal(runCliInProcess(['check', dir, '--write-baseline']).code, 0);
  const file = path.join(dir, 'strata-baseline.json');
  fs.writeFileSync(file, '\uFEFF' + fs.readFileSync(file, 'utf8'));
  const run = runCliInProcess(['check', dir]);
  assert.deepEqual(run, { code: 0, stdout: '✔ no new violations · 8 baselined · 64 files checked\n', stderr: '' });
});

test('a broken baseline is a usage error that names the file; dist/cli.js end to end', () => {
  const dir = backend();
  fs.writeFileSync(path.join(dir, 'strata-baseline.json'), '{"version": 1, "violations": [{"file": 3}]}');
  const run = runCliInProcess(['check', dir]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^strata check: the baseline \S+strata-baseline\.json: entry 1 needs file, rule, target, statement \(strings\) and count \(a positive integer\)\n$/);
  fs.rmSync(path.join(dir, 'strata-baseline.json'));
  const spawn = (...args: string[]) => spawnSync(process.execPath, [cliPath, 'check', ...args], { cwd: dir, encoding: 'utf8' });
  assert.equal(spawn('--write-baseline').status, 0);
  const again = spawn();
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.equal(again.stdout, '✔ no new violations · 8 baselined · 64 files checked\n');
});
