import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFolder } from '../../server/src/host/analyzeFolder';
import { presetRuleset } from '../../server/src/core/ruleset/presets';

const hocV1 = presetRuleset('hoc-v1');
import { tempTree } from '../support/tempTree';
import type { ImportStatement } from '../../server/src/core/extract/python/importStatement';
import { moduleIdentity, packageOf, resolveRelative } from '../../server/src/core/resolve/moduleNames';
import { ModuleSet } from '../../server/src/core/resolve/moduleSet';
import { resolveImports } from '../../server/src/core/resolve/resolveImports';

const span = { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } };

function fromImport(level: number, module: string, names: string[]): ImportStatement {
  return {
    kind: 'from', level, module, moduleSpan: span, span, typeCheckingOnly: false, scope: 'module', text: '',
    names: names.map((name) => ({ name, span })),
  };
}

test('module names: dotted paths from the source root; __init__.py is its package', () => {
  assert.deepEqual(moduleIdentity('/w/backend', '/w/backend/app/hoc/cus/x/L5_engines/y.py'), {
    relPath: 'app/hoc/cus/x/L5_engines/y.py', module: 'app.hoc.cus.x.L5_engines.y', isPackageInit: false,
  });
  assert.deepEqual(moduleIdentity('/w/backend', '/w/backend/app/hoc/__init__.py'), { relPath: 'app/hoc/__init__.py', module: 'app.hoc', isPackageInit: true });
});

test('relative imports climb from the importing package', () => {
  const engine = moduleIdentity('/r', '/r/app/hoc/cus/x/L3_adapters/a.py');
  assert.equal(packageOf(engine), 'app.hoc.cus.x.L3_adapters');
  assert.equal(resolveRelative(packageOf(engine), 1, 'b'), 'app.hoc.cus.x.L3_adapters.b');
  assert.equal(resolveRelative(packageOf(engine), 2, 'L5_engines.d'), 'app.hoc.cus.x.L5_engines.d');
  assert.equal(resolveRelative(packageOf(engine), 2, ''), 'app.hoc.cus.x');
  const init = moduleIdentity('/r', '/r/app/hoc/__init__.py');
  assert.equal(resolveRelative(packageOf(init), 1, 'cus'), 'app.hoc.cus');
  assert.equal(resolveRelative('app', 2, 'x'), undefined, 'above the top package');
});

test('from M import a targets M.a when the workspace has that module or package (namespace packages too)', () => {
  const modules = new ModuleSet();
  modules.add('app.hoc.cus.x.L5_engines.engine_a'); // L5_engines has no __init__.py: still a package
  const me = moduleIdentity('/r', '/r/app/hoc/api/cus/x/routes.py');
  const [pkg, leaf, none] = resolveImports(me, [
    fromImport(0, 'app.hoc.cus.x', ['L5_engines']),
    fromImport(0, 'app.hoc.cus.x.L5_engines', ['engine_a', 'helper']),
    fromImport(0, 'app.hoc.cus.x.L5_engines.engine_a', ['*']),
  ], modules);
  assert.deepEqual(pkg.targets.map((t) => t.module), ['app.hoc.cus.x', 'app.hoc.cus.x.L5_engines']);
  assert.deepEqual(leaf.targets.map((t) => t.module), ['app.hoc.cus.x.L5_engines', 'app.hoc.cus.x.L5_engines.engine_a']);
  assert.deepEqual(none.targets.map((t) => t.module), ['app.hoc.cus.x.L5_engines.engine_a']);
});

test('from . import x resolves the names against the package, and a climb above the top is a problem', () => {
  const modules = new ModuleSet();
  modules.add('app.hoc.cus.x.L3_adapters.b');
  const me = moduleIdentity('/r', '/r/app/hoc/cus/x/L3_adapters/a.py');
  const [dot, above] = resolveImports(me, [fromImport(1, '', ['b']), fromImport(9, 'z', ['q'])], modules);
  assert.deepEqual(dot.targets.map((t) => t.module), ['app.hoc.cus.x.L3_adapters', 'app.hoc.cus.x.L3_adapters.b']);
  assert.deepEqual(above.targets, []);
  assert.match(above.problem ?? '', /above the top package/);
});

test('the module set keeps shared parents until their last module is removed', () => {
  const modules = new ModuleSet();
  modules.add('app.a.b');
  modules.add('app.a.c');
  modules.remove('app.a.b');
  assert.equal(modules.has('app.a'), true);
  assert.equal(modules.has('app.a.b'), false);
  modules.remove('app.a.c');
  assert.equal(modules.has('app.a'), false);
  assert.equal(modules.ownsTopLevel('app.x'), false);
});

test('the index re-checks importers when a package appears or vanishes with its first or last module', () => {
  const dir = tempTree({ 'b/app/hoc/api/cus/x/routes.py': 'from app.hoc.cus.x import L5_engines\n' });
  const { index } = analyzeFolder(dir, hocV1, { moduleLevelOnly: false });
  const routes = path.join(dir, 'b/app/hoc/api/cus/x/routes.py');
  assert.deepEqual(index.file(routes)!.check.violations.map((v) => v.rule.id), []);
  const engine = path.join(dir, 'b/app/hoc/cus/x/L5_engines/engine.py');
  const changed = index.update(engine, 'import json\n');
  assert.deepEqual(changed.map((f) => path.basename(f.path)), ['engine.py', 'routes.py']);
  assert.deepEqual(index.file(routes)!.check.violations.map((v) => v.rule.id), ['L2-L5']);
  assert.deepEqual(index.remove(engine).map((f) => path.basename(f.path)), ['routes.py']);
  assert.deepEqual(index.file(routes)!.check.violations.map((v) => v.rule.id), []);
});
