import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { analyzeFolder } from '../../server/src/core/analysis/analyzeFolder';
import { violationRecords } from '../../server/src/core/report/violationRecord';
import { hocV1 } from '../../server/src/core/ruleset/hocV1';
import { LspClient, uri } from '../support/lspClient';
import { cliPath, hocBackend } from '../support/paths';
import { tempTree } from '../support/tempTree';

const app = path.join(hocBackend, 'backend', 'app');
const telemetry = path.join(app, 'hoc/api/cus/integrations/cus_telemetry.py');
const protection = path.join(app, 'hoc/api/cus/integrations/protection_dependencies.py');
const sessionContext = path.join(app, 'hoc/api/cus/integrations/session_context.py');
const dispatcher = path.join(app, 'hoc/cus/integrations/L5_engines/dispatcher.py');
const health = path.join(app, 'hoc/cus/integrations/L5_engines/cus_health_engine.py');

function cliCheck(args: string[] = []): { file: string; line: number; rule: string }[] {
  const run = spawnSync(process.execPath, [cliPath, 'check', hocBackend, '--format', 'json', ...args], { encoding: 'utf8' });
  return JSON.parse(run.stdout).violations;
}

test('initial index: one Error per violation of `strata check`, on the module name, with the CLI text', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    const begin = client.progress.find((p) => p.value.kind === 'begin');
    assert.equal(begin?.value.title, 'Strata');
    assert.equal(begin?.value.message, 'indexing 64 files');

    // Same files, rules and lines as `strata check`; the texts are the CLI's own (shared core).
    const expected = violationRecords(analyzeFolder(hocBackend, hocV1, { moduleLevelOnly: false }).index, hocBackend);
    assert.equal(expected.length, cliCheck().length);
    const got = [...client.diagnostics.values()].flatMap((p) => p.diagnostics.map((d) => ({ uri: p.uri, d })));
    assert.equal(got.length, expected.length);
    for (const record of expected) {
      const match = got.find(({ uri: u, d }) => u === uri(path.join(hocBackend, record.file)) && d.code === record.rule && d.message === record.detail);
      assert.ok(match, `no diagnostic for ${record.file}:${record.line} ${record.rule}`);
      assert.equal(match.d.severity, 1);
      assert.equal(match.d.source, 'strata');
      assert.equal(match.d.range.start.line, record.line - 1);
    }

    // The exact span of the module name, not the line.
    assert.deepEqual(client.diagnosticsOf(telemetry).map((d) => [d.code, d.range, d.message]), [
      [
        'L2-L5',
        { start: { line: 8, character: 5 }, end: { line: 8, character: 58 } },
        'L2 MUST NOT import L5 directly: app.hoc.cus.activity.L5_engines.cus_telemetry_service is an L5 Engine (activity)',
      ],
    ]);
    assert.deepEqual(client.diagnosticsOf(dispatcher).map((d) => [d.code, d.range, d.message]), [
      ['L5-DB', { start: { line: 18, character: 13 }, end: { line: 18, character: 19 } }, 'L5 MUST NOT access DB directly: app.db is not in any layer (imported inside replay())'],
    ]);
    assert.match(client.diagnosticsOf(protection)[0].message, /\(imported inside protection_audit_log\(\)\)$/);
    assert.deepEqual(client.diagnosticsOf(health).map((d) => d.code), ['L5-sqlmodel', 'L5-DB', 'L5-L7']);
    assert.deepEqual(client.diagnosticsOf(sessionContext), [], 'TYPE_CHECKING imports get none');
    assert.ok(client.logs.some((l) => /indexed 64 files of 1 source root\(s\) in \d+ ms: 8 violation\(s\) in 6 file\(s\)/.test(l)), client.logs.join('\n'));
  } finally {
    await client.stop();
  }
});

test('an edit makes a violation appear, then disappear: open documents are analysed from their text', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    const original = client.diagnosticsOf(sessionContext).length;
    assert.equal(original, 0);
    const since = client.published.length;
    await client.open(sessionContext);
    await client.waitForDiagnostics(sessionContext, (d) => d.length === 0, 'on open', since);
    const text = client.textOf(sessionContext)!;
    // Incremental: insert a runtime import of a model after `from typing import TYPE_CHECKING`.
    const line = text.split('\n').findIndex((l) => l.startsWith('from typing import TYPE_CHECKING'));
    const version = await client.edit(sessionContext, [{ range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, newText: 'from app.models.cus_models import CusIntegration as Row\n' }]);
    const appeared = await client.waitForDiagnostics(sessionContext, (d) => d.length === 1, 'with the new violation', since);
    assert.equal(appeared.version, version, 'diagnostics carry the version they were computed for');
    assert.equal(appeared.diagnostics[0].code, 'L2-L7');
    assert.deepEqual(appeared.diagnostics[0].range, { start: { line: line + 1, character: 5 }, end: { line: line + 1, character: 26 } });
    assert.equal(appeared.diagnostics[0].message, 'L2 MUST NOT import L7 models: app.models.cus_models is an L7 Model (shared)');

    const back = await client.change(sessionContext, text);
    const gone = await client.waitForDiagnostics(sessionContext, (d) => d.length === 0, 'after undo', client.published.length - 1);
    assert.equal(gone.version, back);

    // The file on disk was never touched; closing goes back to it.
    await client.close(sessionContext);
    assert.deepEqual(client.diagnosticsOf(sessionContext), []);
  } finally {
    await client.stop();
  }
});

test('# strata: ignore[<rule>] on the import line silences that rule there, and only that rule', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    await client.open(telemetry);
    const text = client.textOf(telemetry)!;
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('cus_telemetry_service import'));
    const withComment = (comment: string) => lines.map((l, k) => (k === at ? `${l}  ${comment}` : l)).join('\n');
    let since = client.published.length;
    await client.change(telemetry, withComment('# strata: ignore[L2-L6]'));
    await client.waitForDiagnostics(telemetry, (d) => d.length === 1, 'with another rule ignored', since);
    since = client.published.length;
    await client.change(telemetry, withComment('# noqa  # strata: ignore[L2-L5]'));
    await client.waitForDiagnostics(telemetry, (d) => d.length === 0, 'silenced', since);
  } finally {
    await client.stop();
  }
});

test('strata.moduleLevelOnly mirrors --module-level-only: from initializationOptions and from a settings change', async () => {
  const moduleLevel = cliCheck(['--module-level-only']);
  const client = await LspClient.start([hocBackend], { initializationOptions: { moduleLevelOnly: true } });
  try {
    const count = () => [...client.diagnostics.values()].reduce((n, p) => n + p.diagnostics.length, 0);
    assert.equal(count(), moduleLevel.length);
    assert.deepEqual(client.diagnosticsOf(dispatcher), []);
    await client.configure({ moduleLevelOnly: false });
    await client.waitForDiagnostics(dispatcher, (d) => d.length === 1, 'lazy import checked again');
    await client.waitForDiagnostics(protection, (d) => d.length === 1, 'lazy import checked again');
    assert.equal(count(), cliCheck().length);
    await client.configure({ moduleLevelOnly: true });
    await client.waitForDiagnostics(dispatcher, (d) => d.length === 0, 'lazy import ignored', client.published.length - 1);
  } finally {
    await client.stop();
  }
});

test('pulled settings (workspace/configuration) apply before the first diagnostics', async () => {
  const client = await LspClient.start([hocBackend], { settings: { moduleLevelOnly: true } });
  try {
    assert.deepEqual(client.diagnosticsOf(protection), []);
    assert.equal(client.diagnosticsOf(health).length, 3);
  } finally {
    await client.stop();
  }
});

test('a client that announces no capabilities at all still gets every diagnostic', async () => {
  const client = await LspClient.start([hocBackend], { minimal: true });
  try {
    await client.waitFor(() => [...client.diagnostics.values()].filter((p) => p.diagnostics.length > 0).length === 6, 10000, 'six files with diagnostics');
    assert.equal(client.diagnosticsOf(health).length, 3);
    assert.equal(client.registrations.length, 0, 'nothing registered with a client that cannot take it');
  } finally {
    await client.stop();
  }
});

test('a larger workspace with unreadable, binary and oversized files gets exactly the diagnostics of `strata check`', async () => {
  const files: Record<string, string | Buffer> = {};
  const layers = ['L5_engines', 'L3_adapters', 'L6_drivers', 'L5_utils'];
  const bodies = [
    'from sqlmodel import Session\n',
    'from app.models.m import Row\n\ndef f():\n    from app.db import s\n',
    'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sqlalchemy import x\n',
    'from app.hoc.cus.d0.L5_engines.e0 import E  # strata: ignore[L2-L5]\nimport json\n',
    '"""doc"""\nimport os\n',
  ];
  for (let k = 0; k < 640; k++) {
    const domain = `d${k % 8}`;
    const rel = k % 5 === 0 ? `b/app/hoc/api/cus/${domain}/r${k}.py` : `b/app/hoc/cus/${domain}/${layers[k % layers.length]}/m${k}.py`;
    files[rel] = bodies[k % bodies.length] + '# filler\n'.repeat(k % 50);
  }
  files['b/app/hoc/cus/d0/L5_engines/e0.py'] = 'class E: ...\n';
  files['b/app/hoc/cus/d1/L5_engines/binary.py'] = Buffer.from([0x69, 0x00, 0x6d]);
  files['b/app/hoc/cus/d1/L5_engines/big.py'] = 'from sqlmodel import Session\n' + '#'.repeat(6 * 1024 * 1024);
  const dir = tempTree(files);
  const client = await LspClient.start([dir]);
  try {
    const expected = violationRecords(analyzeFolder(dir, hocV1, { moduleLevelOnly: false }).index, dir);
    assert.ok(expected.length > 100, `${expected.length} violations`);
    const key = (file: string, rule: string, line: number, message: string) => `${file}|${rule}|${line}|${message}`;
    const got = [...client.diagnostics.values()].flatMap((p) => p.diagnostics.map((d) => key(p.uri, String(d.code), d.range.start.line + 1, d.message))).sort();
    const want = expected.map((r) => key(uri(path.join(dir, r.file)), r.rule, r.line, r.detail)).sort();
    assert.deepEqual(got.filter((g, k) => g !== want[k]).slice(0, 3), []);
    assert.equal(got.length, want.length);
    assert.equal(client.logs.filter((l) => l.includes('big.py')).length, 1);
    assert.equal(client.logs.filter((l) => l.includes('binary.py')).length, 1);
  } finally {
    await client.stop();
  }
});
