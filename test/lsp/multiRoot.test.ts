import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TopologyResult } from '../../server/src/protocol/strataProtocol';
import { FileChange, LspClient, uri } from '../support/lspClient';
import { fixturesDir, hocBackend } from '../support/paths';
import { copyTree } from '../support/tempTree';

const quickfixFixture = path.join(fixturesDir, 'lsp-quickfix');
const health = path.join(hocBackend, 'backend/app/hoc/cus/integrations/L5_engines/cus_health_engine.py');
const pricing = path.join(quickfixFixture, 'backend/app/hoc/cus/orders/L5_engines/pricing_engine.py');

test('multi-root: every workspace folder is indexed; folders added and removed later are followed', async () => {
  const client = await LspClient.start([hocBackend, quickfixFixture]);
  try {
    assert.equal(client.diagnosticsOf(health).length, 3);
    assert.equal(client.diagnosticsOf(pricing).length, 2);
    const topology = await client.request<TopologyResult>('strata/topology', {});
    assert.equal(topology.sourceRoots.length, 2);
    assert.deepEqual(topology.domains.map((d) => d.domain), ['activity', 'general', 'integrations', 'orders']);

    const ends = () => client.progress.filter((p) => p.value.kind === 'end').length;
    const before = ends();
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: uri(quickfixFixture), name: 'lsp-quickfix' }] },
    });
    await client.waitFor(() => ends() > before, 10000, 're-indexing');
    await client.waitForDiagnostics(pricing, (d) => d.length === 0, 'cleared with its folder');
    assert.equal(client.diagnosticsOf(health).length, 3);
    const after = await client.request<TopologyResult>('strata/topology', {});
    assert.deepEqual(after.domains.map((d) => d.domain), ['activity', 'general', 'integrations']);
  } finally {
    await client.stop();
  }
});

test('a new source root that appears in a workspace folder is picked up without restart', async () => {
  const root = copyTree(hocBackend);
  const client = await LspClient.start([root]);
  try {
    const file = path.join(root, 'second/app/hoc/cus/billing/L5_engines/tax_engine.py');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'from sqlalchemy import text\n');
    await client.fileEvents([{ file, type: FileChange.Created }]);
    const published = await client.waitForDiagnostics(file, (d) => d.length === 1, 'in the new source root');
    assert.equal(published.diagnostics[0].code, 'L5-sqlalchemy');
    const topology = await client.request<TopologyResult>('strata/topology', {});
    assert.deepEqual(topology.sourceRoots, [uri(path.join(root, 'backend')), uri(path.join(root, 'second'))]);
  } finally {
    await client.stop();
  }
});
