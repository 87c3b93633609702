import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TopologyResult } from '../../server/src/protocol/strataProtocol';
import { FileChange, LspClient } from '../support/lspClient';
import { hocBackend } from '../support/paths';
import { copyTree } from '../support/tempTree';

function workspace(): { root: string; app: string } {
  const root = copyTree(hocBackend);
  return { root, app: path.join(root, 'backend', 'app') };
}

function write(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

test('files created, changed, deleted and renamed on disk update the diagnostics, no restart needed', async () => {
  const { root, app } = workspace();
  const client = await LspClient.start([root]);
  try {
    const engines = path.join(app, 'hoc/cus/integrations/L5_engines');
    const fresh = path.join(engines, 'fresh_engine.py');
    write(fresh, 'from app.models.cus_models import CusIntegration\n\n\ndef rows():\n    return CusIntegration\n');
    await client.fileEvents([{ file: fresh, type: FileChange.Created }]);
    const created = await client.waitForDiagnostics(fresh, (d) => d.length === 1, 'of a new file');
    assert.equal(created.diagnostics[0].code, 'L5-L7');

    write(fresh, 'import json\n');
    await client.fileEvents([{ file: fresh, type: FileChange.Changed }]);
    await client.waitForDiagnostics(fresh, (d) => d.length === 0, 'after the import went away');

    const health = path.join(engines, 'cus_health_engine.py');
    const renamed = path.join(engines, 'cus_health_engine_v2.py');
    fs.renameSync(health, renamed);
    await client.fileEvents([{ file: health, type: FileChange.Deleted }, { file: renamed, type: FileChange.Created }]);
    await client.waitForDiagnostics(renamed, (d) => d.length === 3, 'at the new name');
    await client.waitForDiagnostics(health, (d) => d.length === 0, 'cleared at the old name');

    const dispatcher = path.join(engines, 'dispatcher.py');
    fs.rmSync(dispatcher);
    await client.fileEvents([{ file: dispatcher, type: FileChange.Deleted }]);
    await client.waitForDiagnostics(dispatcher, (d) => d.length === 0, 'of a deleted file');
    assert.ok(client.alive);
  } finally {
    await client.stop();
  }
});

test('importers whose verdict changes when a module appears or disappears are re-checked too', async () => {
  const { root, app } = workspace();
  const client = await LspClient.start([root]);
  try {
    // `from app.hoc.cus.billing import L5_engines` loads an L5 package only once such a package exists.
    // (It also imports a model, so that its diagnostics show when it has been read.)
    const view = path.join(app, 'hoc/api/cus/integrations/billing_view.py');
    write(view, 'from app.hoc.cus.billing import L5_engines\nfrom app.models import cus_models\n');
    await client.fileEvents([{ file: view, type: FileChange.Created }]);
    await client.waitForDiagnostics(view, (d) => d.length === 1 && d[0].code === 'L2-L7', 'before the package exists');

    const tax = path.join(app, 'hoc/cus/billing/L5_engines/tax.py');
    write(tax, 'RATE = 0.2\n');
    let since = client.published.length;
    await client.fileEvents([{ file: tax, type: FileChange.Created }]);
    const appeared = await client.waitForDiagnostics(view, (d) => d.length === 2, 'once the package exists', since);
    assert.equal(appeared.diagnostics[0].code, 'L2-L5');
    assert.deepEqual(appeared.diagnostics[0].range, { start: { line: 0, character: 32 }, end: { line: 0, character: 42 } });

    // A folder deleted at once: watchers report only the folder.
    fs.rmSync(path.join(app, 'hoc/cus/billing'), { recursive: true });
    since = client.published.length;
    await client.fileEvents([{ file: path.join(app, 'hoc/cus/billing'), type: FileChange.Deleted }]);
    await client.waitForDiagnostics(view, (d) => d.length === 1, 'once the package is gone', since);

    // And a folder created at once (a checkout, a paste) is read in full.
    write(path.join(app, 'hoc/cus/billing/L5_engines/tax.py'), 'RATE = 0.2\n');
    write(path.join(app, 'hoc/cus/billing/L5_engines/ledger.py'), 'from sqlmodel import Session\n');
    since = client.published.length;
    await client.fileEvents([{ file: path.join(app, 'hoc/cus/billing'), type: FileChange.Created }]);
    await client.waitForDiagnostics(view, (d) => d.length === 2, 'after the folder came back', since);
    await client.waitForDiagnostics(path.join(app, 'hoc/cus/billing/L5_engines/ledger.py'), (d) => d.length === 1, 'of a file in the new folder', since);
  } finally {
    await client.stop();
  }
});

test('an open document keeps its editor text when its file changes on disk; closing returns to the disk', async () => {
  const { root, app } = workspace();
  const client = await LspClient.start([root]);
  try {
    const file = path.join(app, 'hoc/cus/integrations/L5_engines/dispatcher.py');
    await client.open(file, 'import json\n');
    await client.waitForDiagnostics(file, (d) => d.length === 0, 'from the editor text');
    write(file, 'from app.db import get_session\n');
    await client.fileEvents([{ file, type: FileChange.Changed }]);
    // The event is ignored for the open document; prove the server processed it by a round trip.
    await client.hover(file, { line: 0, character: 0 });
    assert.deepEqual(client.diagnosticsOf(file), []);
    const since = client.published.length;
    await client.close(file);
    await client.waitForDiagnostics(file, (d) => d.length === 1 && d[0].code === 'L5-DB', 'from the disk after closing', since);
  } finally {
    await client.stop();
  }
});

test('robust input: 1,000 file events at once, a 10 MB file, a binary file, events for files that do not exist', async () => {
  const { root, app } = workspace();
  const client = await LspClient.start([root]);
  try {
    const domain = path.join(app, 'hoc/cus/bulk/L5_engines');
    const files: string[] = [];
    for (let k = 0; k < 1000; k++) {
      const file = path.join(domain, `bulk_${String(k).padStart(4, '0')}.py`);
      write(file, k % 2 === 0 ? 'from sqlmodel import Session\n' : 'import json\n');
      files.push(file);
    }
    const big = path.join(app, 'hoc/cus/bulk/L5_engines/huge.py');
    write(big, 'from sqlmodel import Session\n' + '# padding\n'.repeat(1_100_000));
    const binary = path.join(app, 'hoc/cus/bulk/L5_engines/compiled.py');
    write(binary, Buffer.from([0x66, 0x72, 0x00, 0x01, 0x02]));
    const ghost = path.join(app, 'hoc/cus/bulk/L5_engines/never_existed.py');
    const events = [...files, big, binary, ghost].map((file) => ({ file, type: FileChange.Created }));
    for (let k = 0; k < events.length; k += 100) await client.fileEvents(events.slice(k, k + 100));
    await client.waitFor(
      () => files.filter((f, k) => k % 2 === 0).every((f) => client.diagnosticsOf(f).length === 1),
      20000,
      'diagnostics of the 500 violating files',
    );
    assert.ok(client.alive);
    assert.deepEqual(client.diagnosticsOf(big), [], 'a file over the size limit is skipped, not checked');
    assert.deepEqual(client.diagnosticsOf(binary), []);
    await client.waitFor(() => client.logs.some((l) => l.includes('huge.py') && /limit/.test(l)), 5000, 'one log line for the large file');
    assert.equal(client.logs.filter((l) => l.includes('huge.py')).length, 1);
    assert.equal(client.logs.filter((l) => l.includes('compiled.py')).length, 1);
    assert.ok(client.logs.filter((l) => /file events/.test(l)).length <= 11, 'bursts are coalesced, logged once per batch');
    // Still answering, still right.
    const hover = await client.hover(files[0], { line: 0, character: 7 });
    assert.match(hover!.contents.value, /L5-sqlmodel/);
    const summary = await client.executeCommand<{ violations: number }>('strata.server.checkWorkspace');
    assert.equal(summary.violations, 8 + 500);
  } finally {
    await client.stop();
  }
});

test('a file deleted while the workspace is being indexed leaves no trace', async () => {
  const { root, app } = workspace();
  const doomed: string[] = [];
  for (let k = 0; k < 400; k++) {
    const file = path.join(app, `hoc/cus/churn/L5_engines/churn_${k}.py`);
    write(file, 'from app.models.cus_models import CusIntegration\n' + '# filler line\n'.repeat(200));
    if (k % 4 === 0) doomed.push(file);
  }
  const client = new LspClient();
  try {
    await client.initialize([root]);
    // Once indexing has begun, the list of files to read is fixed: delete a quarter of them.
    await client.waitFor(() => client.progress.some((p) => p.value.kind === 'begin'), 10000, 'indexing to begin');
    for (const file of doomed) fs.rmSync(file);
    await client.fileEvents(doomed.map((file) => ({ file, type: FileChange.Deleted })));
    // A file created after the deletions: once its diagnostics are out, the deletions were applied too.
    const marker = path.join(app, 'hoc/cus/churn/L5_engines/marker.py');
    write(marker, 'from sqlmodel import Session\n');
    await client.fileEvents([{ file: marker, type: FileChange.Created }]);
    await client.indexed();
    await client.waitForDiagnostics(marker, (d) => d.length === 1, 'of the file created after the deletions');
    const indexedLine = client.logs.find((l) => l.startsWith('Strata: indexed'));
    // The server's own state, not a rebuild from disk: its topology, and what it published (the
    // answer comes after everything the server sent before it, the clearing of deleted files too).
    const topology = await client.request<TopologyResult>('strata/topology', {});
    assert.equal(topology.indexing, false);
    const churn = topology.domains.find((d) => d.domain === 'churn')!;
    assert.deepEqual([churn.fileCount, churn.violationCount], [301, 301], indexedLine);
    assert.deepEqual(doomed.filter((f) => client.diagnosticsOf(f).length > 0).map((f) => path.basename(f)), [], 'no diagnostics for deleted files');
    const filesWithDiagnostics = [...client.diagnostics.values()].filter((p) => p.diagnostics.length > 0).length;
    assert.equal(filesWithDiagnostics, 6 + 300 + 1);
  } finally {
    await client.stop();
  }
});
