import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { annotationUsage } from '../../server/src/core/extract/python/annotationUsage';
import { WorkspaceIndex } from '../../server/src/core/analysis/workspaceIndex';
import { baselineOf, formatBaseline, parseBaseline } from '../../server/src/core/baseline/baseline';
import { parseConfigText } from '../../server/src/core/config/loadConfig';
import { scanPythonImports } from '../../server/src/core/extract/python/scanImports';
import { planImportRemoval } from '../../server/src/core/generate/importRemoval';
import { planIgnoreComment } from '../../server/src/core/generate/suppressionEdit';
import { planTypeCheckingMove } from '../../server/src/core/generate/typeCheckingMove';
import { LayerModel } from '../../server/src/core/layers/layerModel';
import { counterpartsOf } from '../../server/src/core/navigate/fileCounterparts';
import { ImportGraph } from '../../server/src/core/navigate/importGraph';
import { describePlacement } from '../../server/src/core/report/describeImport';
import { violationRecords } from '../../server/src/core/report/violationRecord';
import { renderWiringMap } from '../../server/src/core/report/wiringMap';
import { moduleIdentity, resolveRelative } from '../../server/src/core/resolve/moduleNames';
import { ModuleSet } from '../../server/src/core/resolve/moduleSet';
import { resolveImports } from '../../server/src/core/resolve/resolveImports';
import { PRESETS, presetRuleset, type PresetName } from '../../server/src/core/ruleset/presets';
import { buildTopology } from '../../server/src/core/topology/buildTopology';
import { checkImports } from '../../server/src/core/validate/checkImports';
import { fixturesDir } from '../support/paths';

/**
 * ARCHITECTURE.md, invariant 3: the core never throws on input. Whatever text a file holds and
 * whatever its path, the core's entry points (scanner, resolver, rules, topology, wiring map,
 * navigation, the edits of quick-fixes, the config and baseline parsers) return an answer. Inputs are random but seeded, so a
 * failure names the seed that reproduces it (`STRATA_FUZZ_SEED=<n> npm test -- coreNeverThrows`).
 */

/** mulberry32: a small, well-mixed 32-bit generator; the same seed gives the same inputs everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.STRATA_FUZZ_SEED ?? 20261127);
const ROUNDS = 60;

/** Pieces of Python that reach the scanner's every state, cut and joined at random. */
const PYTHON_PIECES = [
  'import ', 'from ', ' import ', 'as ', '.', '..', '...', ',', '(', ')', '[', ']', '{', '}', ':', ';', '\\\n', '\n', '\r\n', '\r',
  '    ', '\t', '\f', '#', '# strata: ignore[', 'L2-L5', ']', '"', "'", '"""', "'''", 'f"', "rb'", 'f"{', '}"', 't"', 'u"',
  'if TYPE_CHECKING:', 'if typing.TYPE_CHECKING:', 'if not TYPE_CHECKING:', 'else:', 'elif ', 'def f(', 'async def g(', 'class C(',
  'return', 'lambda x: x', '@router.get("/")', '@dataclass', 'from __future__ import annotations', 'from typing import TYPE_CHECKING as TC',
  'import typing as t', 'sqlmodel', 'sqlalchemy', 'app.models.user', 'app.db', 'app.hoc.cus.x.L5_engines.y', '*', '__all__ = [',
  'x: int = 1', '-> Session', 'match x:', 'case _:', 'try:', 'except Exception:', 'with open(p) as f:', '\u00e9', '\ud83d\ude00',
  '\ud800', '\udc00', '\u0000', '\ufeff', '\u2028', 'é = 1', '0x1F', '1e10', '`', '$', '?', '!',
];

/** Path segments, the ruleset's folders among them, and odd ones. */
const PATH_PIECES = [
  'app', 'hoc', 'api', 'facades', 'cus', 'fdr', 'int', 'xyz', 'billing', 'L2_api', 'L3_adapters', 'L4_runtime', 'L5_engines',
  'L5_schemas', 'L5_utils', 'L6_drivers', 'hoc_spine', 'models', 'db', '__init__.py', 'x_engine.py', 'x_driver.py', 'y_facade.py', '.py', '',
  '.', '..', ' ', 'é', '\ud83d\ude00', 'a.b', 'name with spaces.py', '-', '__pycache__', '\\', 'C:',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/** Random text of one of four kinds: Python-shaped, any UTF-16 code units, one character repeated, empty. */
function garbageText(rand: () => number): string {
  const kind = rand();
  const length = Math.floor(rand() * 400);
  if (kind < 0.55) {
    let text = '';
    while (text.length < length) text += pick(rand, PYTHON_PIECES);
    return text;
  }
  if (kind < 0.85) {
    const codes: number[] = [];
    for (let k = 0; k < length; k++) codes.push(rand() < 0.7 ? 9 + Math.floor(rand() * 118) : Math.floor(rand() * 0x10000));
    return String.fromCharCode(...codes);
  }
  if (kind < 0.95) return pick(rand, ['(', '[', '"', "'", '\\', '\n', ' ', '#', 'import ', 'from . import (']).repeat(length * 20);
  return '';
}

function garbagePath(rand: () => number): string {
  const segments: string[] = [];
  const depth = Math.floor(rand() * 8);
  for (let k = 0; k < depth; k++) segments.push(pick(rand, PATH_PIECES));
  const last = rand() < 0.8 ? `${pick(rand, PATH_PIECES)}.py` : pick(rand, PATH_PIECES);
  return [...segments, last].join('/');
}

function garbageName(rand: () => number): string {
  return pick(rand, ['', '.', '..', 'a..b', '.a', 'a.', 'app', 'app.hoc.cus.billing.L5_engines.x', 'sqlmodel.orm', garbageText(rand).slice(0, 40)]);
}

/** Runs `step`; a throw fails the test with the seed, the round and the input that caused it. */
function survives(what: string, round: number, input: unknown, step: () => unknown): void {
  try {
    step();
  } catch (error) {
    assert.fail(`${what} threw on input ${JSON.stringify(input)?.slice(0, 300)} (seed ${SEED}, round ${round}): ${String(error)}`);
  }
}

const ROOT = '/fuzz/root';
const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

test('invariant 3: the core never throws on input (seeded random texts and paths through every entry point)', () => {
  const rand = random(SEED);
  for (let round = 0; round < ROUNDS; round++) {
    const ruleset = presetRuleset(PRESET_NAMES[round % PRESET_NAMES.length]);
    const model = new LayerModel(ruleset);
    const paths = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => `${ROOT}/${garbagePath(rand)}`);
    const texts = paths.map(() => garbageText(rand));
    const moduleLevelOnly = rand() < 0.5;

    // Scanner, resolver and rules, one file at a time.
    const modules = new ModuleSet();
    for (const p of paths) survives('ModuleSet.add', round, p, () => modules.add(moduleIdentity(ROOT, p).module));
    paths.forEach((p, k) => {
      survives('the scanner, resolver and rules', round, { path: p, text: texts[k] }, () => {
        const scan = scanPythonImports(texts[k]);
        const identity = moduleIdentity(ROOT, p);
        const imports = resolveImports(identity, scan.imports, modules);
        const placement = model.classifyPath(identity.relPath);
        checkImports(model, { placement, relPath: identity.relPath }, imports, scan.suppressions, { moduleLevelOnly });
        const elsewhere = model.classifyPath(garbagePath(rand));
        checkImports(model, { placement: elsewhere, relPath: identity.relPath }, imports, scan.suppressions, { moduleLevelOnly });
        for (const statement of scan.imports) {
          planIgnoreComment(texts[k], statement, 'L2-L5');
          planTypeCheckingMove(texts[k], scan, statement);
        }
        planImportRemoval(texts[k], scan.imports, () => 'moved');
        annotationUsage(texts[k], ['Session', 'select', garbageName(rand)]);
      });
    });
    for (let k = 0; k < 5; k++) {
      const name = garbageName(rand);
      const level = Math.floor(rand() * 6);
      survives('module naming', round, { name, level }, () => {
        resolveRelative(name, level, garbageName(rand));
        model.classifyModule(name);
        moduleIdentity(pick(rand, [ROOT, '', '/', '.']), name);
      });
    }

    // The index, topology, wiring maps, records and navigation over the whole garbage workspace.
    const index = new WorkspaceIndex(model, { moduleLevelOnly });
    survives('the workspace index', round, paths, () => {
      index.addRoot({ dir: ROOT, topPackageDir: `${ROOT}/app`, files: paths });
      paths.forEach((p, k) => (rand() < 0.1 ? index.updateSkipped(p, 'unreadable') : index.update(p, texts[k])));
      if (rand() < 0.3) index.remove(pick(rand, paths));
      if (rand() < 0.3) index.setOptions({ moduleLevelOnly: !moduleLevelOnly });
    });
    survives('topology, wiring maps, records and navigation', round, paths, () => {
      for (const audience of buildTopology(index).audiences) for (const domain of audience.domains) renderWiringMap(domain, ruleset);
      violationRecords(index, ROOT);
      const graph = ImportGraph.build(index);
      for (const file of index.files()) {
        counterpartsOf(index, file);
        describePlacement(model, file);
        graph.importersOf(file);
      }
    });
  }
});

test('invariant 3: the core never throws on huge inputs (a 3 MB file, 100,000 nested brackets, 20,000 imports)', () => {
  const huge = [
    'import a\n'.repeat(20000),
    '('.repeat(100000),
    '"'.repeat(3 * 1024 * 1024),
    `from x import (${'a, '.repeat(100000)})\n`,
    `${'    '.repeat(5000)}import deep\n`.repeat(50),
    'if TYPE_CHECKING:\n' + '    if TYPE_CHECKING:\n'.repeat(2000),
  ];
  const ruleset = presetRuleset('hoc-v1');
  const index = new WorkspaceIndex(new LayerModel(ruleset), { moduleLevelOnly: false });
  const files = huge.map((_, k) => `${ROOT}/app/hoc/cus/billing/L5_engines/huge_${k}_engine.py`);
  index.addRoot({ dir: ROOT, topPackageDir: `${ROOT}/app`, files });
  huge.forEach((text, k) => {
    survives('the scanner, the annotation reader and the index', k, text.slice(0, 40), () => {
      const scan = scanPythonImports(text);
      annotationUsage(text, ['a', 'deep']);
      index.update(files[k], text);
      if (scan.imports.length > 0) planIgnoreComment(text, scan.imports[0], 'L5-DB');
    });
  });
  survives('topology and wiring map', 0, 'huge files', () => {
    for (const audience of buildTopology(index).audiences) for (const domain of audience.domains) renderWiringMap(domain, ruleset);
  });
  assert.equal(index.file(files[0])?.scan.imports.length, 20000, 'the 20,000 imports of the first file are all scanned');
});

/** Pieces of TOML and of Strata's config keys, cut and joined at random. */
const TOML_PIECES = [
  '[', ']', '[[', ']]', '{', '}', '=', ' = ', ',', '.', '"', "'", '"""', "'''", '\n', '\r\n', '#', ' ', '\\', '\\u00e9', '1', '-1', '1.5',
  'true', 'false', '1979-05-27', 'inf', 'nan', '0x1F', '[tool.strata]', 'tool.strata.', 'extends = "hoc-v1"', 'extends = "hoc-v2"',
  'extends = "nope"', 'layers', 'layers.api', '[layers.api]', 'paths = ["app/api/**"]', 'paths = ["app/{domain}/**"]', '**/{',
  '[rules.r]', 'from = ["api"]', 'forbid = [{ layers = ["core"] }]', 'forbid = [{ modules = ["x*"] }]', '{ domain = "other" }',
  'message = "m"', 'fix = "f"', 'severity = "warning"', 'lazy = true', 'except = ["a.b"]', '[[counterparts]]', '[[gaps]]',
  'source-roots = ["backend"]', 'marker = "hoc"', 'domains = ["a", "b"]', '[audiences.cus]', 'name = "C"', '__proto__', 'constructor',
  '{ __proto__ = 1 }', 'prototype', 'toString',
  'é', '\ud83d\ude00', '\ud800', '\u0000', '\ufeff',
];

/** Pieces of JSON and of a baseline's keys. */
const JSON_PIECES = [
  '{', '}', '[', ']', ':', ',', '"', '\\', '"version"', '1', '2', '-1', '0.5', '1e400', 'null', 'true', '"violations"', '"file"', '"rule"',
  '"target"', '"statement"', '"count"', '"a.py"', '"L2-L5"', '"__proto__"', ' ', '\n', '\ud800', '\u0000',
];

function piecesText(rand: () => number, pieces: readonly string[]): string {
  const length = Math.floor(rand() * 300);
  let text = '';
  while (text.length < length) text += pick(rand, pieces);
  return text;
}

/**
 * A valid text with random slices cut, doubled or inserted: close enough to valid to reach the
 * later checks. Half of the insertions are whole `lines` at a line start, which keep it valid.
 */
function mutated(rand: () => number, valid: string, pieces: readonly string[], lines: readonly string[]): string {
  let text = valid;
  for (let k = 1 + Math.floor(rand() * 4); k > 0; k--) {
    const at = Math.floor(rand() * (text.length + 1));
    const length = Math.floor(rand() * 40);
    const choice = rand();
    if (choice < 0.3) text = text.slice(0, at) + text.slice(at + length);
    else if (choice < 0.5) text = text.slice(0, at) + pick(rand, pieces) + text.slice(at);
    else if (choice < 0.8) {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      text = text.slice(0, lineStart) + pick(rand, lines) + '\n' + text.slice(lineStart);
    } else text = text.slice(0, at) + text.slice(at, at + length) + text.slice(at);
  }
  return text;
}

/** Whole lines of TOML, some with the keys JavaScript objects treat specially. */
const TOML_LINES = [
  '__proto__.x = 1', '[layers.__proto__]', 'a = { __proto__ = { y = 2 } }', '"__proto__".z = 3', 'constructor.prototype.w = 4', '[toString]',
  'extends = "hoc-v1"', '[rules.r]', 'from = ["domain"]', 'forbid = [{ layers = ["adapters"] }]', 'paths = ["**/{"]', 'enabled = false',
  '[[counterparts]]', 'domains = ["x"]',
];

test('invariant 3: the config and baseline parsers never throw on input (seeded random and mutated texts)', () => {
  const rand = random(SEED);
  const validConfig = fs.readFileSync(path.join(fixturesDir, 'hexagonal-shop', 'pyproject.toml'), 'utf8');
  const validBaseline = formatBaseline(
    baselineOf([
      { file: 'app/a.py', rule: 'L2-L5', target: 'app.b', statement: 'import app.b' },
      { file: 'app/a.py', rule: 'L2-L5', target: 'app.b', statement: 'import app.b' },
      { file: 'é/b.py', rule: 'L5-DB', target: 'sqlmodel', statement: 'from sqlmodel import Session' },
    ]),
  );
  const outcomes = { ok: 0, invalid: 0, absent: 0, baselineOk: 0, baselineBroken: 0 };
  const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
  for (let round = 0; round < 200; round++) {
    const config = round % 2 === 0 ? piecesText(rand, TOML_PIECES) : mutated(rand, validConfig, TOML_PIECES, TOML_LINES);
    for (const file of ['/fuzz/strata.toml', '/fuzz/pyproject.toml']) {
      survives('parseConfigText', round, { file, config }, () => {
        const load = parseConfigText(file, config);
        outcomes[load.status]++;
        if (load.status === 'invalid') assert.ok(load.problems.length > 0 && load.problems.every((p) => p.message !== ''), 'an invalid config says why');
      });
    }
    const baseline = round % 2 === 0 ? piecesText(rand, JSON_PIECES) : mutated(rand, validBaseline, JSON_PIECES, ['{"file": "a.py", "rule": "r", "target": "t", "statement": "s", "count": 1},', '"__proto__": {"count": 2},', 'null,']);
    survives('parseBaseline', round, baseline, () => {
      const read = parseBaseline('strata-baseline.json', baseline);
      if (read.ok) outcomes.baselineOk++;
      else {
        outcomes.baselineBroken++;
        assert.match(read.message, /^the baseline strata-baseline\.json/);
      }
    });
  }
  // The inputs reach every outcome, not only syntax errors.
  assert.ok(Object.values(outcomes).every((n) => n > 0), JSON.stringify(outcomes));
  // And no config changed the objects of the process (a `__proto__` key once wrote into Object.prototype).
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeNames);
});

test('invariant 3: the config and baseline parsers never throw on huge inputs (10,000 levels of nesting, 1 MB)', () => {
  const configs = [
    `a = ${'['.repeat(10000)}${']'.repeat(10000)}\n`,
    `exclude = ${'['.repeat(10000)}\n`,
    `a = ${'{ b = '.repeat(10000)}1${' }'.repeat(10000)}\n`,
    `[tool.strata]\nlayers = ${'['.repeat(10000)}${']'.repeat(10000)}\n`,
    `domains = [${'"a", '.repeat(10000)}]\n`,
    '#'.repeat(1024 * 1024),
  ];
  configs.forEach((config, k) => {
    for (const file of ['/fuzz/strata.toml', '/fuzz/pyproject.toml']) {
      survives('parseConfigText', k, { file, config: config.slice(0, 40) }, () => parseConfigText(file, config));
    }
  });
  const start = { line: 0, column: 0 };
  assert.deepEqual(parseConfigText('/fuzz/strata.toml', configs[0]), {
    status: 'invalid',
    file: '/fuzz/strata.toml',
    problems: [{ file: '/fuzz/strata.toml', range: { start, end: start }, message: 'invalid TOML: nested too deeply to read' }],
  });
  const baselines = [
    `{"version": 1, "violations": ${'['.repeat(200000)}${']'.repeat(200000)}}`,
    '['.repeat(1024 * 1024),
    `{"version": 1, "violations": [${'{"file": "a.py", "rule": "r", "target": "t", "statement": "s", "count": 1}, '.repeat(20000)}null]}`,
  ];
  baselines.forEach((baseline, k) => survives('parseBaseline', k, baseline.slice(0, 40), () => parseBaseline('b.json', baseline)));
  assert.deepEqual(parseBaseline('b.json', baselines[2]), {
    ok: false,
    message: 'the baseline b.json: entry 20001 needs file, rule, target, statement (strings) and count (a positive integer)',
  });
});
