/// <reference types="mocha" />
// The e2e-empty fixture: Python without a `hoc/` tree. The extension activates on the Python
// file, its tree stays empty (so the welcome view shows) and the status bar item stays hidden.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, open, strata, waitFor, workspaceName, type StrataApi } from '../helpers/strata';

// Registered only when this fixture is the open workspace (each launch opens one fixture).
(workspaceName() === 'e2e-empty' ? describe : () => undefined)('e2e-empty fixture', function () {
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
