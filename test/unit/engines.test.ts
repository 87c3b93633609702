import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

type Version = [number, number, number];

/**
 * Whether a version lies in an `engines.node` range, in the forms npm packages use: `>=14.17`,
 * `^20.9.0 || >=21.1.0`, `16 || 14 >=14.17`, `6.* || >= 10.*`, `~1.2`.
 */
function satisfies(version: string, range: string): boolean {
  const v = version.replace(/^v/, '').split('.').map(Number) as Version;
  const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  const comparator = (token: string): boolean => {
    const m = /^(>=|<=|>|<|=|\^|~)?v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/.exec(token);
    if (!m) throw new Error(`cannot read the range part '${token}' of '${range}'`);
    const [, op = '', ...parts] = m;
    const given = parts.filter((p) => p !== undefined && !/^[xX*]$/.test(p)).map(Number);
    const base = [given[0] ?? 0, given[1] ?? 0, given[2] ?? 0] as Version;
    const c = compare(v, base);
    const samePrefix = given.every((n, k) => v[k] === n);
    switch (op) {
      case '>=': return c >= 0;
      case '>': return c > 0;
      case '<=': return c <= 0 || samePrefix;
      case '<': return c < 0;
      case '^': return c >= 0 && v[0] === base[0];
      case '~': return c >= 0 && v[0] === base[0] && (given.length < 2 || v[1] === base[1]);
      default: return samePrefix;
    }
  };
  return range.split('||').some((alternative) => {
    const tokens = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return tokens.every(comparator);
  });
}

test('the range reader reads the forms of engines.node', () => {
  assert.equal(satisfies('20.20.2', '>=22'), false);
  assert.equal(satisfies('20.20.2', '>=16'), true);
  assert.equal(satisfies('20.20.2', '^18.18.0 || ^20.9.0 || >=21.1.0'), true);
  assert.equal(satisfies('20.5.0', '^18.18.0 || ^20.9.0 || >=21.1.0'), false);
  assert.equal(satisfies('20.20.2', '18 || 20 || >=22'), true);
  assert.equal(satisfies('21.0.0', '18 || 20 || >=22'), false);
  assert.equal(satisfies('14.16.0', '>=16 || 14 >=14.17'), false);
  assert.equal(satisfies('20.20.2', '6.* || 8.* || >= 10.*'), true);
});

/** `npm ci` warns EBADENGINE for any installed package whose engines.node leaves out the running Node. */
test('every package npm installs supports the Node that runs the project (no EBADENGINE on npm ci)', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
  assert.ok(satisfies(process.versions.node, manifest.engines.node), `Node ${process.versions.node} is outside the project's own engines.node (${manifest.engines.node})`);
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };
  const refusing = Object.entries(lock.packages)
    .filter(([name, entry]) => name !== '' && entry.engines?.node !== undefined && !satisfies(process.versions.node, entry.engines.node))
    .map(([name, entry]) => `${name.replace(/^.*node_modules\//, '')} wants Node ${entry.engines!.node}`);
  assert.deepEqual(refusing, []);
});
