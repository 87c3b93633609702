/// <reference types="mocha" />
// The HOC backend fixture (test/fixtures/hoc-backend), read-only: activation, the Topology tree,
// diagnostics, hovers, code actions (listed, not applied), CodeLens, status bar, Go to
// Counterpart, Export Wiring Map, Check Workspace and a live setting. Nothing here writes a file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  childrenOf,
  closeAllEditors,
  diagnosticsOf,
  findRow,
  fixtureSuite,
  hoverText,
  log,
  open,
  strata,
  waitFor,
  wsUri,
  type StrataApi,
} from '../helpers/strata';

const INTEGRATIONS = 'backend/app/hoc/cus/integrations';
const ENGINE = `${INTEGRATIONS}/L5_engines/cus_health_engine.py`;
const L2_TELEMETRY = 'backend/app/hoc/api/cus/integrations/cus_telemetry.py';
const ACTIVITY_ENGINE = 'backend/app/hoc/cus/activity/L5_engines/cus_telemetry_service.py';

fixtureSuite('hoc-backend', 16, function () {
  let api: StrataApi;

  before(async function () {
    // No test activates it: `workspaceContains:**/hoc/**/*.py` must have done so at startup.
    const ext = await waitFor('the Strata extension to be installed', () => vscode.extensions.getExtension('strata.strata-layers'));
    await waitFor('activation by workspaceContains:**/hoc/**/*.py', () => ext.isActive, { timeout: 30_000 });
    api = await strata();
  });

  after(async () => {
    await closeAllEditors();
  });

  it('activates and starts its language server', async () => {
    const ext = vscode.extensions.getExtension('strata.strata-layers')!;
    assert.ok(ext.isActive, 'the extension is active');
    await waitFor('the language server to run', () => api.serverRunning());
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'strata.goToCounterpart',
      'strata.showLayer',
      'strata.exportWiringMap',
      'strata.checkWorkspace',
      'strata.createCounterpart',
      'strata.closeGap',
      'strata.restartServer',
    ]) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
  });

  it('shows audience → domain → layers in report order → files in the Topology tree', async () => {
    const rows = await waitFor('the integrations domain in the tree', async () => {
      const r = await api.topologyRows();
      return findRow(r, /^integrations — \d+ violations · \d+ gaps$/) ? r : undefined;
    }, { describe: () => api.topologyRows() });
    log(`${rows.length} rows; first: ${rows.slice(0, 3).join(' | ')}`);
    assert.match(rows[0], /^CUSTOMER — cus · \d+ domains?$/);
    assert.equal(findRow(rows, 'integrations — '), '  integrations — 8 violations · 4 gaps');

    const domainIndex = rows.findIndex((r) => r.trim().startsWith('integrations — '));
    const children = childrenOf(rows, domainIndex);
    const layerPrefixes = [/^L2\.1 /, /^L2 /, /^L3 /, /^L4 /, /^L5 Engine/, /^L5 Schema/, /^L5 Other/, /^L6 /, /^L7 /];
    assert.deepEqual(
      children.slice(0, 9).map((c, i) => layerPrefixes[i].test(c)),
      layerPrefixes.map(() => true),
      `layers in order L2.1, L2, L3, L4, L5 engines, L5 schemas, L5 other, L6, L7; got ${JSON.stringify(children)}`,
    );
    assert.equal(children[0], 'L2.1 Facade — 0 files · GAP', 'the integrations facade is missing');
    assert.match(children[1], / — 3 files$/, 'three L2 files');
    assert.match(children[2], / — 21 files$/, 'twenty-one adapters');
    assert.match(children[4], / — 16 files$/, 'sixteen engines');
    assert.equal(children[8], 'L7 Models — 0 files · GAP', 'no domain models: GAP');
    assert.equal(children[9], 'Gaps — 4');
    assert.equal(children[10], 'Violations — 8');

    assert.ok(rows.includes('      cus_health_engine.py — → L6 Driver ❌ · 3 violations'), 'engine row with its L6 state and violations');
    assert.ok(rows.includes('      connector_registry.py'), 'driver rows');
    const gaps = childrenOf(rows, rows.indexOf('    Gaps — 4'));
    assert.ok(
      gaps.includes(
        'cus_health_engine.py has DB imports but no matching L6 driver — Extract DB logic to hoc/cus/integrations/L6_drivers/cus_health_driver.py',
      ),
      `gap rows: ${JSON.stringify(gaps)}`,
    );
    const violations = childrenOf(rows, rows.indexOf('    Violations — 8'));
    assert.equal(violations.length, 8);
    assert.ok(violations.some((v) => v.startsWith('cus_health_engine.py:9 — L5 MUST NOT import sqlmodel')), JSON.stringify(violations));
  });

  it('publishes diagnostics on the exact imports of an engine', async () => {
    const uri = wsUri(ENGINE);
    await open(ENGINE);
    const diags = await diagnosticsOf(uri, (d) => d.length >= 3, 'three violations');
    const byLine = diags.map((d) => `${d.range.start.line + 1}: ${d.message}`).sort();
    log(byLine.join(' | '));
    const sqlmodel = diags.find((d) => d.range.start.line === 8 && /L5 MUST NOT import sqlmodel/.test(d.message));
    assert.ok(sqlmodel, `a diagnostic on line 9 (from sqlmodel import ...): ${JSON.stringify(byLine)}`);
    assert.equal(sqlmodel.severity, vscode.DiagnosticSeverity.Error);
    const text = vscode.window.activeTextEditor!.document.getText(sqlmodel.range);
    assert.equal(text, 'sqlmodel', 'the diagnostic spans the module name');
    assert.ok(diags.some((d) => d.range.start.line === 10 && /L5 MUST NOT access DB/.test(d.message)), 'app.db on line 11');
    assert.ok(diags.some((d) => d.range.start.line === 11 && /L7/.test(d.message)), 'app.models on line 12');
  });

  it('explains a violating import in its hover', async () => {
    const uri = wsUri(ENGINE);
    const hovers = await waitFor('a hover on the sqlmodel import', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(8, 7));
      return h && h.length && /L5/.test(hoverText(h)) ? h : undefined;
    });
    const text = hoverText(hovers);
    log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    assert.match(text, /L5 MUST NOT import sqlmodel/);
    assert.match(text, /L6 driver/);
  });

  it('offers "Create L6 Driver" as a code action on the engine', async () => {
    const uri = wsUri(ENGINE);
    const diags = await diagnosticsOf(uri, (d) => d.some((x) => x.range.start.line === 8), 'the sqlmodel diagnostic');
    const range = diags.find((d) => d.range.start.line === 8)!.range;
    const actions = await waitFor('code actions on the sqlmodel import', async () => {
      const a = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
      return a && a.some((x) => /Create L6 Driver/i.test(x.title)) ? a : undefined;
    });
    log(`code actions: ${actions.map((a) => a.title).join(' | ')}`);
    const create = actions.find((a) => /Create L6 Driver/i.test(a.title))!;
    assert.match(create.title, /cus_health_driver\.py/);
  });

  it('shows the CodeLens "→ L6 Driver: create cus_health_driver.py" on the engine', async () => {
    const lenses = await waitFor('the engine CodeLens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', wsUri(ENGINE));
      return l?.find((x) => x.command?.title.startsWith('→ L6 Driver'));
    });
    assert.equal(lenses.command!.title, '→ L6 Driver: create cus_health_driver.py');
    assert.equal(lenses.range.start.line, 0);
    assert.equal(lenses.command!.command, 'strata.createCounterpart');
  });

  it("shows the active file's layer in the status bar, hidden outside every layer", async () => {
    await open(ENGINE);
    const text = await waitFor('the status bar to show the engine', () => api.statusBarText() === '$(layers) L5 Engine · integrations' && api.statusBarText(), {
      describe: () => api.statusBarText(),
    });
    assert.equal(text, '$(layers) L5 Engine · integrations');
    const tooltip = api.statusBarTooltip() ?? '';
    assert.match(tooltip, /CUSTOMER/);
    assert.match(tooltip, /May not import/);
    assert.match(tooltip, /L5 MUST NOT import sqlmodel/);

    await open(L2_TELEMETRY);
    await waitFor('the status bar to show the L2 file', () => api.statusBarText() === '$(layers) L2 API · integrations', {
      describe: () => api.statusBarText(),
    });

    await open('backend/app/db.py');
    await waitFor('the status bar to hide for app/db.py (in no layer)', () => api.statusBarText() === undefined, {
      describe: () => api.statusBarText(),
    });
  });

  it('Go to Counterpart lists the relations grouped and opens the choice', async () => {
    await open(L2_TELEMETRY);
    await waitFor('the status bar to show the L2 file', () => api.statusBarText()?.includes('L2 API'));
    const picked = vscode.commands.executeCommand<vscode.Uri | undefined>('strata.goToCounterpart');
    const items = await waitFor('the Go to Counterpart pick', () => api.counterpartPickItems(), { timeout: 15_000 });
    log(`pick: ${items.join(' | ')}`);
    assert.equal(items[0], '-- Imports · L5 Engines --');
    assert.ok(items[1].endsWith('cus_telemetry_service.py'), items[1]);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const uri = await picked;
    assert.ok(uri, 'a file was opened');
    await waitFor('the activity engine to be the active editor', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === wsUri(ACTIVITY_ENGINE).fsPath,
    );
  });

  it('Go to Counterpart on an engine shows who imports it and offers to create its driver', async () => {
    await open(ACTIVITY_ENGINE);
    await waitFor('the status bar to show the activity engine', () => api.statusBarText()?.includes('L5 Engine · activity'));
    const picked = vscode.commands.executeCommand('strata.goToCounterpart');
    const items = await waitFor('the Go to Counterpart pick', () => api.counterpartPickItems(), { timeout: 15_000 });
    log(`pick: ${items.join(' | ')}`);
    assert.ok(items.some((i) => /Create cus_telemetry_service_driver\.py/.test(i)), 'offers the missing driver');
    const importedBy = items.indexOf('-- Imported by · L2 API --');
    assert.ok(importedBy > 0, 'an "Imported by · L2 API" group');
    assert.ok(items[importedBy + 1].endsWith('cus_telemetry.py'));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await picked;
    assert.equal(api.counterpartPickItems(), undefined);
  });

  it('follows the active editor in the Topology view', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.strata');
    await open(ENGINE);
    await waitFor('the engine to be selected in the tree', () => api.topologySelection().includes('cus_health_engine.py'), {
      describe: () => api.topologySelection(),
    });
    await open(L2_TELEMETRY);
    await waitFor('the L2 file to be selected in the tree', () => api.topologySelection().includes('cus_telemetry.py'), {
      describe: () => api.topologySelection(),
    });
  });

  it('"Show only problems" keeps only what has problems, and back', async () => {
    await vscode.commands.executeCommand('strata.showOnlyProblems');
    const filtered = await waitFor('the filtered tree', async () => {
      const r = await api.topologyRows();
      return findRow(r, 'L3 ') && !r.includes('      slack_adapter.py') ? r : undefined;
    });
    assert.ok(filtered.includes('      customer_keys_adapter.py — 1 violation'), 'a violating adapter stays');
    assert.ok(filtered.includes('      cus_health_engine.py — → L6 Driver ❌ · 3 violations'), 'a violating engine stays');
    assert.ok(filtered.includes('      dispatcher.py — → L6 Driver ❌ · 1 violation'));
    assert.ok(!filtered.some((r) => r.trim().startsWith('bridges.py')), 'an engine without a problem goes');
    await vscode.commands.executeCommand('strata.showEverything');
    await waitFor('the full tree again', async () => (await api.topologyRows()).includes('      slack_adapter.py'));
  });

  it('exports the wiring map of a domain as Markdown', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('strata.exportWiringMap', { audience: 'cus', domain: 'integrations' });
    assert.ok(uri, 'the command returns the document');
    const editor = await waitFor('the map to be the active editor', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor,
    );
    assert.equal(editor.document.languageId, 'markdown');
    assert.ok(uri.path.endsWith('integrations.DOMAIN_WIRING_MAP.md'), uri.toString());
    const text = editor.document.getText();
    assert.ok(text.startsWith('# Integrations — Prescriptive Wiring Map'), text.slice(0, 80));
    assert.match(text, /cus_health_engine\.py → L6 ❌/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Check Workspace returns the summary', async () => {
    const summary = await vscode.commands.executeCommand<{ files: number; violations: number; filesWithViolations: number }>(
      'strata.checkWorkspace',
    );
    assert.deepEqual(summary, { files: 64, violations: 8, filesWithViolations: 6 });
  });

  it('"Show Layer of Current File" names the layer and its rules', async () => {
    await open(ENGINE);
    const text = await vscode.commands.executeCommand<string>('strata.showLayer');
    assert.match(text, /^cus_health_engine\.py: L5 Engine · integrations \(CUSTOMER\)\. Rules: .*L5 MUST NOT import sqlmodel/);
  });

  it('"Restart Server" restarts it and everything comes back', async () => {
    const version = api.topologyVersion();
    await vscode.commands.executeCommand('strata.restartServer');
    await waitFor('the language server to run again', () => api.serverRunning());
    await waitFor('the tree to be answered again', async () => findRow(await api.topologyRows(), 'integrations — 8 violations · 4 gaps'));
    await open(ENGINE);
    await diagnosticsOf(wsUri(ENGINE), (d) => d.length >= 3, 'diagnostics after the restart');
    await waitFor('the status bar after the restart', () => api.statusBarText() === '$(layers) L5 Engine · integrations');
    log(`topology version ${version} -> ${api.topologyVersion()}`);
  });

  it('applies strata.moduleLevelOnly without a restart', async () => {
    const config = vscode.workspace.getConfiguration('strata');
    const uri = wsUri(`${INTEGRATIONS}/L5_engines/dispatcher.py`);
    await open(`${INTEGRATIONS}/L5_engines/dispatcher.py`);
    await diagnosticsOf(uri, (d) => d.length === 1, 'the lazy app.db import flagged');
    try {
      await config.update('moduleLevelOnly', true, vscode.ConfigurationTarget.Global);
      await diagnosticsOf(uri, (d) => d.length === 0, 'no diagnostics with moduleLevelOnly');
      await waitFor('the domain to count 6 violations', async () => findRow(await api.topologyRows(), 'integrations — 6 violations'), {
        describe: async () => findRow(await api.topologyRows(), 'integrations — '),
      });
    } finally {
      await config.update('moduleLevelOnly', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsOf(uri, (d) => d.length === 1, 'the lazy import flagged again');
    await waitFor('the domain to count 8 violations again', async () => findRow(await api.topologyRows(), 'integrations — 8 violations'));
  });
});
