import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCliInProcess } from '../support/runCliInProcess';
import { tempTree } from '../support/tempTree';

const ENGINE = 'b/app/hoc/cus/x/L5_engines/a.py';

function check(source: string, ...args: string[]) {
  const dir = tempTree({ [ENGINE]: source, 'b/app/models/m.py': '' });
  const run = runCliInProcess(['check', dir, '--format', 'json', ...args]);
  const violations = JSON.parse(run.stdout).violations as { line: number; column: number; endColumn: number; rule: string; severity: string; message: string; target: string; statement: string }[];
  return { code: run.code, violations };
}

test('an ignore that silences nothing is unused-ignore (a warning on its line) naming the ids that matched nothing', () => {
  const { code, violations } = check(
    [
      'import sqlalchemy  # strata: ignore[L5-sqlalchemy]',
      'import json  # strata: ignore[L5-DB]',
      'from app.models import m  # strata: ignore[L5-L7, L5-DB, L5-sqlmodel]',
      'x = 1  # noqa  # strata: ignore',
      '',
    ].join('\n'),
  );
  assert.equal(code, 0, 'warnings do not fail a run');
  assert.deepEqual(
    violations.map((v) => [v.line, v.column, v.endColumn, v.rule, v.severity, v.target, v.statement]),
    [
      [2, 14, 37, 'unused-ignore', 'warning', 'L5-DB', '# strata: ignore[L5-DB]'],
      [3, 27, 70, 'unused-ignore', 'warning', 'L5-DB, L5-sqlmodel', '# strata: ignore[L5-L7, L5-DB, L5-sqlmodel]'],
      [4, 16, 32, 'unused-ignore', 'warning', '', '# strata: ignore'],
    ],
  );
  assert.equal(violations[1].message, 'This strata: ignore silences nothing');
  const dir = tempTree({ [ENGINE]: 'import json  # strata: ignore[L5-DB]\n' });
  const text = runCliInProcess(['check', dir]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /\n⚠ 1 violation in 1 file \(unused-ignore ×1\) · 1 file checked\n$/);
});

test('an unknown rule id is unknown-rule; --strict makes warnings fail', () => {
  const source = 'import sqlalchemy  # strata: ignore[L5-sqlalchemy, L9-XX]\n';
  const { code, violations } = check(source);
  assert.equal(code, 0);
  assert.deepEqual(violations.map((v) => `${v.line}:${v.column}:${v.rule}:${v.target}`), ['1:20:unknown-rule:L9-XX']);
  assert.equal(check(source, '--strict').code, 1);
  const text = runCliInProcess(['check', tempTree({ [ENGINE]: source }), '--strict']);
  const github = runCliInProcess(['check', tempTree({ [ENGINE]: source }), '--format', 'github']);
  assert.match(github.stdout, /^::warning file=\S+a\.py,line=1,col=20,endLine=1,endColumn=58,title=Strata unknown-rule::This strata: ignore names a rule the ruleset does not have: L9-XX \(Use a rule id/m);
  assert.match(text.stdout, /a\.py:1:20 {2}warning unknown-rule This strata: ignore names a rule the ruleset does not have: L9-XX {2}\(Use a rule id of the ruleset/);
});

test('an ignore on an import not checked in this run (module-level-only) is not called unused', () => {
  const source = 'def f():\n    import sqlalchemy  # strata: ignore[L5-sqlalchemy]\n';
  assert.deepEqual(check(source).violations, []);
  assert.deepEqual(check(source, '--module-level-only').violations, []);
  const typeChecking = 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import sqlalchemy  # strata: ignore[L5-sqlalchemy]\n';
  assert.deepEqual(check(typeChecking).violations.map((v) => `${v.line}:${v.rule}`), ['3:unused-ignore']);
});
