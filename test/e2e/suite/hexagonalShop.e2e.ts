/// <reference types="mocha" />
// The hexagonal-shop fixture (test/fixtures/hexagonal-shop): a layout Strata has never seen,
// configured only by [tool.strata] in its pyproject.toml, without audiences. The tree is
// domain → the config's layers → files, a hover names the config's labels, and an edit of the
// config applies without a restart (put back after).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureSuite, open, strata, waitFor, wsUri, type StrataApi } from '../helpers/strata';

const PLACE_ORDER = 'src/shop/contexts/orders/application/place_order.py';

fixtureSuite('hexagonal-shop', 3, function () {
  let api: StrataApi;
  let original = '';

  after(async function () {
    if (original) fs.writeFileSync(wsUri('pyproject.toml').fsPath, original);
    await closeAllEditors();
  });

  it('shows domain → the config\'s layers → files, with no audience level', async () => {
    await open(PLACE_ORDER);
    api = await strata();
    const rows = await waitFor('the orders domain with its layers', async () => {
      const r = await api.topologyRows();
      return r.includes('  Application — 1 file') ? r : undefined;
    }, { describe: () => api.topologyRows(), timeout: 30_000 });
    assert.match(rows[0], /^orders — /);
    assert.deepEqual(rows.filter((r) => /^  \S/.test(r)).slice(0, 3), ['  Domain — 1 file', '  Application — 1 file', '  Adapters — 2 files']);
    assert.ok(rows.some((r) => /^payments — /.test(r)), JSON.stringify(rows));
  });

  it('hovers name the config\'s labels', async () => {
    const uri = wsUri(PLACE_ORDER);
    const hovers = await waitFor('the hover on the adapter import', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 20));
      const text = (h ?? []).flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return text.includes('is an Adapter (orders)') ? text : undefined;
    });
    assert.match(hovers, /✖ \*\*use-ports\*\* Use cases depend on ports, not adapters/);
    await waitFor('the status bar to name the layer', () => api.statusBarText() === '$(layers) Use case · orders', { describe: () => api.statusBarText() });
  });

  it('a config edit applies live: a new heading shows in the tree', async () => {
    const file = wsUri('pyproject.toml').fsPath;
    original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace('heading = "Application"', 'heading = "Use cases"'));
    await waitFor('the new heading in the tree', async () => (await api.topologyRows()).includes('  Use cases — 1 file'), { describe: () => api.topologyRows(), timeout: 30_000 });
    fs.writeFileSync(file, original);
    await waitFor('the heading back', async () => (await api.topologyRows()).includes('  Application — 1 file'), { describe: () => api.topologyRows(), timeout: 30_000 });
  });
});
