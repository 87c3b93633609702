import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FileInfoResult, TopologyResult, WiringMapResult } from '../../server/src/protocol/strataProtocol';
import { LspClient, uri } from '../support/lspClient';
import { fixturesDir } from '../support/paths';

/** The server detects the preset as the CLI does: a workspace with hoc/cus/hoc_spine/ is hoc-v2. */
const v2Backend = path.join(fixturesDir, 'hoc-v2-backend');
const at = (rel: string) => path.join(v2Backend, 'backend', 'app', rel);

test('a V2 workspace gets hoc-v2 in the editor: L4 Spine files, V2 rules in diagnostics, the V2 map', async () => {
  const client = await LspClient.start([v2Backend]);
  try {
    const spine = await client.request<FileInfoResult>('strata/fileInfo', { uri: uri(at('hoc/cus/hoc_spine/drivers/cross_domain.py')) });
    assert.deepEqual([spine.layer?.id, spine.layer?.label, spine.domain, spine.audience], ['L4_spine', 'L4 Spine', 'hoc_spine', 'cus']);
    const driver = await client.waitForDiagnostics(at('hoc/cus/policies/L6_drivers/policy_driver.py'), (d) => d.length > 0, 'policy driver diagnostics');
    assert.deepEqual(driver.diagnostics.map((d) => [d.range.start.line, d.code]), [[0, 'L6-DOMAIN'], [1, 'L6-L5']]);
    const topology = await client.request<TopologyResult>('strata/topology', {});
    const domains = topology.domains.filter((d) => d.audience === 'cus');
    assert.deepEqual(domains.find((d) => d.domain === 'hoc_spine')?.layers.map((l) => l.id), [
      'L2.1_facade', 'L2_api', 'L4_spine', 'L5_engines', 'L5_schemas', 'L5_other', 'L6_drivers', 'L7_models',
    ]);
    const map = await client.request<WiringMapResult>('strata/wiringMap', { audience: 'cus', domain: 'overview' });
    assert.match(map.markdown, /^\*\*Reference:\*\* HOC_LAYER_TOPOLOGY_V2\.0\.0\.md \(RATIFIED\)$/m);
    assert.equal(map.fileName, 'overview.DOMAIN_WIRING_MAP.md');
  } finally {
    await client.stop();
  }
});
