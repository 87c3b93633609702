import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { excludeMatcher } from '../../server/src/core/extract/excludePatterns';
import { runCliInProcess } from '../support/runCliInProcess';
import { tempTree } from '../support/tempTree';

const ENGINES = 'b/app/hoc/cus/x/L5_engines';

/** A project (pyproject.toml at its root) with three violating engines, one in a legacy/ folder. */
function project(): string {
  return tempTree({
    'pyproject.toml': '[project]\nname = "p"\n',
    [`${ENGINES}/a.py`]: 'from app.models import m\n',
    [`${ENGINES}/b.py`]: 'import os\nimport sqlalchemy\n',
    [`${ENGINES}/legacy/c.py`]: 'from app.models import m\n',
    'b/app/models/m.py': '',
  });
}

const rulesOf = (stdout: string) => JSON.parse(stdout).violations.map((v: { file: string; line: number; rule: string }) => `${v.file}:${v.line}:${v.rule}`);

test('check FILE reports only that file, with the project around it read to resolve its imports', () => {
  const dir = project();
  const run = runCliInProcess(['check', path.join(dir, ENGINES, 'a.py'), '--format', 'json']);
  assert.equal(run.code, 1, run.stderr);
  // `app.models` resolves to the project's own L7 package, so the rule applies.
  assert.deepEqual(rulesOf(run.stdout), [`${ENGINES}/a.py:1:L5-L7`]);
  assert.equal(JSON.parse(run.stdout).summary.files, 1);
  const two = runCliInProcess(['check', path.join(dir, ENGINES, 'b.py'), path.join(dir, ENGINES, 'legacy'), '--format', 'json']);
  assert.deepEqual(rulesOf(two.stdout), [`${ENGINES}/b.py:2:L5-sqlalchemy`, `${ENGINES}/legacy/c.py:1:L5-L7`]);
  const text = runCliInProcess(['check', path.join(dir, ENGINES, 'a.py')]);
  assert.match(text.stdout, /\n✖ 1 violation in 1 file \(L5-L7 ×1\) · 1 file checked\n$/);
});

test('a file named on the command line that is not checked is said, with why', () => {
  const dir = tempTree({
    'pyproject.toml': '[project]\nname = "p"\n[tool.strata]\nextends = "hoc-v1"\nexclude = ["generated"]\n',
    [`${ENGINES}/a.py`]: 'from app.models import m\n',
    [`${ENGINES}/generated/g.py`]: '',
    'b/app/models/m.py': '',
    'README.md': '# p\n',
    '.venv/lib/x.py': '',
    'scripts/tool.py': '',
  });
  const run = runCliInProcess(['check', ...['README.md', '.venv/lib/x.py', 'scripts/tool.py', `${ENGINES}/a.py`, `${ENGINES}/generated/g.py`].map((f) => path.join(dir, f)), '--exclude', 'a.py']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '✔ no violations · 0 files checked\n');
  const lines = run.stderr.split('\n').map((line) => line.replace(dir + path.sep, ''));
  assert.deepEqual(lines, [
    'warning README.md: not checked: not a Python file',
    'warning .venv/lib/x.py: not checked: in a folder Strata never reads (dependencies, caches, virtualenvs, VCS data)',
    'warning scripts/tool.py: not checked: not inside a layered source root',
    `warning ${ENGINES}/a.py: not checked: excluded by --exclude`,
    `warning ${ENGINES}/generated/g.py: not checked: excluded by the config's exclude`,
    '',
  ]);
  assert.equal(runCliInProcess(['check', path.join(dir, 'README.md'), '--quiet']).stderr, '');
});

test('--stdin-filename checks the unsaved text as that file, whether or not it exists on disk', () => {
  const dir = project();
  const saved = runCliInProcess(['check', '--stdin-filename', path.join(dir, ENGINES, 'b.py'), '--format', 'json'], 'import json\n');
  assert.equal(saved.code, 0, saved.stderr);
  assert.deepEqual(rulesOf(saved.stdout), []);
  const unsaved = runCliInProcess(['check', '--stdin-filename', path.join(dir, ENGINES, 'new.py'), '--format', 'json'], 'import json\n\nfrom app.models import m\n');
  assert.equal(unsaved.code, 1, unsaved.stderr);
  assert.deepEqual(rulesOf(unsaved.stdout), [`${ENGINES}/new.py:3:L5-L7`]);
  const both = runCliInProcess(['check', dir, '--stdin-filename', path.join(dir, ENGINES, 'new.py')], '');
  assert.equal(both.code, 2);
  assert.equal(both.stderr, 'strata check: give either paths or --stdin-filename, not both\n');
});

test('--stdin-filename: a BOM is dropped as from the file on disk (same columns); a path the run does not check is said', () => {
  const dir = project();
  const bom = runCliInProcess(['check', '--stdin-filename', path.join(dir, ENGINES, 'new.py')], '\uFEFFfrom app.models import m\r\n');
  assert.equal(bom.code, 1, bom.stderr);
  assert.match(bom.stdout, /^\S+\/L5_engines\/new\.py:1:1  error L5-L7 /);
  const outside = runCliInProcess(['check', '--stdin-filename', path.join(dir, 'scripts', 'tool.py')], 'import sqlalchemy\n');
  assert.equal(outside.code, 0);
  assert.equal(outside.stdout, '✔ no violations · 0 files checked\n');
  assert.equal(outside.stderr.replace(dir + path.sep, ''), 'warning scripts/tool.py: not checked: not inside a layered source root\n');
});

test('a named file that is a pipe (or another non-regular file) is said to be one, not "not inside a layered source root"', { skip: process.platform === 'win32' && 'no mkfifo on Windows' }, () => {
  const dir = project();
  const fifo = path.join(dir, ENGINES, 'pipe.py');
  execFileSync('mkfifo', [fifo]);
  const run = runCliInProcess(['check', fifo]);
  assert.equal(run.code, 0);
  assert.equal(run.stdout, '✔ no violations · 0 files checked\n');
  assert.equal(run.stderr.replace(dir + path.sep, ''), `warning ${ENGINES}/pipe.py: not checked: not a regular file (a pipe, socket or device is never read)\n`);
});

test('--exclude: a name excludes it anywhere, a path from the project root excludes that file or folder', () => {
  const dir = project();
  for (const nothing of ['', '/', './']) {
    const run = runCliInProcess(['check', dir, '--exclude', 'legacy', '--exclude', nothing]);
    assert.deepEqual(run, { code: 2, stdout: '', stderr: `strata check: --exclude '${nothing}' names no file or folder\n` });
  }
  // The core's matcher never throws on them (picomatch does): they match nothing.
  assert.equal(excludeMatcher(['', '/', './'], dir)(path.join(dir, ENGINES, 'a.py')), false);
  const byName = runCliInProcess(['check', dir, '--format', 'json', '--exclude', 'legacy']);
  assert.deepEqual(rulesOf(byName.stdout), [`${ENGINES}/a.py:1:L5-L7`, `${ENGINES}/b.py:2:L5-sqlalchemy`]);
  assert.equal(JSON.parse(byName.stdout).summary.files, 3);
  const byPath = runCliInProcess(['check', dir, '--format', 'json', '--exclude', `${ENGINES}/b.py`, '--exclude', '*/app/hoc/*/x/L5_engines/a.py']);
  assert.deepEqual(rulesOf(byPath.stdout), [`${ENGINES}/legacy/c.py:1:L5-L7`]);
  const all = runCliInProcess(['check', dir, '--exclude', 'L5_engines']);
  assert.equal(all.code, 0);
  assert.equal(all.stdout, '✔ no violations · 1 file checked\n');
});

test('excludeMatcher: names match any segment, paths match from the root, a folder covers what is below it', () => {
  const root = '/p';
  const matches = (patterns: string[], file: string) => excludeMatcher(patterns, root)(file);
  assert.equal(matches(['legacy'], '/p/a/legacy/x.py'), true);
  assert.equal(matches(['legacy'], '/p/a/legacy_x.py'), false);
  assert.equal(matches(['*_pb2.py'], '/p/a/b/m_pb2.py'), true);
  assert.equal(matches(['a/b'], '/p/a/b/c/d.py'), true);
  assert.equal(matches(['a/b'], '/p/x/a/b/d.py'), false);
  assert.equal(matches(['./a/b/'], '/p/a/b/d.py'), true);
  assert.equal(matches(['a/**/gen/*.py'], '/p/a/x/y/gen/m.py'), true);
  assert.equal(matches(['a/**/gen/*.py'], '/p/a/x/y/gen/sub/m.py'), false);
  assert.equal(matches([], '/p/a.py'), false);
  assert.equal(matches(['a/*'], '/q/a/b.py'), false);
});

test('--quiet lists errors only (no warnings, no summary); --color always|never', () => {
  const dir = tempTree({
    [`${ENGINES}/a.py`]: 'import json  # strata: ignore[L5-DB]\nimport sqlalchemy\n',
  });
  const quiet = runCliInProcess(['check', dir, '--quiet']);
  assert.equal(quiet.code, 1);
  assert.equal(quiet.stdout, `${path.join(dir, ENGINES, "a.py")}:2:1  error L5-sqlalchemy L5 MUST NOT import sqlalchemy: sqlalchemy is an external package  (Move DB logic to L6 driver)\n`);
  const loud = runCliInProcess(['check', dir]);
  assert.match(loud.stdout, /:1:14 {2}warning unused-ignore /);
  const colored = runCliInProcess(['check', dir, '--color', 'always']);
  assert.match(colored.stdout, /\u001b\[36m\S+a\.py:2:1\u001b\[0m {2}\u001b\[31merror\u001b\[0m/);
  assert.doesNotMatch(runCliInProcess(['check', dir, '--color', 'never']).stdout, /\u001b/);
});
