import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../../server/src/core/config/loadConfig';
import { repoRoot } from '../support/paths';
import { runCliInProcess } from '../support/runCliInProcess';
import { tempTree } from '../support/tempTree';

/** The README's Configuration section, and its TOML examples. */
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('\n## Configuration\n'), readme.indexOf('\n## ', readme.indexOf('\n## Configuration\n') + 5));
const examples = [...section.matchAll(/```toml\n([\s\S]*?)```/g)].map((m) => m[1]);

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode; additionalProperties?: boolean | SchemaNode };
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'server/schema/strata.schema.json'), 'utf8')) as SchemaNode & { definitions: Record<string, SchemaNode> };

test('every TOML example of the README Configuration section is a valid config', () => {
  assert.equal(examples.length, 4);
  for (const example of examples) {
    const load = parseConfigText('/project/strata.toml', example);
    assert.equal(load.status, 'ok', load.status === 'invalid' ? load.problems.map((p) => `${p.range.start.line + 1}: ${p.message}`).join('\n') : '');
  }
});

test('every key of the schema has an example in the README Configuration section', () => {
  const keys = new Set<string>();
  const seen = new Set<SchemaNode>();
  const walk = (raw: SchemaNode) => {
    const node = raw.$ref ? schema.definitions[raw.$ref.replace('#/definitions/', '')] : raw;
    if (seen.has(node)) return;
    seen.add(node);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      keys.add(key);
      walk(child);
    }
    if (node.items) walk(node.items);
    if (typeof node.additionalProperties === 'object') walk(node.additionalProperties);
  };
  walk(schema);
  const text = examples.join('\n');
  const missing = [...keys].filter((key) => !new RegExp(`(^|[\\s{,.\\[])${key.replace(/[.]/g, '\\.')}(\\s*=|\\]|\\.)`, 'm').test(text));
  assert.deepEqual(missing, []);
  assert.ok(keys.size > 60, `${keys.size} keys`);
});

test('the import-linter layers contract of the README, in Strata: lower layers may not import higher ones', () => {
  const layersExample = examples[examples.length - 1];
  const dir = tempTree({
    'strata.toml': layersExample,
    'shop/__init__.py': '',
    'shop/api/__init__.py': '',
    'shop/api/routes.py': 'from shop.application import service\nfrom shop.domain import model\n',
    'shop/application/__init__.py': '',
    'shop/application/service.py': 'from shop.domain import model\nfrom shop.api import routes\n',
    'shop/domain/__init__.py': '',
    'shop/domain/model.py': 'from shop.application import service\n',
  });
  const run = runCliInProcess(['check', dir, '--format', 'json']);
  assert.equal(run.code, 1, run.stderr);
  const found = JSON.parse(run.stdout).violations.map((v: { rule: string; file: string; line: number }) => `${v.rule}@${v.file}:${v.line}`);
  assert.deepEqual(found, ['application-below-api@shop/application/service.py:2', 'domain-lowest@shop/domain/model.py:1']);
});

test('the README error example is what the CLI prints', () => {
  const dir = tempTree({ 'strata.toml': 'extends = "hoc-v1"\n[rules.mine]\nfrom = ["L5_engine"]\nforbid = [{ modules = ["requests"] }]\n', 'b/app/hoc/cus/x/L5_engines/a.py': '' });
  const run = runCliInProcess(['check', dir]);
  const line = /\n\$ strata check \.\n(.*)\n/.exec(section)![1];
  assert.equal(run.code, 2);
  assert.equal(run.stderr.replace(/^.*strata\.toml/, 'strata.toml'), line + '\n');
});

test('the shipped schema is registered for strata.toml and packaged', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.contributes.tomlValidation, [{ fileMatch: 'strata.toml', url: './server/schema/strata.schema.json' }]);
  assert.ok(fs.existsSync(path.join(repoRoot, 'server/schema/strata.schema.json')));
  // One allow-list for the npm package and the .vsix (packageInstall.test lists the packed files).
  assert.ok(manifest.files.includes('server/schema/strata.schema.json'));
});
