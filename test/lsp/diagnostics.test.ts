import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient, type PublishDiagnosticsParams } from '../support/lspClient';
import { hocBackend } from '../support/paths';
import { tempTree } from '../support/tempTree';

const app = path.join(hocBackend, 'backend', 'app');
const telemetry = path.join(app, 'hoc/api/cus/integrations/cus_telemetry.py');
const protection = path.join(app, 'hoc/api/cus/integrations/protection_dependencies.py');
const sessionContext = path.join(app, 'hoc/api/cus/integrations/session_context.py');
const dispatcher = path.join(app, 'hoc/cus/integrations/L5_engines/dispatcher.py');
const health = path.join(app, 'hoc/cus/integrations/L5_engines/cus_health_engine.py');

/** Every diagnostic published and still standing, as `path (relative to root) | code | line:char-line:char | message`, sorted. */
function standing(diagnostics: Map<string, PublishDiagnosticsParams>, root: string): string[] {
  return [...diagnostics.values()]
    .flatMap((p) => p.diagnostics.map((d) => {
      const { start, end } = d.range;
      return `${path.relative(root, fileURLToPath(p.uri)).split(path.sep).join('/')} | ${d.code} | ${start.line}:${start.character}-${end.line}:${end.character} | ${d.message}`;
    }))
    .sort();
}

test('initial index: one Error per violation of `strata check`, on the module name, with the CLI text', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    const begin = client.progress.find((p) => p.value.kind === 'begin');
    assert.equal(begin?.value.title, 'Strata');
    assert.equal(begin?.value.message, 'indexing 64 files');

    // The fixture's 8 violations (`strata check` lists the same), each on the exact span of the
    // module name, not the line, with the CLI's text; lazy imports say where they are.
    assert.deepEqual(standing(client.diagnostics, app), [
      'hoc/api/cus/integrations/cus_telemetry.py | L2-L5 | 8:5-8:58 | L2 MUST NOT import L5 directly: app.hoc.cus.activity.L5_engines.cus_telemetry_service is an L5 Engine (activity)',
      'hoc/api/cus/integrations/protection_dependencies.py | L2-L6 | 20:9-20:69 | L2 MUST NOT import L6: app.hoc.cus.integrations.L6_drivers.external_response_driver is an L6 Driver (integrations) (imported inside protection_audit_log())',
      'hoc/cus/integrations/L3_adapters/customer_incidents_adapter.py | L3-DB | 5:5-5:13 | L3 MUST NOT access DB: sqlmodel is an external package',
      'hoc/cus/integrations/L3_adapters/customer_keys_adapter.py | L3-DB | 5:5-5:13 | L3 MUST NOT access DB: sqlmodel is an external package',
      'hoc/cus/integrations/L5_engines/cus_health_engine.py | L5-DB | 10:5-10:11 | L5 MUST NOT access DB directly: app.db is not in any layer',
      'hoc/cus/integrations/L5_engines/cus_health_engine.py | L5-L7 | 11:5-11:26 | L5 MUST NOT import L7 models directly: app.models.cus_models is an L7 Model (shared)',
      'hoc/cus/integrations/L5_engines/cus_health_engine.py | L5-sqlmodel | 8:5-8:13 | L5 MUST NOT import sqlmodel at runtime: sqlmodel is an external package',
      'hoc/cus/integrations/L5_engines/dispatcher.py | L5-DB | 18:13-18:19 | L5 MUST NOT access DB directly: app.db is not in any layer (imported inside replay())',
    ]);
    const all = [...client.diagnostics.values()].flatMap((p) => p.diagnostics);
    assert.ok(all.every((d) => d.severity === 1 && d.source === 'strata'), 'errors, from strata');
    assert.deepEqual(client.diagnosticsOf(health).map((d) => d.code), ['L5-sqlmodel', 'L5-DB', 'L5-L7'], 'in the order of the file');
    assert.deepEqual(client.diagnosticsOf(sessionContext), [], 'TYPE_CHECKING imports get none');
    assert.ok(client.logs.some((l) => /indexed 64 files of 1 source root\(s\) in \d+ ms: 8 violation\(s\) in 6 file\(s\)/.test(l)), client.logs.join('\n'));
  } finally {
    await client.stop();
  }
});

test('initial index through the worker thread: the same diagnostics as on one thread (the CLI\'s read/scan loop)', async () => {
  // STRATA_SCAN_THREADS=worker leaves every chunk of files to the worker (a large tree shares them):
  // its scans cross threads encoded and are decoded into the same records.
  const worker = await LspClient.start([hocBackend], { env: { STRATA_SCAN_THREADS: 'worker' } });
  const one = await LspClient.start([hocBackend], { env: { STRATA_SCAN_THREADS: '1' } });
  try {
    assert.ok(worker.logs.some((l) => /indexed 64 files .*: 8 violation\(s\) in 6 file\(s\) \(8 chunk\(s\) of files scanned by a worker thread\)/.test(l)), worker.logs.join('\n'));
    assert.ok(one.logs.some((l) => /indexed 64 files .*: 8 violation\(s\) in 6 file\(s\)$/.test(l)), one.logs.join('\n'));
    assert.equal(standing(worker.diagnostics, app).length, 8);
    assert.deepEqual(standing(worker.diagnostics, app), standing(one.diagnostics, app));
  } finally {
    await worker.stop();
    await one.stop();
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
  const client = await LspClient.start([hocBackend], { initializationOptions: { moduleLevelOnly: true } });
  try {
    const count = () => [...client.diagnostics.values()].reduce((n, p) => n + p.diagnostics.length, 0);
    // The two lazy imports (protection_dependencies.py, dispatcher.py) are not checked: 6 of 8.
    assert.equal(count(), 6);
    assert.deepEqual(client.diagnosticsOf(dispatcher), []);
    await client.configure({ moduleLevelOnly: false });
    await client.waitForDiagnostics(dispatcher, (d) => d.length === 1, 'lazy import checked again');
    await client.waitForDiagnostics(protection, (d) => d.length === 1, 'lazy import checked again');
    assert.equal(count(), 8);
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

test('a larger workspace with binary and oversized files gets exactly the diagnostics its files call for', async () => {
  const files: Record<string, string | Buffer> = {};
  const layers = ['L5_engines', 'L3_adapters', 'L6_drivers', 'L5_utils'];
  const bodies = [
    'from sqlmodel import Session\n',
    'from app.models.m import Row\n\ndef f():\n    from app.db import s\n',
    'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sqlalchemy import x\n',
    'from app.hoc.cus.d0.L5_engines.e0 import E  # strata: ignore[L2-L5]\nimport json\n',
    '"""doc"""\nimport os\n',
  ];
  // Only the second body breaks rules, and only outside the API (where sqlmodel is allowed):
  // a model import at line 1 (L5 engines and other L5 files: L5-L7; adapters: L3-L7; drivers may)
  // and, in engines only, app.db inside f() at 4:5.
  const want: string[] = [];
  const model = 'app.models.m is an L7 Model (shared)';
  for (let k = 0; k < 640; k++) {
    const domain = `d${k % 8}`;
    const layer = layers[k % layers.length];
    const rel = k % 5 === 0 ? `hoc/api/cus/${domain}/r${k}.py` : `hoc/cus/${domain}/${layer}/m${k}.py`;
    files[`b/app/${rel}`] = bodies[k % bodies.length] + '# filler\n'.repeat(k % 50);
    // The fourth body's ignore names an API rule in files outside the API: it silences nothing.
    if (k % 5 === 3) want.push(`${rel} | unused-ignore | 0:44-0:67 | This strata: ignore silences nothing: L2-L5 matches no violation on this line`);
    if (k % 5 !== 1) continue;
    if (layer === 'L5_engines' || layer === 'L5_utils') want.push(`${rel} | L5-L7 | 0:5-0:17 | L5 MUST NOT import L7 models directly: ${model}`);
    if (layer === 'L3_adapters') want.push(`${rel} | L3-L7 | 0:5-0:17 | L3 MUST NOT import L7 models: ${model}`);
    if (layer === 'L5_engines') want.push(`${rel} | L5-DB | 3:9-3:15 | L5 MUST NOT access DB directly: app.db is not in any layer (imported inside f())`);
  }
  files['b/app/hoc/cus/d0/L5_engines/e0.py'] = 'class E: ...\n';
  files['b/app/hoc/cus/d1/L5_engines/binary.py'] = Buffer.from([0x69, 0x00, 0x6d]);
  files['b/app/hoc/cus/d1/L5_engines/big.py'] = 'from sqlmodel import Session\n' + '#'.repeat(6 * 1024 * 1024);
  const dir = tempTree(files);
  const client = await LspClient.start([dir]);
  try {
    assert.equal(want.length, 256);
    const got = standing(client.diagnostics, path.join(dir, 'b', 'app'));
    want.sort();
    assert.deepEqual(got.filter((g, k) => g !== want[k]).slice(0, 3), []);
    assert.equal(got.length, want.length);
    assert.equal(client.logs.filter((l) => l.includes('big.py')).length, 1);
    assert.equal(client.logs.filter((l) => l.includes('binary.py')).length, 1);
  } finally {
    await client.stop();
  }
});
