import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFolder } from '../../server/src/core/analysis/analyzeFolder';
import { hocV1 } from '../../server/src/core/ruleset/hocV1';
import { violationRecords } from '../../server/src/core/report/violationRecord';
import { buildTopology } from '../../server/src/core/topology/buildTopology';
import { renderWiringMap } from '../../server/src/core/report/wiringMap';
import { hocBackend } from '../support/paths';

/** Large trees scan on two threads; the result must be the same, byte for byte, as on one. */
test('two scanning threads give exactly the analysis of one', () => {
  const outcome = (threads: 1 | 2) => {
    const { index, warnings } = analyzeFolder(hocBackend, hocV1, { moduleLevelOnly: false }, undefined, threads);
    const integrations = buildTopology(index).audiences[0].domains.find((d) => d.domain === 'integrations')!;
    return JSON.stringify({
      files: index.files().map((f) => [f.identity.module, f.scan, f.imports.map((i) => i.targets)]),
      violations: violationRecords(index, hocBackend),
      map: renderWiringMap(integrations, hocV1),
      warnings,
    });
  };
  const one = outcome(1);
  assert.ok(one.includes('cus_health_engine'));
  assert.equal(outcome(2), one);
});
