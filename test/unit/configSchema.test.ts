import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, type Type } from 'ts-morph';
import Ajv from 'ajv';
import { PRESETS } from '../../server/src/core/ruleset/presets';
import { repoRoot } from '../support/paths';

/**
 * `strata.schema.json` (what users and editors see) and `RulesetConfig` (what the code reads)
 * describe one shape; this walks both side by side so neither can drift: the same keys at every
 * level, the same required keys, the same scalar types and enumerations.
 */
type SchemaNode = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  description?: string;
};

const schemaPath = path.join(repoRoot, 'server/schema/strata.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as SchemaNode & { definitions: Record<string, SchemaNode> };

function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/definitions/', '');
  return { ...schema.definitions[name], description: node.description ?? schema.definitions[name].description };
}

function compare(type: Type, raw: SchemaNode, where: string, differences: string[]): void {
  const node = resolve(raw);
  const t = type.getNonNullableType();
  if (t.isArray()) {
    if (node.type !== 'array' || !node.items) return void differences.push(`${where}: an array in the type, ${node.type} in the schema`);
    return compare(t.getArrayElementTypeOrThrow(), node.items, `${where}[]`, differences);
  }
  if (t.isString() || t.isBoolean() || t.isNumber()) {
    const expected = t.isString() ? ['string'] : t.isBoolean() ? ['boolean'] : ['integer', 'number'];
    if (!expected.includes(node.type ?? '')) differences.push(`${where}: ${t.getText()} in the type, ${node.type} in the schema`);
    return;
  }
  if (t.isUnion() && t.getUnionTypes().every((u) => u.isStringLiteral())) {
    const literals = t.getUnionTypes().map((u) => u.getLiteralValue()).sort();
    if (node.type !== 'string' || JSON.stringify([...(node.enum ?? [])].sort()) !== JSON.stringify(literals)) {
      differences.push(`${where}: ${literals.join(' | ')} in the type, ${node.type} ${JSON.stringify(node.enum)} in the schema`);
    }
    return;
  }
  const properties = t.getProperties();
  const indexType = t.getStringIndexType();
  if (indexType?.isUnknown()) differences.push(`${where}: an open shape in the type ([key: string]: unknown), which the schema cannot close`);
  if (properties.length === 0 && indexType && !indexType.isUnknown()) {
    // A table keyed by id (`Record<string, LayerConfig>`).
    if (node.type !== 'object' || typeof node.additionalProperties !== 'object') return void differences.push(`${where}: a table by id in the type, not in the schema`);
    return compare(indexType, node.additionalProperties, `${where}.<id>`, differences);
  }
  if (node.type !== 'object' || node.additionalProperties !== false) differences.push(`${where}: the schema's object must be closed (additionalProperties: false)`);
  const typeKeys = properties.map((p) => p.getName()).sort();
  const schemaKeys = Object.keys(node.properties ?? {}).sort();
  for (const key of typeKeys) if (!schemaKeys.includes(key)) differences.push(`${where}.${key}: in the type, not in the schema`);
  for (const key of schemaKeys) if (!typeKeys.includes(key)) differences.push(`${where}.${key}: in the schema, not in the type`);
  const typeRequired = properties.filter((p) => !p.isOptional()).map((p) => p.getName()).sort();
  const schemaRequired = [...(node.required ?? [])].sort();
  if (JSON.stringify(typeRequired) !== JSON.stringify(schemaRequired)) {
    differences.push(`${where}: required keys ${JSON.stringify(typeRequired)} in the type, ${JSON.stringify(schemaRequired)} in the schema`);
  }
  for (const property of properties) {
    const child = node.properties?.[property.getName()];
    const declaration = property.getValueDeclarationOrThrow();
    if (child) compare(property.getTypeAtLocation(declaration), child, `${where}.${property.getName()}`, differences);
  }
}

test('the schema and the RulesetConfig type have the same keys, required keys and types at every level', () => {
  const project = new Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { strict: true } });
  const file = project.addSourceFileAtPath(path.join(repoRoot, 'server/src/core/ruleset/rulesetConfig.ts'));
  const differences: string[] = [];
  compare(file.getInterfaceOrThrow('RulesetConfig').getType(), schema, 'RulesetConfig', differences);
  assert.deepEqual(differences, []);
});

test('the comparison sees a drift: a key only in the schema, a wrong type, an open object', () => {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
  const file = project.createSourceFile('t.ts', 'interface T { a?: string; b: boolean; c?: { d: string }[] }');
  const differences: string[] = [];
  const drifted: SchemaNode = {
    type: 'object',
    additionalProperties: false,
    required: ['b'],
    properties: { a: { type: 'integer' }, b: { type: 'boolean' }, c: { type: 'array', items: { type: 'object', properties: { d: { type: 'string' } } } }, e: { type: 'string' } },
  };
  compare(file.getInterfaceOrThrow('T').getType(), drifted, 'T', differences);
  assert.deepEqual(differences, [
    'T.e: in the schema, not in the type',
    'T.a: string in the type, integer in the schema',
    "T.c[]: the schema's object must be closed (additionalProperties: false)",
    'T.c[]: required keys ["d"] in the type, [] in the schema',
  ]);
});

test('every key of the schema has a description, and every object is closed or a table by id', () => {
  const missing: string[] = [];
  const walk = (node: SchemaNode, where: string) => {
    if (node.type === 'object' && node.additionalProperties === undefined) missing.push(`${where}: additionalProperties not set`);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (!child.description && !resolve(child).description) missing.push(`${where}.${key}: no description`);
      walk(resolve(child), `${where}.${key}`);
    }
    if (node.items) walk(resolve(node.items), `${where}[]`);
    if (typeof node.additionalProperties === 'object') walk(resolve(node.additionalProperties), `${where}.<id>`);
  };
  walk(schema, 'strata.toml');
  assert.deepEqual(missing, []);
});

test('both presets validate against the schema, and `extends` offers exactly the built-in presets', () => {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  for (const [name, preset] of Object.entries(PRESETS)) {
    assert.equal(validate(preset), true, `${name}: ${JSON.stringify(validate.errors, null, 1)}`);
  }
  assert.deepEqual(Object.keys(PRESETS), ['hoc-v1', 'hoc-v2']);
  assert.deepEqual(schema.properties!.extends.enum, Object.keys(PRESETS));
});
