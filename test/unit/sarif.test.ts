import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { hocBackend } from '../support/paths';
import { runCliInProcess } from '../support/runCliInProcess';
import { copyTree, tempDir } from '../support/tempTree';

const HEALTH = 'backend/app/hoc/cus/integrations/L5_engines/cus_health_engine.py';

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
  baselineState?: string;
}

/**
 * Microsoft's SARIF Multitool (a self-contained .NET program shipped in an npm package) validates
 * a log against the schema and its SARIF rules, and writes its findings as SARIF too. It needs no
 * .NET runtime; invariant globalization spares it ICU.
 */
function validate(sarifFile: string): { level: string; id: string; text: string }[] {
  // The npm package holds the executable in a package per platform.
  const tool = path.join(path.dirname(require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`)), process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  const out = path.join(tempDir('strata-sarif-'), 'validation.sarif');
  const run = spawnSync(tool, ['validate', sarifFile, '--output', out, '--log', 'ForceOverwrite', '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  assert.equal(run.status, 0, `${run.error ?? ''}${run.stdout}${run.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8'));
  return (log.runs[0].results ?? []).map((r: { level?: string; ruleId: string; message: { id?: string; arguments?: string[] } }) => ({
    level: r.level ?? 'warning',
    id: r.ruleId,
    text: `${r.message.id ?? ''} ${(r.message.arguments ?? []).join(' ')}`,
  }));
}

function sarifOf(dir: string, ...args: string[]): { code: number; log: { runs: { tool: { driver: Record<string, unknown> }; results: SarifResult[] }[] }; file: string } {
  const run = runCliInProcess(['check', dir, '--format', 'sarif', ...args]);
  const file = path.join(tempDir('strata-sarif-'), 'strata.sarif');
  fs.writeFileSync(file, run.stdout);
  return { code: run.code, log: JSON.parse(run.stdout), file };
}

test('SARIF: the Multitool validates it with no error and no warning, and it holds every violation', () => {
  const dir = copyTree(hocBackend);
  // An unused ignore too, so the ignore rules' results are validated as well.
  fs.appendFileSync(path.join(dir, HEALTH), 'import json  # strata: ignore[L5-DB]\n');
  const { code, log, file } = sarifOf(dir);
  assert.equal(code, 1);
  assert.deepEqual(validate(file), []);
  const json = JSON.parse(runCliInProcess(['check', dir, '--format', 'json']).stdout);
  const results = log.runs[0].results;
  assert.equal(results.length, 9);
  assert.deepEqual(
    results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}:${r.ruleId}`),
    json.violations.map((v: { file: string; line: number; rule: string }) => `${v.file}:${v.line}:${v.rule}`),
  );
});

test('SARIF: driver rules, a result with its level, relative location, region and fingerprint', () => {
  const dir = copyTree(hocBackend);
  const cwd = process.cwd();
  process.chdir(dir);
  let sarif: ReturnType<typeof sarifOf>;
  try {
    sarif = sarifOf('.');
  } finally {
    process.chdir(cwd);
  }
  const run = sarif.log.runs[0];
  const driver = run.tool.driver as { name: string; version: string; informationUri: string; rules: Record<string, unknown>[] };
  assert.equal(driver.name, 'Strata');
  assert.equal(driver.version, JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')).version);
  assert.equal(driver.informationUri, 'https://www.npmjs.com/package/strata-layers');
  assert.deepEqual(driver.rules.map((r) => r.id), ['L2-L5', 'L2-L6', 'L2-L7', 'L3-DB', 'L3-L7', 'L5-sqlmodel', 'L5-sqlalchemy', 'L5-L7', 'L5-DB', 'unused-ignore', 'unknown-rule']);
  assert.deepEqual(driver.rules[0], {
    id: 'L2-L5',
    name: 'L2L5',
    shortDescription: { text: 'L2 MUST NOT import L5 directly' },
    fullDescription: { text: 'L2 MUST NOT import L5 directly. Fix: Route through L3 adapter.' },
    help: { text: 'Route through L3 adapter' },
    defaultConfiguration: { level: 'error' },
  });
  assert.equal((driver.rules[9] as { defaultConfiguration: { level: string } }).defaultConfiguration.level, 'warning');
  const lazy = run.results.find((r) => r.ruleId === 'L5-DB' && r.locations[0].physicalLocation.region.startLine === 19)!;
  assert.deepEqual(lazy.locations, [
    {
      physicalLocation: {
        artifactLocation: { uri: 'backend/app/hoc/cus/integrations/L5_engines/dispatcher.py', uriBaseId: '%SRCROOT%' },
        region: { startLine: 19, startColumn: 9, endLine: 19, endColumn: 39 },
      },
    },
  ]);
  assert.equal(lazy.level, 'error');
  assert.equal(lazy.message.text, 'L5 MUST NOT access DB directly: app.db is not in any layer (imported inside replay()). Fix: Use L6 driver for DB access.');
  assert.match(lazy.partialFingerprints['strataViolation/v1'], /^[0-9a-f]{32}:1$/);
  assert.equal(lazy.baselineState, undefined);
  assert.deepEqual((run as unknown as { originalUriBaseIds: unknown }).originalUriBaseIds, { '%SRCROOT%': { uri: `file://${fs.realpathSync(dir)}/` } });
});

test('SARIF: fingerprints stay when lines shift; with a baseline, results say new or unchanged', () => {
  const dir = copyTree(hocBackend);
  const before = sarifOf(dir).log.runs[0].results;
  assert.equal(runCliInProcess(['check', dir, '--write-baseline', '--baseline', path.join(dir, 'b.json')]).code, 0);
  const file = path.join(dir, HEALTH);
  fs.writeFileSync(file, 'import sqlmodel\n\n\n' + fs.readFileSync(file, 'utf8'));
  const after = sarifOf(dir, '--baseline', path.join(dir, 'b.json')).log.runs[0].results;
  const print = (rs: SarifResult[]) => rs.map((r) => r.partialFingerprints['strataViolation/v1']);
  const added = after.filter((r) => !print(before).includes(r.partialFingerprints['strataViolation/v1']));
  assert.deepEqual(added.map((r) => `${r.ruleId}:${r.locations[0].physicalLocation.region.startLine}:${r.baselineState}`), ['L5-sqlmodel:1:new']);
  assert.equal(after.filter((r) => r.baselineState === 'unchanged').length, 8);
  assert.deepEqual(print(after).filter((p) => print(before).includes(p)).sort(), print(before).sort());
});
