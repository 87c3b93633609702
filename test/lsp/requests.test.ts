import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { CounterpartsResult, FileInfoResult, TopologyResult, WiringMapResult } from '../../server/src/protocol/strataProtocol';
import { LspClient, uri } from '../support/lspClient';
import { cliPath, fixturesDir, hocBackend } from '../support/paths';
import { copyTree } from '../support/tempTree';

const quickfixFixture = path.join(fixturesDir, 'lsp-quickfix');
/** How long `strata/topologyChanged` waits for quiet after a change (README, Notification). */
const TOPOLOGY_DEBOUNCE_MS = 150;
const at = (root: string, rel: string) => path.join(root, 'backend', 'app', rel);

test('strata/topology: audiences, domains → layers → files, with counts, gaps, violations and counterparts, in the ruleset\'s words', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    const topology = await client.request<TopologyResult>('strata/topology', {});
    assert.equal(topology.indexing, false);
    assert.deepEqual(topology.sourceRoots, [uri(path.join(hocBackend, 'backend'))]);
    assert.ok(topology.version > 0);
    assert.deepEqual(topology.audiences, [{ id: 'cus', name: 'CUSTOMER' }]);
    assert.deepEqual(topology.domains.map((d) => [d.audience, d.domain]), [['cus', 'activity'], ['cus', 'general'], ['cus', 'integrations']]);
    const integrations = topology.domains.find((d) => d.domain === 'integrations')!;
    // The fixture's integrations domain: 50 files (__init__.py not counted), all 8 violations of the
    // tree; the gaps are the golden map's, plus dispatcher.py's lazy DB import.
    assert.equal(integrations.fileCount, 50);
    assert.equal(integrations.violationCount, 8);
    assert.deepEqual(integrations.gaps.map((g) => [g.type, g.description, g.action]), [
      ['L2.1_facade', 'No L2.1 facade to group 3 L2 routers', 'Build hoc/api/facades/cus/integrations.py grouping: cus_telemetry.py, protection_dependencies.py, session_context.py'],
      ['L6_driver', 'cus_health_engine.py has DB imports but no matching L6 driver', 'Extract DB logic to hoc/cus/integrations/L6_drivers/cus_health_driver.py'],
      ['L6_driver', 'dispatcher.py has DB imports but no matching L6 driver', 'Extract DB logic to hoc/cus/integrations/L6_drivers/dispatcher_driver.py'],
      ['L7_models', '3 L6 drivers but no domain-specific L7 models', 'FLAG: domain-localized data candidate (human decision)'],
    ]);
    assert.equal(integrations.gapCount, 4);
    assert.deepEqual(integrations.layers.map((l) => [l.id, l.label, l.heading, l.state]), [
      ['L2.1_facade', 'L2.1 Facade', 'L2.1 Facade', 'missing'],
      ['L2_api', 'L2 API', 'L2 API', 'present'],
      ['L3_adapters', 'L3 Adapter', 'L3 Adapters', 'present'],
      ['L4_runtime', 'L4 Runtime', 'L4 Runtime', 'empty'],
      ['L5_engines', 'L5 Engine', 'L5 Engines', 'present'],
      ['L5_schemas', 'L5 Schema', 'L5 Schemas', 'present'],
      ['L5_other', 'L5 Other', 'L5 Other', 'present'],
      ['L6_drivers', 'L6 Driver', 'L6 Drivers', 'present'],
      ['L7_models', 'L7 Model', 'L7 Models', 'missing'],
    ]);
    const facadeGap = integrations.gaps.find((g) => g.type === 'L2.1_facade')!;
    assert.deepEqual(facadeGap.command, { title: 'Create integrations.py', command: 'strata.server.createGroupFile', arguments: ['integrations', 'cus'] });
    assert.equal(facadeGap.creates, uri(at(hocBackend, 'hoc/api/facades/cus/integrations.py')));
    const engineGap = integrations.gaps.find((g) => g.type === 'L6_driver')!;
    assert.equal(engineGap.file, uri(at(hocBackend, 'hoc/cus/integrations/L5_engines/cus_health_engine.py')));
    assert.deepEqual(engineGap.command, {
      title: 'Create cus_health_driver.py',
      command: 'strata.server.createCounterpart',
      arguments: [uri(at(hocBackend, 'hoc/cus/integrations/L5_engines/cus_health_engine.py'))],
    });

    const engines = integrations.layers.find((l) => l.id === 'L5_engines')!.files;
    const health = engines.find((f) => f.name === 'cus_health_engine.py')!;
    assert.deepEqual(health.counterpart, { layer: 'L6_drivers', layerLabel: 'L6 Driver', files: [], newFileName: 'cus_health_driver.py', needed: true });
    const adapters = integrations.layers.find((l) => l.id === 'L3_adapters')!.files;
    assert.equal(adapters[0].counterpart, undefined);
    assert.equal(health.violationCount, 3);
    assert.equal(health.relPath, 'app/hoc/cus/integrations/L5_engines/cus_health_engine.py');
    const telemetry = integrations.violations.find((v) => v.rule === 'L2-L5')!;
    assert.deepEqual(telemetry, {
      uri: uri(at(hocBackend, 'hoc/api/cus/integrations/cus_telemetry.py')),
      range: { start: { line: 8, character: 5 }, end: { line: 8, character: 58 } },
      rule: 'L2-L5',
      message: 'L2 MUST NOT import L5 directly: app.hoc.cus.activity.L5_engines.cus_telemetry_service is an L5 Engine (activity)',
      fix: 'Route through L3 adapter',
      statement: 'from app.hoc.cus.activity.L5_engines.cus_telemetry_service import CusTelemetryService, TelemetryWindow',
      target: 'app.hoc.cus.activity.L5_engines.cus_telemetry_service',
      baselined: false,
    });
  } finally {
    await client.stop();
  }
});

test('strata/wiringMap is `strata map` byte for byte; an unknown domain is an InvalidParams error', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    const cli = spawnSync(process.execPath, [cliPath, 'map', hocBackend, '--domain', 'integrations'], { encoding: 'utf8' });
    const map = await client.request<WiringMapResult>('strata/wiringMap', { audience: 'cus', domain: 'integrations' });
    assert.equal(map.markdown, cli.stdout);
    // With lazy imports checked, dispatcher.py's import inside replay() makes one more gap than the golden map.
    assert.match(map.markdown, /^\| L6_driver \| dispatcher\.py has DB imports but no matching L6 driver \| Extract DB logic to hoc\/cus\/integrations\/L6_drivers\/dispatcher_driver\.py \|$/m);
    assert.equal(map.fileName, 'integrations.DOMAIN_WIRING_MAP.md');
    await assert.rejects(client.request('strata/wiringMap', { audience: 'cus', domain: 'nope' }), (e: { code: number; message: string }) => e.code === -32602 && /no domain 'nope'/.test(e.message));
  } finally {
    await client.stop();
  }
  // With lazy imports off, the golden map of the fixture, as the seed test requires of the CLI.
  const moduleLevel = await LspClient.start([hocBackend], { settings: { moduleLevelOnly: true } });
  try {
    const map = await moduleLevel.request<WiringMapResult>('strata/wiringMap', { audience: 'cus', domain: 'integrations' });
    assert.equal(map.markdown, fs.readFileSync(path.join(hocBackend, 'expected', 'integrations.DOMAIN_WIRING_MAP.md'), 'utf8'));
  } finally {
    await moduleLevel.stop();
  }
});

test('strata/fileInfo: layer, domain, audience and rules of a file; nothing for files Strata does not classify', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    const engine = await client.request<FileInfoResult>('strata/fileInfo', { uri: uri(at(hocBackend, 'hoc/cus/integrations/L5_engines/cus_health_engine.py')) });
    assert.deepEqual(engine.layer, { id: 'L5_engines', label: 'L5 Engine', role: 'business logic' });
    assert.equal(engine.domain, 'integrations');
    assert.equal(engine.audience, 'cus');
    assert.equal(engine.audienceName, 'CUSTOMER');
    assert.equal(engine.module, 'app.hoc.cus.integrations.L5_engines.cus_health_engine');
    assert.deepEqual(engine.mayNotImport.map((r) => r.rule), ['L5-sqlmodel', 'L5-sqlalchemy', 'L5-L7', 'L5-DB']);
    assert.equal(engine.violationCount, 3);
    assert.deepEqual(engine.counterpartLayer, { id: 'L6_drivers', label: 'L6 Driver' });

    const db = await client.request<FileInfoResult>('strata/fileInfo', { uri: uri(at(hocBackend, 'db.py')) });
    assert.equal(db.layer, undefined);
    assert.equal(db.module, 'app.db');
    assert.deepEqual(db.mayNotImport, []);

    // A file not written yet is placed by its path.
    const unsaved = await client.request<FileInfoResult>('strata/fileInfo', { uri: uri(at(hocBackend, 'hoc/cus/billing/L6_drivers/new_driver.py')) });
    assert.equal(unsaved.layer?.id, 'L6_drivers');
    assert.equal(unsaved.domain, 'billing');
    assert.equal(unsaved.counterpartLayer, undefined);

    const outside = await client.request<FileInfoResult>('strata/fileInfo', { uri: 'file:///somewhere/else.py' });
    assert.deepEqual(outside, { uri: 'file:///somewhere/else.py', mayNotImport: [], violationCount: 0 });
  } finally {
    await client.stop();
  }
});

test('strata/counterparts: counterparts both ways, the one a file lacks, importers and imports grouped by layer', async () => {
  const client = await LspClient.start([quickfixFixture]);
  try {
    const ref = (rel: string) => uri(at(quickfixFixture, rel));
    const billing = await client.request<CounterpartsResult>('strata/counterparts', { uri: ref('hoc/cus/orders/L5_engines/billing_engine.py') });
    assert.deepEqual(billing.counterparts.map((f) => [f.name, f.layer, f.layerLabel]), [['billing_driver.py', 'L6_drivers', 'L6 Driver']]);
    assert.equal(billing.missingCounterpart, undefined);
    assert.deepEqual(billing.importedBy.map((g) => [g.layer, g.layerLabel, g.files.map((f) => f.name)]), [['L2_api', 'L2 API', ['order_admin.py']]]);
    assert.deepEqual(billing.imports, []);

    const driver = await client.request<CounterpartsResult>('strata/counterparts', { uri: ref('hoc/cus/orders/L6_drivers/billing_driver.py') });
    assert.deepEqual(driver.counterparts.map((f) => f.uri), [ref('hoc/cus/orders/L5_engines/billing_engine.py')]);

    const refund = await client.request<CounterpartsResult>('strata/counterparts', { uri: ref('hoc/cus/orders/L5_engines/refund_engine.py') });
    assert.deepEqual(refund.counterparts, []);
    assert.deepEqual(refund.missingCounterpart, { uri: ref('hoc/cus/orders/L6_drivers/refund_driver.py'), name: 'refund_driver.py', layer: 'L6_drivers', layerLabel: 'L6 Driver' });
    assert.deepEqual(refund.importedBy.map((g) => [g.layer, g.files.map((f) => f.relPath)]), [
      ['L2_api', ['app/hoc/api/cus/orders/order_admin.py']],
      ['L3_adapters', ['app/hoc/cus/orders/L3_adapters/refunds_adapter.py']],
    ]);
    assert.deepEqual(refund.imports.map((g) => [g.layer, g.files.map((f) => f.name)]), [['L7_models', ['orders.py']]]);

    const db = await client.request<CounterpartsResult>('strata/counterparts', { uri: ref('db.py') });
    assert.deepEqual(db, { uri: ref('db.py'), counterparts: [], importedBy: [], imports: [] });
  } finally {
    await client.stop();
  }
});

test('server commands: createCounterpart and createGroupFile through workspace/applyEdit then window/showDocument; checkWorkspace', async () => {
  const root = copyTree(hocBackend);
  const client = await LspClient.start([root]);
  try {
    const engine = at(root, 'hoc/cus/integrations/L5_engines/cus_health_engine.py');
    const created = await client.executeCommand<{ uri: string; created: boolean }>('strata.server.createCounterpart', [uri(engine)]);
    const driver = at(root, 'hoc/cus/integrations/L6_drivers/cus_health_driver.py');
    assert.deepEqual(created, { uri: uri(driver), created: true });
    assert.equal(client.appliedEdits.length, 1);
    assert.equal(client.appliedEdits[0].label, 'Create L6 Driver `cus_health_driver.py`');
    assert.match(fs.readFileSync(driver, 'utf8'), /^class CusHealthDriver:$/m);
    assert.deepEqual(client.shownDocuments.map((d) => d.uri), [uri(driver)]);
    // As the quick-fix does (spec §5): the engine's DB imports moved out, a comment in place of each,
    // in the same edit; the engine (not open here) is re-read and its diagnostics clear.
    const moved = (statement: string) => `# strata: moved "${statement}" to L6_drivers/cus_health_driver.py: move the code that uses it there`;
    const engineText = fs.readFileSync(engine, 'utf8');
    for (const statement of ['from sqlmodel import Session, select', 'from app.db import get_engine', 'from app.models.cus_models import CusHealthState, CusIntegration']) {
      assert.ok(engineText.split('\n').includes(moved(statement)), `${statement} replaced by its comment:\n${engineText}`);
      assert.ok(!engineText.split('\n').includes(statement), `${statement} gone`);
    }
    assert.match(engineText, /^class CusHealthEngine:$/m, 'the rest of the engine untouched');
    await client.waitForDiagnostics(engine, (d) => d.length === 0, 'the engine\'s diagnostics to clear');

    const facade = await client.executeCommand<{ uri: string; created: boolean }>('strata.server.createGroupFile', ['integrations', 'cus']);
    assert.deepEqual(facade, { uri: uri(at(root, 'hoc/api/facades/cus/integrations.py')), created: true });
    assert.equal(client.shownDocuments.length, 2);

    // The index follows the files the client reported; a full re-check agrees with the CLI.
    const summary = await client.executeCommand<{ files: number; violations: number; filesWithViolations: number }>('strata.server.checkWorkspace');
    // 64 files and the two created; the engine's 3 violations moved into a driver, where they are allowed.
    assert.deepEqual(summary, { files: 66, violations: 5, filesWithViolations: 5 });
    const cli = JSON.parse(spawnSync(process.execPath, [cliPath, 'check', root, '--format', 'json'], { encoding: 'utf8' }).stdout).summary;
    assert.deepEqual(summary, { files: cli.files, violations: cli.violations, filesWithViolations: cli.filesWithViolations });

    await assert.rejects(client.executeCommand('strata.server.createCounterpart', ['not a uri']), /expected a file: URI/);
    await assert.rejects(client.executeCommand('strata.server.nope'), /unknown command/);
  } finally {
    await client.stop();
  }
});

test('strata/topologyChanged follows index changes (debounced), and strata/topology then carries that version', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    await client.waitFor(() => client.topologyChanges.length > 0, 5000, 'the notification after indexing');
    const before = (await client.request<TopologyResult>('strata/topology', {})).version;
    const file = at(hocBackend, 'hoc/cus/integrations/L5_engines/dispatcher.py');
    await client.open(file);
    const count = client.topologyChanges.length;
    // A burst of edits that change the verdict: one notification after it, not one per edit.
    for (let k = 0; k < 10; k++) await client.change(file, k % 2 === 0 ? 'import json\n' : 'from app.db import x\n');
    const first = await client.waitFor(() => client.topologyChanges[count], 5000, 'topologyChanged');
    assert.ok(first > before);
    // The notification of the last change carries the version strata/topology answers with.
    const after = await client.request<TopologyResult>('strata/topology', {});
    await client.waitFor(() => client.topologyChanges.includes(after.version), 5000, `topologyChanged for version ${after.version}`);
    assert.ok(client.topologyChanges.length - count < 5, `${client.topologyChanges.length - count} notifications for a burst of 10 edits`);
    const integrations = after.domains.find((d) => d.domain === 'integrations')!;
    assert.equal(integrations.violations.filter((v) => v.uri === uri(file)).length, 1, 'from the editor text');
    // An edit that changes nothing the topology shows: the version stays, and nothing is sent.
    const settled = client.topologyChanges.length;
    const since = client.published.length;
    await client.change(file, 'from app.db import x\n# a comment\n');
    await client.waitForDiagnostics(file, (d) => d.length === 1, 'after a harmless edit', since);
    const analysed = client.published[client.published.length - 1].at;
    assert.equal((await client.request<TopologyResult>('strata/topology', {})).version, after.version);
    // A notification would come 150 ms after the edit was analysed (the debounce). That nothing
    // comes can only be seen by watching past that point: twice the debounce, then a round trip,
    // which the server answers after sending anything that was due before it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, analysed + 2 * TOPOLOGY_DEBOUNCE_MS - performance.now())));
    await client.hover(file, { line: 0, character: 0 });
    assert.equal(client.topologyChanges.length, settled);
  } finally {
    await client.stop();
  }
});

test('the server never dies on input: bad params, unknown files, other URI schemes, odd documents', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    assert.equal(await client.hover(path.join(hocBackend, 'nope.py'), { line: 0, character: 0 }), null);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'untitled:Untitled-1' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
    await assert.rejects(client.request('strata/fileInfo', {}), /expected \{ uri: string \}/);
    await assert.rejects(client.request('strata/counterparts', null), /expected \{ uri: string \}/);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'git:/x.py?ref', languageId: 'python', version: 1, text: 'import os' } });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 1 }, { uri: 'file:///', type: 3 }] });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const weird = at(hocBackend, 'hoc/cus/integrations/L5_engines/weird.py');
    await client.open(weird, 'from (((\nimport \x00\n"""unterminated\n' + 'x'.repeat(100000));
    await client.waitForDiagnostics(weird, () => true, 'of a broken document');
    await client.close(weird);
    assert.ok(client.alive);
    const hover = await client.hover(at(hocBackend, 'hoc/cus/integrations/L5_engines/dispatcher.py'), { line: 18, character: 15 });
    assert.match(hover!.contents.value, /L5-DB/);
  } finally {
    await client.stop();
  }
});
