import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFolder } from '../../server/src/host/analyzeFolder';
import { presetRuleset } from '../../server/src/core/ruleset/presets';

const hocV1 = presetRuleset('hoc-v1');
import { engineStem } from '../../server/src/core/topology/engineCounterparts';
import { buildTopology } from '../../server/src/core/topology/buildTopology';
import { tempTree } from '../support/tempTree';

test('engine stems drop .py and one of _engine / _facade', () => {
  assert.equal(engineStem('cus_health_engine.py', hocV1.counterparts!), 'cus_health');
  assert.equal(engineStem('datasources_facade.py', hocV1.counterparts!), 'datasources');
  assert.equal(engineStem('dispatcher.py', hocV1.counterparts!), 'dispatcher');
});

test('a domain with engines only gets the L2 API, L3 adapter and per-engine driver gaps, in order', () => {
  const dir = tempTree({
    'b/app/hoc/cus/billing/L5_engines/threshold_engine.py': 'from sqlmodel import select\n',
    'b/app/hoc/cus/billing/L5_engines/plain.py': 'import json\n',
    'b/app/hoc/cus/billing/L5_engines/__init__.py': 'from sqlmodel import select\n',
  });
  const topology = buildTopology(analyzeFolder(dir, hocV1, { moduleLevelOnly: false }).index);
  const billing = topology.audiences[0].domains[0];
  assert.equal(billing.domain, 'billing');
  assert.deepEqual(billing.layers.find((s) => s.layer.id === 'L5_engines')!.files.map((f) => f.name), ['plain.py', 'threshold_engine.py'], '__init__.py is not listed');
  assert.deepEqual(billing.gaps.map((g) => `${g.type}: ${g.description}`), [
    'L2_api: No L2 API routes but 2 engines exist',
    'L3_adapter: No L3 adapters but 2 L5 engines exist — L2 cannot reach L5',
    'L6_driver: threshold_engine.py has DB imports but no matching L6 driver',
  ]);
  assert.equal(billing.gaps[2].creates, 'hoc/cus/billing/L6_drivers/threshold_driver.py');
});

test('a matching driver closes the engine gap; facades join every domain their name contains', () => {
  const dir = tempTree({
    'b/app/hoc/cus/billing/L5_engines/threshold_engine.py': 'from sqlmodel import select\n',
    'b/app/hoc/cus/billing/L6_drivers/threshold_driver.py': '',
    'b/app/hoc/api/cus/billing/routes.py': '',
    'b/app/hoc/api/cus/alerts/routes.py': '',
    'b/app/hoc/api/facades/cus/billing_alerts.py': '',
  });
  const topology = buildTopology(analyzeFolder(dir, hocV1, { moduleLevelOnly: false }).index);
  const [alerts, billing] = topology.audiences[0].domains;
  assert.equal(billing.engines[0].drivers[0].name, 'threshold_driver.py');
  assert.deepEqual(billing.gaps.map((g) => g.type), ['L3_adapter', 'L7_models']);
  assert.deepEqual(alerts.layers[0].files.map((f) => f.name), ['billing_alerts.py']);
  assert.deepEqual(billing.layers[0].files.map((f) => f.name), ['billing_alerts.py']);
});

test('layer files are ordered by path, byte-wise (uppercase first)', () => {
  const dir = tempTree({
    'b/app/hoc/cus/x/L3_adapters/alerts.py': '',
    'b/app/hoc/cus/x/L3_adapters/M25_integrations.py': '',
    'b/app/hoc/cus/x/L3_adapters/sub/zed.py': '',
    'b/app/hoc/cus/x/L3_adapters/sub_b.py': '',
  });
  const topology = buildTopology(analyzeFolder(dir, hocV1, { moduleLevelOnly: false }).index);
  const adapters = topology.audiences[0].domains[0].layers.find((s) => s.layer.id === 'L3_adapters')!.files.map((f) => f.file.identity.relPath.split('L3_adapters/')[1]);
  assert.deepEqual(adapters, ['M25_integrations.py', 'alerts.py', 'sub/zed.py', 'sub_b.py']);
});
