import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePathGlob, type GlobCaptures } from '../../server/src/core/ruleset/pathGlob';

function matcher(source: string): (path: string) => GlobCaptures | undefined {
  const result = compilePathGlob(source);
  if (!result.ok) throw new Error(result.error);
  return (p) => result.glob.match(p);
}

test('* matches within one segment only', () => {
  const m = matcher('app/*/x.py');
  assert.deepEqual(m('app/billing/x.py'), {});
  assert.equal(m('app/billing/deep/x.py'), undefined);
  assert.equal(m('app/x.py'), undefined);
  assert.deepEqual(matcher('app/*_engine.py')('app/cus_health_engine.py'), {});
  assert.deepEqual(matcher('app/*_engine.py')('app/_engine.py'), {});
  assert.equal(matcher('app/*_engine.py')('app/engine.py'), undefined);
});

test('a leading or middle ** matches zero or more segments; a trailing one, one or more', () => {
  const leading = matcher('**/L5_engines/**');
  assert.deepEqual(leading('L5_engines/x.py'), {});
  assert.deepEqual(leading('app/hoc/cus/billing/L5_engines/x.py'), {});
  assert.deepEqual(leading('app/L5_engines/sub/x.py'), {});
  assert.equal(leading('app/L5_engines'), undefined, 'the folder itself is not inside it');
  assert.equal(leading('app/xL5_engines/x.py'), undefined, 'a segment matches whole');
  const middle = matcher('app/**/models.py');
  assert.deepEqual(middle('app/models.py'), {});
  assert.deepEqual(middle('app/a/b/models.py'), {});
  assert.equal(middle('app/a/b/models.pyc'), undefined);
  assert.deepEqual(matcher('**')('a/b.py'), {});
});

test('{domain} and {audience} capture a segment or part of one', () => {
  const layer = matcher('**/hoc/{audience}/{domain}/**/L5_engines/**');
  assert.deepEqual(layer('app/hoc/cus/account/auth/L5_engines/x.py'), { audience: 'cus', domain: 'account' });
  assert.deepEqual(layer('app/hoc/fdr/ops/L5_engines/x.py'), { audience: 'fdr', domain: 'ops' });
  assert.equal(layer('app/hoc/cus/L5_engines/x.py'), undefined, 'a capture is never empty');
  const facade = matcher('app/hoc/api/facades/{audience}/{domain}.py');
  assert.deepEqual(facade('app/hoc/api/facades/cus/overview.py'), { audience: 'cus', domain: 'overview' });
  assert.equal(facade('app/hoc/api/facades/cus/sub/overview.py'), undefined);
  assert.deepEqual(matcher('shop/{domain}_svc/**')('shop/orders_svc/a.py'), { domain: 'orders' });
});

test('regular-expression characters in a glob are literal', () => {
  assert.deepEqual(matcher('app/L2.1_facade/(x)+.py')('app/L2.1_facade/(x)+.py'), {});
  assert.equal(matcher('app/L2.1_facade/x.py')('app/L2x1_facade/x.py'), undefined);
});

test('invalid globs are error values, never exceptions', () => {
  const errors: [string, RegExp][] = [
    ['', /empty/],
    ['/app/**', /relative/],
    ['app//x', /empty folder name/],
    ['app/', /empty folder name/],
    ['app\\x', /"\/"/],
    ['app/a**b/x', /whole folder name/],
    ['app/**/**/x', /says nothing more/],
    ['{domain}/x/{domain}.py', /\{domain\} is used twice/],
    ['{audience}/{audience}', /\{audience\} is used twice/],
    ['app/{layer}/x', /unknown capture "\{layer\}"/],
    ['app/{domain/x', /without "\}"/],
    ['app/domain}/x', /without "\{"/],
    ['app/*{domain}/x', /side by side/],
    ['app/{audience}{domain}/x', /side by side/],
  ];
  for (const [source, message] of errors) {
    const result = compilePathGlob(source);
    assert.equal(result.ok, false, source);
    if (!result.ok) {
      assert.match(result.error, message, source);
      assert.equal(result.source, source);
    }
  }
  assert.equal(compilePathGlob(42 as unknown as string).ok, false);
});
