import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayerModel } from '../../server/src/core/layers/layerModel';
import { compileRuleset } from '../../server/src/core/ruleset/compileRuleset';
import type { RulesetConfig } from '../../server/src/core/ruleset/rulesetConfig';

const CONFIG: RulesetConfig = {
  audiences: { web: { name: 'WEB' } },
  layers: {
    api: { paths: ['src/{audience}/{domain}/api/**'] },
    core: { label: 'Core', paths: ['src/{audience}/{domain}/core/**', 'src/shared/**'], domain: 'shared' },
    broken: { paths: ['src/{domain}/{domain}/**'] },
  },
  rules: {
    a: { from: ['api'], forbid: [{ modules: ['db', 'cache*'] }] },
    b: { from: ['api'], forbid: [{ layers: ['core'] }], severity: 'warning', lazy: false, 'type-checking': true, message: 'no', fix: 'yes' },
    off: { from: ['api'], forbid: [{ layers: ['api'] }], enabled: false },
  },
};

test('compileRuleset fills in the defaults a config may leave out', () => {
  const ruleset = compileRuleset(CONFIG);
  assert.deepEqual(
    ruleset.layers.map((l) => [l.id, l.label, l.heading, l.role, l.paths.length, l.domain, l.groupsDomains]),
    [
      ['api', 'api', 'api', '', 1, undefined, false],
      ['core', 'Core', 'Core', '', 2, 'shared', false],
      // An invalid glob (the loader reports it, with its position) matches nothing rather than throwing.
      ['broken', 'broken', 'broken', '', 0, undefined, false],
    ],
  );
  assert.deepEqual(
    ruleset.rules.map((r) => [r.id, r.forbid, r.except, r.message, r.fix, r.lazy, r.typeChecking, r.severity, r.ignoreFiles.length]),
    [
      ['a', [{ modules: ['db'], namePrefixes: ['cache'] }], [], 'a', '', true, false, 'error', 0],
      ['b', [{ layers: ['core'] }], [], 'no', 'yes', false, true, 'warning', 0],
    ],
  );
  assert.deepEqual(ruleset.unlistedFileNames, ['__init__.py']);
  assert.equal(ruleset.counterparts, undefined);
  assert.deepEqual(ruleset.map.rows.map((r) => [r.layer, r.style, r.level, r.label, r.present, r.gap, r.list]), [
    ['api', 'branch', 0, 'api', '({count} files)', '— **GAP** (0 files)', Infinity],
    ['core', 'branch', 1, 'Core', '({count} files)', '— **GAP** (0 files)', Infinity],
    ['broken', 'branch', 2, 'broken', '({count} files)', '— **GAP** (0 files)', Infinity],
  ]);
  assert.equal(ruleset.map.title, '# {Domain} — Wiring Map');
});

test('an {audience} capture must be a declared audience; a later glob or layer may still place the file', () => {
  const model = new LayerModel(compileRuleset(CONFIG));
  assert.deepEqual(model.classifyPath('src/web/shop/api/x.py'), { layer: model.layer('api'), audience: 'web', domain: 'shop' });
  assert.deepEqual(model.classifyPath('src/mobile/shop/api/x.py'), {});
  assert.deepEqual(model.classifyPath('src/shared/util.py'), { layer: model.layer('core'), domain: 'shared' });
});

test('domain = same | other compares audience and domain; a target or importer without a domain is neither', () => {
  const model = new LayerModel(compileRuleset(CONFIG));
  const importer = model.classifyPath('src/web/shop/api/x.py');
  assert.equal(model.targetMatches({ domain: 'other' }, 'src.web.billing.core.y', importer), true);
  assert.equal(model.targetMatches({ domain: 'same' }, 'src.web.billing.core.y', importer), false);
  assert.equal(model.targetMatches({ domain: 'same' }, 'src.web.shop.core.y', importer), true);
  assert.equal(model.targetMatches({ domain: 'other' }, 'src.web.shop.core.y', importer), false);
  assert.equal(model.targetMatches({ domain: 'other' }, 'requests', importer), false);
  assert.equal(model.targetMatches({ domain: 'same' }, 'requests', importer), false);
  assert.equal(model.targetMatches({ domain: 'other' }, 'src.web.billing.core.y', {}), false);
  assert.equal(model.targetMatches({ layers: ['core'], domain: 'other' }, 'src.web.billing.api.y', importer), false, 'every key given must hold');
});
