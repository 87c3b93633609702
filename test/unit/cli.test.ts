import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliPath, hocBackend } from '../support/paths';
import { runCliInProcess } from '../support/runCliInProcess';
import { tempDir, tempTree } from '../support/tempTree';

const cleanTree = () => tempTree({ 'b/app/hoc/cus/x/L5_engines/a.py': 'import json\n' });

test('dist/cli.js: exit 0 when clean, 1 with violations, 2 for a folder that does not exist', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  const clean = run(['check', cleanTree()]);
  assert.equal(clean.status, 0, clean.stderr);
  assert.match(clean.stdout, /✔ no violations · 1 file checked/);
  assert.equal(run(['check', hocBackend]).status, 1);
  const missing = run(['check', '/no/such/folder']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'strata check: no such file or folder: /no/such/folder\n');
  assert.equal(missing.stdout, '');
});

test('text format: one clickable path:line:col line per violation, then a summary', () => {
  const { code, stdout } = runCliInProcess(['check', hocBackend, '--module-level-only']);
  assert.equal(code, 1);
  const lines = stdout.trimEnd().split('\n');
  const violations = lines.filter((l) => /^\S+\.py:\d+:\d+  /.test(l));
  assert.equal(violations.length, 6);
  const rel = path.relative(process.cwd(), path.join(hocBackend, 'backend/app/hoc/api/cus/integrations/cus_telemetry.py'));
  assert.equal(
    violations[0],
    `${rel}:9:1  error L2-L5 L2 MUST NOT import L5 directly: app.hoc.cus.activity.L5_engines.cus_telemetry_service is an L5 Engine (activity)  (Route through L3 adapter)`,
  );
  assert.match(lines[lines.length - 1], /^✖ 6 violations in 4 files \(L2-L5 ×1, L3-DB ×2, L5-DB ×1, L5-L7 ×1, L5-sqlmodel ×1\) · 64 files checked$/);
});

test('json format: the documented fields, paths relative to dir with /, 1-based positions', () => {
  const { code, stdout } = runCliInProcess(['check', hocBackend, '--format', 'json']);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  const lazy = report.violations.find((v: { rule: string; scope: string }) => v.rule === 'L5-DB' && v.scope === 'function');
  assert.deepEqual(lazy, {
    file: 'backend/app/hoc/cus/integrations/L5_engines/dispatcher.py',
    line: 19, column: 9, endLine: 19, endColumn: 39,
    layer: 'L5_engines', domain: 'integrations', audience: 'cus',
    rule: 'L5-DB', severity: 'error', message: 'L5 MUST NOT access DB directly', fix: 'Use L6 driver for DB access',
    statement: 'from app.db import get_session', target: 'app.db', scope: 'function', baselined: false,
  });
  // The fields in the order the format has always printed them (deepEqual ignores order): the file and its place first.
  assert.deepEqual(Object.keys(lazy), ['file', 'layer', 'domain', 'audience', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'fix', 'statement', 'target', 'scope', 'baselined']);
  assert.equal(report.summary.violations, report.violations.length);
  assert.equal(report.summary.violations, 8);
  assert.equal(report.summary.files, 64);
});

test('github format: one workflow-command annotation per violation', () => {
  const { code, stdout } = runCliInProcess(['check', hocBackend, '--format', 'github', '--module-level-only']);
  assert.equal(code, 1);
  const annotations = stdout.split('\n').filter((l) => l.startsWith('::error '));
  assert.equal(annotations.length, 6);
  assert.match(annotations[0], /^::error file=\S+cus_telemetry\.py,line=9,col=1,endLine=9,endColumn=103,title=Strata L2-L5::L2 MUST NOT import L5 directly: app\.hoc/);
});

test('usage errors exit 2 and say what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [['check', hocBackend, '--format', 'xml'], /--format must be text, json, github, sarif or map, not 'xml'/],
    [['check', hocBackend, '--color', 'sometimes'], /--color must be auto, always or never, not 'sometimes'/],
    [['check', hocBackend, '--colour'], /Unknown option '--colour'/],
    [['check', hocBackend, 'no/such/b.py'], /no such file or folder: no\/such\/b.py/],
    [['map', 'a', 'b'], /unexpected argument 'b'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['map', hocBackend], /give --domain <name> or --out <folder>/],
    [['map', hocBackend, '--domain', 'nope'], /no domain 'nope'; found: cus\/general, cus\/overview, cus\/activity, cus\/incidents, .*, cus\/account$/m],
    [['map', hocBackend, '--domain', 'x', '--audience', 'zzz'], /unknown audience 'zzz'/],
    [['explain', '/no/file.py'], /no such file: \/no\/file.py/],
    [['check', tempTree({ 'src/main.py': 'import os\n' })], /no layered Python code under .*looks for a top package holding a 'hoc\/' folder/],
  ];
  for (const [args, message] of cases) {
    const run = runCliInProcess(args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, message, args.join(' '));
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('every command has --help', () => {
  for (const command of ['check', 'map', 'explain']) {
    const run = runCliInProcess([command, '--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, new RegExp(`^Usage: strata ${command}`));
  }
  assert.match(runCliInProcess(['--help']).stdout, /Commands:/);
  // Both built-in presets, not V1 alone: a V2 tree is checked against V2.
  assert.match(runCliInProcess(['--help']).stdout, /^Layer-aware checks for layered Python codebases \(built-in rulesets: HOC topology V1\.4\.0 and V2\.0\.0, detected from the tree\)\.$/m);
  assert.match(runCliInProcess(['check', '--help']).stdout, /^Checks the Python files of the layered source roots against the HOC topology they follow \(hoc-v1 or hoc-v2, detected\)$/m);
});

test('map --out writes one map per domain and an index', () => {
  const out = tempDir('strata-maps-');
  const run = runCliInProcess(['map', hocBackend, '--out', out, '--module-level-only']);
  assert.deepEqual(run, { code: 0, stdout: '', stderr: `wrote 12 files to ${out}\n` });
  // Every declared domain of hoc-v1 has a map, files or not (hoc-v1.md §4).
  const declared = ['general', 'overview', 'activity', 'incidents', 'policies', 'controls', 'logs', 'analytics', 'integrations', 'apis', 'account'];
  assert.deepEqual(fs.readdirSync(out).sort(), ['INDEX.md', ...declared.map((d) => `${d}.DOMAIN_WIRING_MAP.md`)].sort());
  const indexRows = fs.readFileSync(path.join(out, 'INDEX.md'), 'utf8').split('\n').filter((l) => l.startsWith('| cus |'));
  assert.deepEqual(indexRows.map((l) => l.split('](')[1].split('.')[0]), declared, 'INDEX lists declared domains first, in their order');
  assert.equal(fs.readFileSync(path.join(out, 'integrations.DOMAIN_WIRING_MAP.md'), 'utf8'), fs.readFileSync(path.join(hocBackend, 'expected/integrations.DOMAIN_WIRING_MAP.md'), 'utf8'));
  assert.match(fs.readFileSync(path.join(out, 'INDEX.md'), 'utf8'), /\| cus \| \[Integrations\]\(integrations.DOMAIN_WIRING_MAP.md\) \| 3 \| 6 \|/);
});

test('explain: the file place, what its layer may not import, and each import verdict', () => {
  const file = path.join(hocBackend, 'backend/app/hoc/cus/integrations/L5_engines/cus_integration_service.py');
  const run = runCliInProcess(['explain', file]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /place: {4}L5 Engine · integrations · CUSTOMER/);
  assert.match(run.stdout, /L5-DB {10}L5 MUST NOT access DB directly → Use L6 driver for DB access/);
  assert.match(run.stdout, /from sqlmodel import Session\n {6}→ sqlmodel \(an external package\)\n {6}exempt: under TYPE_CHECKING, never runs/);
  const engine = runCliInProcess(['explain', path.join(hocBackend, 'backend/app/hoc/cus/integrations/L5_engines/cus_health_engine.py')]);
  assert.equal(engine.code, 1);
  assert.match(engine.stdout, /✖ L5-L7: L5 MUST NOT import L7 models directly: app.models.cus_models is an L7 Model \(shared\) → Route through L6 driver/);
});

test('explain FILE warns of that file only, not of the broken or binary files beside it', () => {
  const dir = tempTree({
    '.git/HEAD': '',
    'b/app/hoc/cus/x/L5_engines/ok.py': 'import json\n',
    'b/app/hoc/cus/x/L5_engines/broken.py': 'from sqlmodel import (Session,\n',
    'b/app/hoc/cus/x/L5_engines/binary.py': Buffer.from([0x89, 0x50, 0x00, 0x01]),
  });
  fs.symlinkSync('/nonexistent/target.py', path.join(dir, 'b/app/hoc/cus/x/L5_engines/dangling.py'));
  const ok = runCliInProcess(['explain', path.join(dir, 'b/app/hoc/cus/x/L5_engines/ok.py')]);
  assert.equal(ok.code, 0);
  assert.equal(ok.stderr, '');
  const broken = runCliInProcess(['explain', path.join(dir, 'b/app/hoc/cus/x/L5_engines/broken.py')]);
  assert.equal(broken.stderr.replace(dir + path.sep, ''), "warning b/app/hoc/cus/x/L5_engines/broken.py:1:22: unclosed '(' opened at line 1 (the imports around it are still checked)\n");
});

test('a UTF-16 file (an editor\'s "Unicode") is skipped as UTF-16 text, not called binary', () => {
  const dir = tempTree({
    'b/app/hoc/cus/x/L5_engines/ok.py': 'import json\n',
    'b/app/hoc/cus/x/L5_engines/wide.py': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import sqlmodel\n', 'utf16le')]),
    'b/app/hoc/cus/x/L5_engines/blob.py': Buffer.from([0x89, 0x50, 0x00, 0x01]),
  });
  const run = runCliInProcess(['check', dir]);
  assert.equal(run.code, 0);
  assert.equal(run.stdout, '✔ no violations · 1 file checked · 2 skipped\n');
  assert.deepEqual(run.stderr.split(dir + path.sep).join('').trimEnd().split('\n').sort(), [
    'warning b/app/hoc/cus/x/L5_engines/blob.py: skipped: binary file (contains NUL bytes)',
    'warning b/app/hoc/cus/x/L5_engines/wide.py: skipped: UTF-16 text (Python reads source as UTF-8 and cannot run it either)',
  ]);
});

test('bad input: binary, huge, broken and looping files are reported in one line each, the rest is checked', () => {
  const dir = tempTree({
    'b/app/hoc/cus/x/L5_engines/ok.py': 'from app.models import m\n',
    'b/app/hoc/cus/x/L5_engines/binary.py': Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02]),
    'b/app/hoc/cus/x/L5_engines/broken.py': 'from sqlmodel import (Session,\nx = [1, 2\nfrom app.models import late\n',
    'b/app/hoc/cus/x/L5_engines/latin1.py': Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nimport sqlalchemy\n')]),
    'b/app/models/m.py': '',
  });
  fs.writeFileSync(path.join(dir, 'b/app/hoc/cus/x/L5_engines/huge.py'), Buffer.alloc(5 * 1024 * 1024 + 1, 0x23));
  fs.symlinkSync('..', path.join(dir, 'b/app/hoc/cus/x/L5_engines/loop'));
  fs.symlinkSync('/nonexistent/target.py', path.join(dir, 'b/app/hoc/cus/x/L5_engines/dangling.py'));
  const run = runCliInProcess(['check', dir, '--format', 'json']);
  assert.equal(run.code, 1);
  const report = JSON.parse(run.stdout) as { violations: { file: string; rule: string; line: number }[]; summary: { files: number; skipped: number } };
  const rules = report.violations.map((v) => `${path.basename(v.file)}:${v.line}:${v.rule}`);
  assert.deepEqual(rules, ['broken.py:3:L5-L7', 'latin1.py:2:L5-sqlalchemy', 'ok.py:1:L5-L7']);
  // A skipped file is counted as skipped, not as checked too (ok, broken, latin1, m checked; binary, huge skipped).
  assert.deepEqual([report.summary.files, report.summary.skipped], [4, 2]);
  const warnings = run.stderr.trimEnd().split('\n');
  assert.ok(warnings.some((w) => /binary\.py: skipped: binary file/.test(w)), run.stderr);
  assert.ok(warnings.some((w) => /huge\.py: skipped: 5\.0 MB is over the 5 MB limit/.test(w)), run.stderr);
  assert.ok(warnings.some((w) => /loop: skipped: symlink to .*already walked/.test(w)), run.stderr);
  assert.ok(warnings.some((w) => /dangling\.py: skipped: broken symlink/.test(w)), run.stderr);
  assert.ok(warnings.some((w) => /broken\.py:1:\d+: unclosed '\('/.test(w)), run.stderr);
  assert.ok(warnings.every((w) => w.startsWith('warning ')), run.stderr);
});

test('a relative import that climbs above its top package is one warning at its statement; one that stays inside is none', () => {
  const dir = tempTree({
    'b/app/hoc/cus/x/L5_engines/a.py': 'import json\n    \nfrom ......up import y\nfrom ..L5_engines import a\n',
  });
  const run = runCliInProcess(['check', dir]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, `warning ${path.join(dir, 'b/app/hoc/cus/x/L5_engines/a.py')}:3:1: relative import climbs above the top package (......up)\n`);
});
