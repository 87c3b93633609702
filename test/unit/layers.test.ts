import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayerModel } from '../../server/src/core/layers/layerModel';
import { checkMeaning } from '../../server/src/core/config/checkMeaning';
import { PRESETS, presetRuleset } from '../../server/src/core/ruleset/presets';

const hocV1 = presetRuleset('hoc-v1');

const model = new LayerModel(hocV1);
const layerOf = (p: string) => model.classifyPath(p).layer?.id;

test('each layer row of the ruleset classifies its paths', () => {
  const cases: [string, string | undefined][] = [
    ['app/hoc/api/facades/cus/integrations.py', 'L2.1_facade'],
    ['app/hoc/api/cus/integrations/cus_telemetry.py', 'L2_api'],
    ['app/hoc/api/fdr/ops/x.py', 'L2_api'],
    ['app/hoc/api/int/agents/x.py', 'L2_api'],
    ['app/hoc/cus/integrations/L3_adapters/slack_adapter.py', 'L3_adapters'],
    ['app/hoc/cus/general/L4_runtime/run_governor.py', 'L4_runtime'],
    ['app/hoc/cus/integrations/L5_engines/dispatcher.py', 'L5_engines'],
    ['app/hoc/cus/integrations/L5_schemas/x.py', 'L5_schemas'],
    ['app/hoc/cus/integrations/L5_workflow/x.py', 'L5_other'],
    ['app/hoc/cus/integrations/L6_drivers/x.py', 'L6_drivers'],
    ['app/models/cus_models.py', 'L7_models'],
    ['app/main.py', undefined],
    ['app/hoc/cus/integrations/helpers/x.py', undefined],
  ];
  for (const [p, layer] of cases) assert.equal(layerOf(p), layer, p);
});

test('first match wins: L5_vault/drivers/ is L5 Other, not a driver', () => {
  assert.equal(layerOf('app/hoc/cus/integrations/L5_vault/drivers/vault.py'), 'L5_other');
  assert.equal(layerOf('app/hoc/api/facades/cus/L6_drivers/x.py'), 'L2.1_facade');
});

test('audience and domain come from hoc/<audience>/<domain>/ and hoc/api/<audience>/<domain>/', () => {
  assert.deepEqual(pick(model.classifyPath('app/hoc/cus/integrations/L5_engines/credentials/protocol.py')), { audience: 'cus', domain: 'integrations' });
  assert.deepEqual(pick(model.classifyPath('app/hoc/api/fdr/ops/routes.py')), { audience: 'fdr', domain: 'ops' });
  assert.deepEqual(pick(model.classifyPath('app/models/cus_models.py')), { audience: undefined, domain: 'shared' });
  assert.deepEqual(pick(model.classifyPath('app/hoc/xyz/integrations/L5_engines/a.py')), { audience: undefined, domain: undefined });
});

test('a facade names its domains by its file name', () => {
  const p = model.classifyPath('app/hoc/api/facades/cus/integrations_and_activity.py');
  assert.equal(p.audience, 'cus');
  assert.equal(p.domain, undefined);
  assert.equal(p.groupingStem, 'integrations_and_activity');
});

test('modules classify like the files inside them, whether or not they exist', () => {
  assert.equal(model.classifyModule('app.models').layer?.id, 'L7_models');
  assert.equal(model.classifyModule('app.models.cus_models').layer?.id, 'L7_models');
  assert.equal(model.classifyModule('app.hoc.cus.activity.L5_engines').layer?.id, 'L5_engines');
  assert.equal(model.classifyModule('app.hoc.cus.activity.L5_engines').domain, 'activity');
  assert.equal(model.classifyModule('app.modelsx').layer, undefined);
  assert.equal(model.classifyModule('sqlmodel').layer, undefined);
});

test('target matchers: modules match themselves and below, name prefixes match raw text', () => {
  assert.equal(model.targetMatches({ modules: ['sqlmodel'] }, 'sqlmodel'), true);
  assert.equal(model.targetMatches({ modules: ['sqlmodel'] }, 'sqlmodel.orm'), true);
  assert.equal(model.targetMatches({ modules: ['sqlmodel'] }, 'sqlmodels'), false);
  assert.equal(model.targetMatches({ namePrefixes: ['app.db'] }, 'app.db_async'), true);
  assert.equal(model.targetMatches({ namePrefixes: ['app.db'] }, 'app.session'), false);
  assert.equal(model.targetMatches({ layers: ['L7_models'] }, 'app.models.x'), true);
});

test("both presets mean what they say, by the config loader's own check: every id named exists, every glob compiles and can match", () => {
  for (const name of Object.keys(PRESETS)) assert.deepEqual(checkMeaning(PRESETS[name]), [], name);
});

function pick(p: { audience?: string; domain?: string }) {
  return { audience: p.audience, domain: p.domain };
}

test('domain-paths: a file or target in no layer still has the domain its path names (V2: "any module under app.hoc of another domain")', () => {
  const v2 = new LayerModel(presetRuleset('hoc-v2'));
  assert.deepEqual(pick(v2.classifyModule('app.hoc.cus.account.adapters.legacy')), { audience: 'cus', domain: 'account' });
  assert.equal(v2.classifyModule('app.hoc.cus.account.adapters.legacy').layer, undefined);
  const driver = v2.classifyPath('app/hoc/cus/policies/L6_drivers/policy_driver.py');
  const l6Domain = v2.rulesFor('L6_drivers').find((r) => r.id === 'L6-DOMAIN')!.forbid[0];
  assert.equal(v2.targetMatches(l6Domain, 'app.hoc.cus.account.adapters.legacy', driver), true);
  assert.equal(v2.targetMatches(l6Domain, 'app.hoc.cus.policies.adapters.legacy', driver), false);
  assert.deepEqual(pick(model.classifyPath('app/hoc/cus/integrations/helpers/x.py')), { audience: 'cus', domain: 'integrations' });
  assert.deepEqual(pick(model.classifyPath('app/hoc/api/facades/x.py')), { audience: undefined, domain: undefined });
});
