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

test('hoc-v2\'s "Open L4 handler": the spine file that already imports the target, for L2-L5 and DOMAIN-002; none when no spine file imports it', async () => {
  const client = await LspClient.start([v2Backend]);
  try {
    const coordinator = at('hoc/cus/hoc_spine/orchestrator/coordinator.py');
    const spineImport = { start: { line: 0, character: 0 }, end: { line: 0, character: 74 } };
    const titlesFor = async (rel: string, rule: string) => {
      const file = at(rel);
      const published = await client.waitForDiagnostics(file, (d) => d.some((x) => x.code === rule), `${rule} in ${rel}`);
      const diagnostic = published.diagnostics.find((d) => d.code === rule)!;
      const actions = await client.codeActions(file, diagnostic.range, [diagnostic]);
      return actions.map((a) => [a.title, a.command?.command, a.command?.arguments]);
    };
    assert.deepEqual(await titlesFor('hoc/api/cus/incidents/incidents.py', 'L2-L5'), [
      ['Open L4 handler `coordinator.py`', 'strata.server.openFile', [uri(coordinator), { selection: spineImport }]],
      ['Ignore here: `# strata: ignore[L2-L5]`', undefined, undefined],
    ]);
    assert.deepEqual((await titlesFor('hoc/cus/policies/L5_engines/policy_engine.py', 'DOMAIN-002'))[0], [
      'Open L4 handler `coordinator.py`', 'strata.server.openFile', [uri(coordinator), { selection: spineImport }],
    ]);
    // No spine file imports the driver: no handler to open.
    assert.ok(!(await titlesFor('hoc/api/cus/incidents/incidents.py', 'L2-L6')).some(([title]) => String(title).startsWith('Open L4 handler')));
  } finally {
    await client.stop();
  }
});
