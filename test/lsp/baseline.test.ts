import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TopologyResult } from '../../server/src/protocol/strataProtocol';
import { FileChange, LspClient, type Diagnostic } from '../support/lspClient';
import { runCliInProcess } from '../support/runCliInProcess';
import { tempTree } from '../support/tempTree';

const ENGINE = 'b/app/hoc/cus/x/L5_engines/a.py';

const domainX = async (client: LspClient) => {
  const topology = await client.request<TopologyResult>('strata/topology', {});
  const x = topology.domains.find((d) => d.domain === 'x')!;
  return { version: topology.version, violationCount: x.violationCount, baselinedCount: x.baselinedCount, violations: x.violations.map((v) => `${v.range.start.line}:${v.rule}:${v.baselined}`) };
};

const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.code}:${d.severity}`).sort();

test('violations the baseline knows show as Information (strata.baselineSeverity: hint, none), new ones as errors', async () => {
  const root = tempTree({
    'pyproject.toml': '',
    [ENGINE]: 'import sqlalchemy\nfrom app.models import m\n',
    'b/app/models/m.py': '',
  });
  assert.equal(runCliInProcess(['check', root, '--write-baseline']).code, 0);
  const file = path.join(root, ENGINE);
  // A new violation above the known ones: every line shifts, the known ones stay known.
  fs.writeFileSync(file, 'import sqlmodel\n' + fs.readFileSync(file, 'utf8'));
  const client = await LspClient.start([root]);
  try {
    await client.waitForDiagnostics(file, (d) => d.length === 3, 'the initial diagnostics');
    assert.deepEqual(shown(client.diagnosticsOf(file)), ['0:L5-sqlmodel:1', '1:L5-sqlalchemy:3', '2:L5-L7:3']);
    // The tree counts them apart.
    const before = await domainX(client);
    assert.deepEqual({ ...before, version: 0 }, { version: 0, violationCount: 1, baselinedCount: 2, violations: ['0:L5-sqlmodel:false', '1:L5-sqlalchemy:true', '2:L5-L7:true'] });

    await client.configure({ baselineSeverity: 'hint' });
    await client.waitForDiagnostics(file, (d) => shown(d).join() === '0:L5-sqlmodel:1,1:L5-sqlalchemy:4,2:L5-L7:4', 'hints');
    await client.configure({ baselineSeverity: 'none' });
    await client.waitForDiagnostics(file, (d) => shown(d).join() === '0:L5-sqlmodel:1', 'only the new one');

    // Writing the baseline again (a changed file on disk) makes the new one known too.
    await client.configure({ baselineSeverity: 'information' });
    assert.equal(runCliInProcess(['check', root, '--write-baseline']).code, 0);
    await client.fileEvents([{ file: path.join(root, 'strata-baseline.json'), type: FileChange.Changed }]);
    await client.waitForDiagnostics(file, (d) => shown(d).join() === '0:L5-sqlmodel:3,1:L5-sqlalchemy:3,2:L5-L7:3', 'all known');
    const after = await domainX(client);
    assert.ok(after.version > before.version, 'a new topology version');
    assert.deepEqual([after.violationCount, after.baselinedCount], [0, 3]);

    // In an editor, a line typed above keeps them known; a second copy of a known import is new.
    await client.open(file);
    await client.change(file, '\n' + fs.readFileSync(file, 'utf8') + 'import sqlmodel\n');
    await client.waitForDiagnostics(file, (d) => shown(d).join() === '1:L5-sqlmodel:3,2:L5-sqlalchemy:3,3:L5-L7:3,4:L5-sqlmodel:1', 'after typing');
  } finally {
    await client.stop();
  }
});

test('a broken baseline: the server logs the message strata check prints, counts no violation as known, and reads the fixed one', async () => {
  const root = tempTree({
    'pyproject.toml': '',
    [ENGINE]: 'import sqlalchemy\nfrom app.models import m\n',
    'b/app/models/m.py': '',
    'strata-baseline.json': '{"version": 1, "violations": [{"file": 3}]}',
  });
  const file = path.join(root, ENGINE);
  const client = await LspClient.start([root]);
  try {
    await client.waitForDiagnostics(file, (d) => d.length === 2, 'the initial diagnostics');
    assert.deepEqual(shown(client.diagnosticsOf(file)), ['0:L5-sqlalchemy:1', '1:L5-L7:1']);
    const message = `Strata: the baseline ${path.join(root, 'strata-baseline.json')}: entry 1 needs file, rule, target, statement (strings) and count (a positive integer)`;
    await client.waitFor(() => client.logs.includes(message), 10000, 'the broken baseline in the log');

    fs.rmSync(path.join(root, 'strata-baseline.json'));
    assert.equal(runCliInProcess(['check', root, '--write-baseline']).code, 0);
    await client.fileEvents([{ file: path.join(root, 'strata-baseline.json'), type: FileChange.Changed }]);
    await client.waitForDiagnostics(file, (d) => shown(d).join() === '0:L5-sqlalchemy:3,1:L5-L7:3', 'both known');
  } finally {
    await client.stop();
  }
});

test('an ignore comment that silences nothing, known to the baseline, shows as Information, as strata check counts it known', async () => {
  const root = tempTree({
    'pyproject.toml': '',
    [ENGINE]: 'import json  # strata: ignore[L5-DB]\n',
  });
  assert.equal(runCliInProcess(['check', root, '--write-baseline']).code, 0);
  const file = path.join(root, ENGINE);
  // A second unused ignore, written after the baseline: a new finding, a warning.
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8') + 'import os  # strata: ignore[L5-L7]\n');
  const cli = JSON.parse(runCliInProcess(['check', root, '--format', 'json']).stdout) as { violations: { line: number; rule: string; baselined: boolean }[] };
  assert.deepEqual(cli.violations.map((v) => `${v.line}:${v.rule}:${v.baselined}`), ['1:unused-ignore:true', '2:unused-ignore:false']);
  const client = await LspClient.start([root]);
  try {
    await client.waitForDiagnostics(file, (d) => d.length === 2, 'the two unused ignores');
    assert.deepEqual(shown(client.diagnosticsOf(file)), ['0:unused-ignore:3', '1:unused-ignore:2']);
    await client.configure({ baselineSeverity: 'none' });
    await client.waitForDiagnostics(file, (d) => shown(d).join() === '1:unused-ignore:2', 'only the new one');
  } finally {
    await client.stop();
  }
});
