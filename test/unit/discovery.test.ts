import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverSourceRoots } from '../../server/src/host/discoverSourceRoots';
import { decodeSource } from '../../server/src/host/readSource';
import { isSkippedPath } from '../../server/src/host/skipPolicy';
import { tempTree } from '../support/tempTree';

const rel = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

test('source roots: every folder holding a top package with hoc/, files sorted byte-wise', () => {
  const dir = tempTree({
    'backend/app/hoc/cus/x/L5_engines/b.py': '',
    'backend/app/hoc/cus/x/L5_engines/B.py': '',
    'backend/app/models/m.py': '',
    'backend/app/notes.txt': '',
    'backend/scripts/tool.py': '',
    'services/billing/app/hoc/cus/y/L6_drivers/d.py': '',
    'docs/readme.md': '',
  });
  const { roots, warnings } = discoverSourceRoots(dir, { marker: 'hoc' });
  assert.deepEqual(warnings, []);
  assert.deepEqual(roots.map((r) => path.relative(dir, r.dir)), ['backend', path.join('services', 'billing')]);
  assert.deepEqual(rel(dir, roots[0].files), ['backend/app/hoc/cus/x/L5_engines/B.py', 'backend/app/hoc/cus/x/L5_engines/b.py', 'backend/app/models/m.py']);
});

test('dependencies, VCS data, caches and virtualenvs are never walked', () => {
  const dir = tempTree({
    'b/app/hoc/cus/x/L5_engines/a.py': '',
    'b/app/node_modules/pkg/app/hoc/z.py': '',
    'b/app/.git/hoc/z.py': '',
    'b/app/__pycache__/a.cpython-311.py': '',
    'b/app/.mypy_cache/z.py': '',
    'b/app/custom_env/pyvenv.cfg': 'home = /usr/bin',
    'b/app/custom_env/lib/site.py': '',
    'node_modules/other/app/hoc/q.py': '',
    '.venv/lib/app/hoc/q.py': '',
  });
  const { roots } = discoverSourceRoots(dir, { marker: 'hoc' });
  assert.equal(roots.length, 1);
  assert.deepEqual(rel(dir, roots[0].files), ['b/app/hoc/cus/x/L5_engines/a.py']);
});

test('a folder inside a top package is checked as part of its source root', () => {
  const dir = tempTree({ 'b/app/hoc/cus/x/L5_engines/a.py': '', 'b/app/models/m.py': '' });
  const { roots } = discoverSourceRoots(path.join(dir, 'b/app/hoc/cus/x'), { marker: 'hoc', projectRoot: dir });
  assert.equal(roots.length, 1);
  assert.equal(roots[0].dir, path.join(dir, 'b'));
  assert.equal(roots[0].files.length, 2);
});

test('symlink loops end, with one warning; a linked folder elsewhere is followed once', () => {
  const dir = tempTree({ 'b/app/hoc/cus/x/L5_engines/a.py': '', 'shared/lib/util.py': '' });
  fs.symlinkSync(path.join(dir, 'b/app'), path.join(dir, 'b/app/hoc/cus/x/back'));
  fs.symlinkSync(path.join(dir, 'shared/lib'), path.join(dir, 'b/app/lib'));
  const { roots, warnings } = discoverSourceRoots(dir, { marker: 'hoc' });
  assert.deepEqual(rel(dir, roots[0].files), ['b/app/hoc/cus/x/L5_engines/a.py', 'b/app/lib/util.py']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].message, /already walked/);
});

test('decoding: a BOM is dropped, bytes that are not UTF-8 become U+FFFD, NUL bytes mean binary', () => {
  const bom = decodeSource(Buffer.from([0xef, 0xbb, 0xbf, 0x69, 0x6d]));
  assert.deepEqual(bom, { ok: true, text: 'im' });
  const latin1 = decodeSource(Buffer.from([0x23, 0xe9, 0x0a, 0x78]));
  assert.deepEqual(latin1, { ok: true, text: '#\ufffd\nx' });
  const binary = decodeSource(Buffer.from([0x7f, 0x45, 0x00]));
  assert.equal(binary.ok, false);
});

test('a folder named hoc that holds no Python marks nothing; one that does, even deep down, marks a top package', () => {
  const dir = tempTree({
    'docs/hoc/README.md': '# HOC',
    'docs/hoc/guide/layers.md': '',
    'b/app/hoc/cus/x/L5_engines/deep/a.py': '',
  });
  fs.symlinkSync(path.join(dir, 'no/such/target'), path.join(dir, 'docs/hoc/broken-link'));
  const { roots, warnings } = discoverSourceRoots(dir, { marker: 'hoc' });
  assert.deepEqual(roots.map((r) => path.relative(dir, r.dir)), ['b']);
  assert.deepEqual(warnings, [], 'a broken link outside every source root is none of its business');
  assert.deepEqual(discoverSourceRoots(path.join(dir, 'docs'), { marker: 'hoc' }).roots, []);
  assert.deepEqual(discoverSourceRoots(path.join(dir, 'docs/hoc/guide'), { marker: 'hoc', projectRoot: dir }).roots, []);
});

test('from inside a top package the root is looked for no higher than the project root', () => {
  // A checkout below an unrelated folder named hoc, beside another project.
  const dir = tempTree({
    'hoc/proj/pyproject.toml': '',
    'hoc/proj/backend/app/hoc/cus/x/L5_engines/a.py': '',
    'hoc/proj/tools/b.py': '',
    'hoc/other/backend/app/hoc/cus/y/L5_engines/b.py': '',
  });
  const proj = path.join(dir, 'hoc/proj');
  const whole = discoverSourceRoots(proj, { marker: 'hoc', projectRoot: proj });
  assert.deepEqual(whole.roots.map((r) => r.dir), [path.join(proj, 'backend')]);
  const tools = discoverSourceRoots(path.join(proj, 'tools'), { marker: 'hoc', projectRoot: proj });
  assert.deepEqual(tools.roots, [], 'tools/ is below hoc/ on disk, but not below a top package of the project');
  const inner = discoverSourceRoots(path.join(proj, 'backend/app/hoc/cus/x'), { marker: 'hoc', projectRoot: proj });
  assert.deepEqual(inner.roots.map((r) => [r.dir, r.topPackageDir]), [[path.join(proj, 'backend'), path.join(proj, 'backend/app')]]);
  // Without a project root, the folder itself is the limit.
  assert.deepEqual(discoverSourceRoots(path.join(proj, 'backend/app/hoc/cus/x'), { marker: 'hoc' }).roots, []);
});

test('explicit source roots and exclusions, the shape the config file will feed', () => {
  const dir = tempTree({
    'backend/app/hoc/cus/x/L5_engines/a.py': '',
    'backend/app/hoc/cus/x/L5_engines/generated/g.py': '',
    'backend/app/hoc/cus/x/L5_engines/b.py': '',
    'services/billing/app/hoc/cus/y/L6_drivers/d.py': '',
  });
  const explicit = discoverSourceRoots(dir, {
    marker: 'hoc',
    sourceRoots: ['backend', 'nowhere'],
    exclude: (rel) => rel.endsWith('/generated') || rel.endsWith('/b.py'),
  });
  assert.deepEqual(explicit.roots.map((r) => path.relative(dir, r.dir)), ['backend']);
  assert.deepEqual(rel(dir, explicit.roots[0].files), ['backend/app/hoc/cus/x/L5_engines/a.py']);
  assert.deepEqual(explicit.warnings.map((w) => [path.relative(dir, w.path), w.message]), [['nowhere', "source root holds no top package with a 'hoc/' folder of Python files"]]);
});

test('one skip policy: a path is skipped by isSkippedPath exactly when discovery does not list it', () => {
  const files = [
    'b/app/hoc/cus/x/L5_engines/a.py',
    'b/app/hoc/cus/x/L5_engines/.vscode/settings_helper.py',
    'b/app/hoc/cus/x/L5_engines/.idea/x.py',
    'b/app/hoc/cus/x/L5_engines/env/lib/site.py',
    'b/app/hoc/cus/x/L5_engines/venv/lib/site.py',
    'b/app/hoc/cus/x/L5_engines/pkg.egg-info/x.py',
    'b/app/hoc/cus/x/L5_engines/__pycache__/a.py',
    'b/app/hoc/cus/x/L5_engines/node_modules/x.py',
    'b/app/hoc/cus/x/L5_engines/ok/.hidden_but_fine.py',
    'b/app/hoc/cus/x/L5_engines/skipme/x.py',
    'b/app/models/m.py',
  ];
  const dir = tempTree({ ...Object.fromEntries(files.map((f) => [f, ''])), 'b/app/hoc/cus/x/L5_engines/env/pyvenv.cfg': 'home = /usr' });
  const exclude = (relPath: string) => relPath.endsWith('/skipme');
  const listed = new Set(discoverSourceRoots(dir, { marker: 'hoc', exclude }).roots.flatMap((r) => rel(dir, r.files)));
  assert.deepEqual([...listed].sort(), ['b/app/hoc/cus/x/L5_engines/a.py', 'b/app/hoc/cus/x/L5_engines/ok/.hidden_but_fine.py', 'b/app/models/m.py']);
  for (const file of files) {
    assert.equal(isSkippedPath({ projectRoot: dir, exclude }, path.join(dir, file)), !listed.has(file), file);
  }
});
