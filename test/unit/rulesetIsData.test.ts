import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { PRESETS } from '../../server/src/core/ruleset/presets';
import type { ForbidTarget, RulesetConfig } from '../../server/src/core/ruleset/rulesetConfig';
import { repoRoot } from '../support/paths';

/**
 * "The ruleset is data": no code outside the ruleset and config folders names a layer id, a
 * module or an audience of a preset. The names are read from the presets themselves, and looked
 * for in every string the code writes (literals and template text; comments may explain).
 */
const SCANNED = ['server/src', 'client/src'];
const ALLOWED = ['server/src/core/ruleset/', 'server/src/core/config/'];
/** Places allowed to name a preset's words anyway (none: the editor takes them all from the server). */
const KNOWN: string[] = [];

function presetNames(): Map<string, string> {
  const names = new Map<string, string>();
  const add = (name: string, what: string) => names.set(name, what);
  const targetModules = (targets: ForbidTarget[] | undefined) => (targets ?? []).flatMap((t) => t.modules ?? []).map((m) => m.replace(/\*$/, ''));
  for (const [id, preset] of Object.entries(PRESETS) as [string, RulesetConfig][]) {
    for (const [layerId, layer] of Object.entries(preset.layers ?? {})) {
      add(layerId, `a layer id of ${id}`);
      // The literal folders a layer's globs start with name its package (`app/models/**` → app.models).
      for (const glob of layer.paths ?? []) {
        const literal = glob.split('/').filter((s, i, all) => i < all.length - 1 && !/[*{]/.test(s));
        const prefix: string[] = [];
        for (const segment of glob.split('/')) {
          if (/[*{]/.test(segment)) break;
          prefix.push(segment);
        }
        if (prefix.length >= 2 && literal.length >= 2) add(prefix.join('.'), `a module of ${id}`);
      }
    }
    for (const audience of Object.keys(preset.audiences ?? {})) add(audience, `an audience of ${id}`);
    for (const rule of Object.values(preset.rules ?? {})) {
      for (const m of [...targetModules(rule.forbid), ...(rule.except ?? [])]) add(m, `a module of ${id}`);
    }
    for (const c of preset.counterparts ?? []) for (const m of targetModules(c['needed-when'])) add(m, `a module of ${id}`);
    for (const m of targetModules(preset.fixes?.['type-checking-targets'])) add(m, `a module of ${id}`);
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The text of every string literal and template part of a TypeScript file. */
function strings(text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) found.push(node.text);
    node.forEachChild(visit);
  };
  visit(ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true));
  return found;
}

/**
 * Whether `name` occurs in `text` as a whole name: not inside a longer identifier or dotted name.
 * A short audience id (`int`) counts only as a whole string or a path segment (`hoc/int/`), so
 * prose and Python samples (`y: int = 2`) do not.
 */
function mentions(text: string, name: string, pathOnly = false): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (pathOnly) return text === name || new RegExp(`(^|/)${escaped}/|/${escaped}($|/)`).test(text);
  return new RegExp(`(^|[^A-Za-z0-9_.])${escaped}($|[^A-Za-z0-9_])`).test(text);
}

test('no code outside the ruleset and config folders names a layer id, a module or an audience of a preset', () => {
  const names = presetNames();
  assert.ok(names.has('L5_engines') && names.has('app.models') && names.has('sqlmodel') && names.has('cus'), 'the presets give the names looked for');
  const found: string[] = [];
  for (const root of SCANNED) {
    for (const file of sourceFiles(path.join(repoRoot, root))) {
      const rel = path.relative(repoRoot, file).split(path.sep).join('/');
      if (ALLOWED.some((a) => rel.startsWith(a))) continue;
      for (const s of strings(fs.readFileSync(file, 'utf8'))) {
        for (const [name, what] of names) if (mentions(s, name, what.startsWith('an audience'))) found.push(`${rel}: ${JSON.stringify(s)} names ${what} (${name})`);
      }
    }
  }
  assert.deepEqual(found.filter((f) => !KNOWN.includes(f)), []);
  assert.deepEqual(KNOWN.filter((k) => !found.includes(k)), [], 'a known place no longer names a preset: take it off the list');
});

test('the check sees a string that names one (a literal, a template part)', () => {
  assert.deepEqual(strings("const a = 'L5_engines'; const b = `x${a}hoc/cus/y`;"), ['L5_engines', 'x', 'hoc/cus/y']);
  assert.equal(mentions('hoc/cus/y', 'cus'), true);
  assert.equal(mentions('focus', 'cus'), false);
  assert.equal(mentions('app.models.x', 'app.models'), true);
  assert.equal(mentions('myapp.models', 'app.models'), false);
  assert.equal(mentions('y: int = 2', 'int', true), false);
  assert.equal(mentions('hoc/api/int/', 'int', true), true);
  assert.equal(mentions('int', 'int', true), true);
});
