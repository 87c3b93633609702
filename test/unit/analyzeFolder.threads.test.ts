import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFolder } from '../../server/src/host/analyzeFolder';
import { presetRuleset } from '../../server/src/core/ruleset/presets';

const hocV1 = presetRuleset('hoc-v1');
import { violationRecords } from '../../server/src/core/report/violationRecord';
import { buildTopology } from '../../server/src/core/topology/buildTopology';
import { renderWiringMap } from '../../server/src/core/report/wiringMap';
import { hocBackend } from '../support/paths';
import { tempTree } from '../support/tempTree';

function outcome(folder: string, threads: 'auto' | 1 | 2 | 'worker'): { text: string; workerChunks: number } {
  const { index, warnings, workerChunks } = analyzeFolder(folder, hocV1, { moduleLevelOnly: false }, undefined, threads);
  const integrations = buildTopology(index).audiences[0]?.domains.find((d) => d.domain === 'integrations');
  return {
    text: JSON.stringify({
      files: index.files().map((f) => [f.identity.module, f.scan, f.imports.map((i) => i.targets), f.skipped]),
      violations: violationRecords(index, folder),
      map: integrations ? renderWiringMap(integrations, hocV1) : '',
      warnings,
    }),
    workerChunks,
  };
}

/** Large trees scan on two threads; the result must be the same, byte for byte, as on one. */
test('the worker thread scans every chunk and the analysis is exactly that of one thread', () => {
  const one = outcome(hocBackend, 1);
  assert.ok(one.text.includes('cus_health_engine'));
  assert.equal(one.workerChunks, 0);
  // 64 files in chunks of 8: all 8 through the worker and its encoder/decoder.
  const worker = outcome(hocBackend, 'worker');
  assert.equal(worker.workerChunks, 8);
  assert.equal(worker.text, one.text);
  // Both threads at once, whoever scans what.
  assert.equal(outcome(hocBackend, 2).text, one.text);
});

test('files the worker cannot scan (binary, too large) and odd ones (latin-1, broken, lazy, ignored, relative) reach the index as on one thread', () => {
  const files: Record<string, string | Buffer> = {
    'b/app/hoc/cus/d/L5_engines/binary.py': Buffer.from([0x69, 0x00, 0x6d, 0x70]),
    'b/app/hoc/cus/d/L5_engines/big.py': 'from sqlmodel import Session\n' + '#'.repeat(5 * 1024 * 1024 + 10),
    'b/app/hoc/cus/d/L5_engines/latin1.py': Buffer.from('# caf\xe9\nfrom app.db import x\n', 'latin1'),
    'b/app/hoc/cus/d/L5_engines/broken.py': 'from (((\nimport app.models.m\nif TYPE_CHECKING:\n    from sqlalchemy import y\n"""never closed\n',
    'b/app/hoc/cus/d/L5_engines/lazy.py': 'def f():\n    from app.models.m import Row  # strata: ignore[L5-L7]\n    import app.db.session as s\n',
    'b/app/hoc/cus/d/L5_engines/relative.py': 'from app.models.m import Ω as omega\nfrom . import sibling\nfrom ..L6_drivers import x_driver\n',
  };
  for (let k = 0; k < 20; k++) files[`b/app/hoc/cus/d/L3_adapters/a${k}.py`] = `from sqlalchemy import t${k}\n` + 'x = 1\n'.repeat(k);
  const dir = tempTree(files);
  const one = outcome(dir, 1);
  // 26 files in chunks of 8: 4 chunks, all through the worker.
  const worker = outcome(dir, 'worker');
  assert.equal(worker.workerChunks, 4);
  assert.equal(worker.text, one.text);
  const { index, warnings } = analyzeFolder(dir, hocV1, { moduleLevelOnly: false }, undefined, 'worker');
  assert.deepEqual(index.files().filter((f) => f.skipped).map((f) => f.identity.module).sort(), ['app.hoc.cus.d.L5_engines.big', 'app.hoc.cus.d.L5_engines.binary']);
  assert.equal(warnings.length, 2);
  assert.equal(violationRecords(index, dir).length, 20 + 1 + 1 + 1 + 1, 'the adapters, latin1, broken (before the damage), lazy (the unignored one), relative');
});

test('STRATA_SCAN_THREADS overrides the default (one thread), not a caller\'s explicit choice', () => {
  const one = outcome(hocBackend, 1);
  assert.equal(outcome(hocBackend, 'auto').workerChunks, 0);
  try {
    process.env.STRATA_SCAN_THREADS = '2';
    assert.equal(outcome(hocBackend, 'auto').text, one.text);
    process.env.STRATA_SCAN_THREADS = 'worker';
    const worker = outcome(hocBackend, 'auto');
    assert.equal(worker.workerChunks, 8);
    assert.equal(worker.text, one.text);
    process.env.STRATA_SCAN_THREADS = '1';
    assert.equal(outcome(hocBackend, 'worker').workerChunks, 8);
  } finally {
    delete process.env.STRATA_SCAN_THREADS;
  }
});
