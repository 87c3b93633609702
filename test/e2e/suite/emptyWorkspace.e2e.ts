/// <reference types="mocha" />
// The e2e-empty fixture: Python without a `hoc/` tree. The extension activates on the Python
// file, its tree stays empty (so the welcome view shows) and the status bar item stays hidden.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureSuite, open, strata, waitFor, type StrataApi } from '../helpers/strata';

fixtureSuite('e2e-empty', 2, function () {
  let api: StrataApi;

  after(async function () {
    await closeAllEditors();
  });

  it('activates on a Python file', async () => {
    await open('scripts/report.py');
    const ext = vscode.extensions.getExtension('strata.strata-layers');
    assert.ok(ext, 'installed');
    await waitFor('activation by onLanguage:python', () => ext.isActive, { timeout: 20_000 });
    api = await strata();
    await waitFor('the language server to run', () => api.serverRunning());
  });

  it('has an empty Topology tree (the welcome view shows) and no status bar item', async () => {
    await waitFor('the first topology answer', () => api.topologyVersion() !== undefined, { timeout: 20_000 });
    assert.deepEqual(await api.topologyRows(), []);
    assert.equal(api.statusBarText(), undefined);
  });
});
