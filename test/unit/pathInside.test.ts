import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { isInside } from '../../server/src/core/pathInside';

test('isInside: the folder itself and what lies below it, never a sibling that shares a prefix', () => {
  const dir = path.resolve('/work/app');
  assert.equal(isInside(dir, dir), true);
  assert.equal(isInside(dir, path.join(dir, 'hoc', 'x.py')), true);
  assert.equal(isInside(dir + path.sep, path.join(dir, 'x.py')), true);
  assert.equal(isInside(dir, path.resolve('/work/application/x.py')), false);
  assert.equal(isInside(dir, path.resolve('/work')), false);
  assert.equal(isInside(dir, `${dir}${path.sep}..${path.sep}app${path.sep}x.py`), true, 'another spelling of a path below');
  assert.equal(isInside(dir, `${dir}${path.sep}..${path.sep}other.py`), false);
});
