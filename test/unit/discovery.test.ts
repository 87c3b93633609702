import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverSourceRoots } from '../../server/src/core/extract/discoverSourceRoots';
import { decodeSource } from '../../server/src/core/extract/readSource';
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
  const { roots, warnings } = discoverSourceRoots(dir, 'hoc');
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
  const { roots } = discoverSourceRoots(dir, 'hoc');
  assert.equal(roots.length, 1);
  assert.deepEqual(rel(dir, roots[0].files), ['b/app/hoc/cus/x/L5_engines/a.py']);
});

test('a folder inside a top package is checked as part of its source root', () => {
  const dir = tempTree({ 'b/app/hoc/cus/x/L5_engines/a.py': '', 'b/app/models/m.py': '' });
  const { roots } = discoverSourceRoots(path.join(dir, 'b/app/hoc/cus/x'), 'hoc');
  assert.equal(roots.length, 1);
  assert.equal(roots[0].dir, path.join(dir, 'b'));
  assert.equal(roots[0].files.length, 2);
});

test('symlink loops end, with one warning; a linked folder elsewhere is followed once', () => {
  const dir = tempTree({ 'b/app/hoc/cus/x/L5_engines/a.py': '', 'shared/lib/util.py': '' });
  fs.symlinkSync(path.join(dir, 'b/app'), path.join(dir, 'b/app/hoc/cus/x/back'));
  fs.symlinkSync(path.join(dir, 'shared/lib'), path.join(dir, 'b/app/lib'));
  const { roots, warnings } = discoverSourceRoots(dir, 'hoc');
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
