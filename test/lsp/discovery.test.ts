import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChange, LspClient } from '../support/lspClient';
import { hocBackend } from '../support/paths';
import { runCliInProcess } from '../support/runCliInProcess';
import { copyTree, tempTree } from '../support/tempTree';

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The fixture's files with violations, relative to its source root's folder, with how many each has. */
const FIXTURE_VIOLATIONS: Record<string, number> = {
  'app/hoc/api/cus/integrations/cus_telemetry.py': 1,
  'app/hoc/api/cus/integrations/protection_dependencies.py': 1,
  'app/hoc/cus/integrations/L3_adapters/customer_incidents_adapter.py': 1,
  'app/hoc/cus/integrations/L3_adapters/customer_keys_adapter.py': 1,
  'app/hoc/cus/integrations/L5_engines/cus_health_engine.py': 3,
  'app/hoc/cus/integrations/L5_engines/dispatcher.py': 1,
};

/** Every file the server currently shows diagnostics for, relative to `root`, with their count. */
function shown(client: LspClient, root: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [uri, params] of client.diagnostics) {
    if (params.diagnostics.length > 0) result[path.relative(root, new URL(uri).pathname).split(path.sep).join('/')] = params.diagnostics.length;
  }
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function under(prefix: string, files: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(files).map(([f, n]) => [`${prefix}/${f}`, n]));
}

test('the editor skips what the CLI skips: .vscode/, virtualenvs of any name, a folder that becomes a virtualenv', async () => {
  const root = copyTree(hocBackend);
  const engines = path.join(root, 'backend/app/hoc/cus/integrations/L5_engines');
  const client = await LspClient.start([root]);
  try {
    const db = 'from sqlmodel import Session\n';
    const witness = path.join(engines, 'witness.py');
    const inVscode = path.join(engines, '.vscode/helper.py');
    const inVenv = path.join(engines, 'tools_env/lib/site.py');
    write(inVscode, db);
    write(path.join(engines, 'tools_env/pyvenv.cfg'), 'home = /usr/bin\n');
    write(inVenv, db);
    write(witness, db);
    await client.fileEvents([inVscode, path.join(engines, 'tools_env/pyvenv.cfg'), inVenv, witness].map((file) => ({ file, type: FileChange.Created })));
    // One batch: once the witness is published, the others were decided too.
    await client.waitForDiagnostics(witness, (d) => d.length === 1, 'of the witness');
    assert.deepEqual(client.diagnosticsOf(inVscode), []);
    assert.deepEqual(client.diagnosticsOf(inVenv), []);
    const cli = JSON.parse(runCliInProcess(['check', root, '--format', 'json']).stdout) as { violations: { file: string }[] };
    assert.deepEqual([...new Set(cli.violations.map((v) => v.file))].filter((f) => f.includes('L5_engines/')), [
      'backend/app/hoc/cus/integrations/L5_engines/cus_health_engine.py',
      'backend/app/hoc/cus/integrations/L5_engines/dispatcher.py',
      'backend/app/hoc/cus/integrations/L5_engines/witness.py',
    ]);

    // A folder of checked files turns into a virtualenv: its files are no longer the project's.
    const later = path.join(engines, 'later/x.py');
    write(later, db);
    await client.fileEvents([{ file: later, type: FileChange.Created }]);
    await client.waitForDiagnostics(later, (d) => d.length === 1, 'before the folder is a virtualenv');
    write(path.join(engines, 'later/pyvenv.cfg'), 'home = /usr/bin\n');
    const since = client.published.length;
    await client.fileEvents([{ file: path.join(engines, 'later/pyvenv.cfg'), type: FileChange.Created }]);
    await client.waitForDiagnostics(later, (d) => d.length === 0, 'once the folder is a virtualenv', since);
  } finally {
    await client.stop();
  }
});

test('a folder reported created that turns out to be a virtualenv drops the files the server had read in it', async () => {
  // As when a copy of a folder holding a virtualenv is read half-way, before its pyvenv.cfg arrives.
  const root = copyTree(hocBackend);
  const folder = path.join(root, 'backend/app/hoc/cus/integrations/L5_engines/copied');
  const file = path.join(folder, 'x_engine.py');
  const nested = path.join(root, 'backend/app/hoc/cus/integrations/L5_engines/pasted/env/lib/y_engine.py');
  const client = await LspClient.start([root]);
  try {
    write(file, 'from sqlmodel import Session\n');
    write(nested, 'from sqlmodel import Session\n');
    await client.fileEvents([{ file, type: FileChange.Created }, { file: nested, type: FileChange.Created }]);
    await client.waitForDiagnostics(file, (d) => d.length === 1, 'while it is an ordinary folder');
    await client.waitForDiagnostics(nested, (d) => d.length === 1, 'while it is an ordinary folder');
    write(path.join(folder, 'pyvenv.cfg'), 'home = /usr/bin\n');
    write(path.join(path.dirname(path.dirname(nested)), 'pyvenv.cfg'), 'home = /usr/bin\n');
    const since = client.published.length;
    await client.fileEvents([{ file: folder, type: FileChange.Created }, { file: path.join(root, 'backend/app/hoc/cus/integrations/L5_engines/pasted'), type: FileChange.Created }]);
    await client.waitForDiagnostics(file, (d) => d.length === 0, 'once the folder is a virtualenv', since);
    await client.waitForDiagnostics(nested, (d) => d.length === 0, 'once a folder inside is a virtualenv', since);
  } finally {
    await client.stop();
  }
});

test('a workspace folder below a folder named hoc: discovery never leaves it, nothing outside it gets a diagnostic', async () => {
  const dir = tempTree({
    'hoc/proj/backend/app/hoc/cus/x/L5_engines/mine.py': 'from sqlmodel import Session\n',
    'hoc/other/backend/app/hoc/cus/y/L5_engines/theirs.py': 'from sqlmodel import Session\n',
    'hoc/stray.py': 'from sqlmodel import Session\n',
  });
  const proj = path.join(dir, 'hoc/proj');
  const client = await LspClient.start([proj]);
  try {
    assert.deepEqual(shown(client, dir), { 'hoc/proj/backend/app/hoc/cus/x/L5_engines/mine.py': 1 });
    const topology = await client.request<{ sourceRoots: string[] }>('strata/topology', {});
    assert.deepEqual(topology.sourceRoots.map((u) => path.relative(dir, new URL(u).pathname)), ['hoc/proj/backend']);
  } finally {
    await client.stop();
  }
});

test('an open document in a skipped folder gets no diagnostic either', async () => {
  const root = copyTree(hocBackend);
  const engines = path.join(root, 'backend/app/hoc/cus/integrations/L5_engines');
  const client = await LspClient.start([root]);
  try {
    const skipped = path.join(engines, '.vscode/scratch.py');
    const witness = path.join(engines, 'scratch.py');
    await client.open(skipped, 'from sqlmodel import Session\n');
    await client.open(witness, 'from sqlmodel import Session\n');
    await client.waitForDiagnostics(witness, (d) => d.length === 1, 'of the open witness');
    assert.deepEqual(client.diagnosticsOf(skipped), []);
  } finally {
    await client.stop();
  }
});

test('renaming the folder that holds a source root moves its diagnostics; deleting it clears them', async () => {
  const root = copyTree(hocBackend);
  const client = await LspClient.start([root]);
  try {
    assert.deepEqual(shown(client, root), under('backend', FIXTURE_VIOLATIONS));
    fs.renameSync(path.join(root, 'backend'), path.join(root, 'server'));
    await client.fileEvents([
      { file: path.join(root, 'backend'), type: FileChange.Deleted },
      { file: path.join(root, 'server'), type: FileChange.Created },
    ]);
    await client.waitFor(() => JSON.stringify(shown(client, root)) === JSON.stringify(under('server', FIXTURE_VIOLATIONS)), 5000, 'diagnostics at the new place only');
    const topology = await client.request<{ sourceRoots: string[] }>('strata/topology', {});
    assert.deepEqual(topology.sourceRoots.map((u) => path.relative(root, new URL(u).pathname)), ['server']);

    fs.rmSync(path.join(root, 'server'), { recursive: true });
    await client.fileEvents([{ file: path.join(root, 'server'), type: FileChange.Deleted }]);
    await client.waitFor(() => Object.keys(shown(client, root)).length === 0, 5000, 'no diagnostics once the root is deleted');
    const empty = await client.request<{ sourceRoots: string[]; audiences: unknown[]; domains: unknown[] }>('strata/topology', {});
    assert.deepEqual([empty.sourceRoots, empty.audiences, empty.domains], [[], [], []]);

    fs.cpSync(path.join(hocBackend, 'backend'), path.join(root, 'backend'), { recursive: true });
    await client.fileEvents([{ file: path.join(root, 'backend'), type: FileChange.Created }]);
    await client.waitFor(() => JSON.stringify(shown(client, root)) === JSON.stringify(under('backend', FIXTURE_VIOLATIONS)), 5000, 'the root back');
  } finally {
    await client.stop();
  }
});

test('a marker folder left without Python marks no source root any more, as for the CLI', async () => {
  const root = tempTree({ 'backend/app/hoc/cus/x/L5_engines/a.py': 'from sqlmodel import Session\n', 'backend/app/models/m.py': 'X = 1\n' });
  const last = path.join(root, 'backend/app/hoc/cus/x/L5_engines/a.py');
  const client = await LspClient.start([root]);
  try {
    await client.waitForDiagnostics(last, (d) => d.length === 1, 'of the only layered file');
    fs.rmSync(last);
    await client.fileEvents([{ file: last, type: FileChange.Deleted }]);
    await client.waitForDiagnostics(last, (d) => d.length === 0, 'once deleted');
    const topology = await client.request<{ sourceRoots: string[] }>('strata/topology', {});
    assert.deepEqual(topology.sourceRoots, []);
    assert.equal(runCliInProcess(['check', root]).code, 2);
  } finally {
    await client.stop();
  }
});

test('a workspace folder deleted while indexing leaves no phantom file and no diagnostic; it indexes again when it is back', async () => {
  const root = copyTree(hocBackend);
  for (let k = 0; k < 400; k++) {
    write(path.join(root, `backend/app/hoc/cus/churn/L5_engines/churn_${k}.py`), 'from app.models.cus_models import CusIntegration\n' + '# filler line\n'.repeat(200));
  }
  const client = new LspClient();
  try {
    await client.initialize([root]);
    await client.waitFor(() => client.progress.some((p) => p.value.kind === 'begin'), 20000, 'indexing to begin');
    fs.rmSync(root, { recursive: true });
    await client.fileEvents([{ file: root, type: FileChange.Deleted }]);
    await client.indexed();
    await client.waitFor(() => Object.keys(shown(client, root)).length === 0, 10000, 'no diagnostics of deleted files');
    const topology = await client.request<{ sourceRoots: string[]; audiences: unknown[]; domains: unknown[]; indexing: boolean }>('strata/topology', {});
    assert.deepEqual([topology.sourceRoots, topology.audiences, topology.domains, topology.indexing], [[], [], [], false]);

    fs.cpSync(hocBackend, root, { recursive: true });
    await client.fileEvents([{ file: path.join(root, 'backend'), type: FileChange.Created }]);
    await client.waitFor(() => JSON.stringify(shown(client, root)) === JSON.stringify(under('backend', FIXTURE_VIOLATIONS)), 5000, 'the fixture indexed again');
    const back = await client.request<{ domains: { fileCount: number }[] }>('strata/topology', {});
    const listed = back.domains.reduce((n, d) => n + d.fileCount, 0);
    // The fixture's 55 modules other than __init__.py, less the two models outside every domain.
    assert.equal(listed, 53, 'exactly the files on disk, none of the 400 deleted ones');
  } finally {
    await client.stop();
  }
});
