/**
 * Differential test of the import scanner against a real Python parser (@lezer/python) on a
 * generated corpus, then robustness on mutated and random input.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '@lezer/python';
import { scanPythonImports } from '../../server/src/core/extract/python/scanImports';
import type {
  ImportedName, ImportStatement, PythonScan, SourcePosition, SourceSpan, Suppression,
} from '../../server/src/core/extract/python/importStatement';
import { generateCorpus, Rng } from './support/pythonCorpus';
import { repoRoot } from '../support/paths';

type LezerNode = ReturnType<typeof parser.parse>['topNode'];

const CORPUS_SEED = 0x5eed;
const CORPUS_FILES = 400;

// ---------------------------------------------------------------- positions

/** Line starts the way Python and LSP count lines: LF, CRLF and lone CR each end one. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function positionAt(starts: number[], offset: number): SourcePosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: offset - starts[lo] };
}

// ---------------------------------------------------------------- the lezer oracle

function children(node: LezerNode): LezerNode[] {
  const out: LezerNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function errorNodes(node: LezerNode, text: string): string[] {
  const found: string[] = [];
  const cursor = node.cursor();
  do {
    if (cursor.type.isError) found.push(`at ${cursor.from}: ${JSON.stringify(text.slice(Math.max(0, cursor.from - 30), cursor.from + 30))}`);
  } while (cursor.next());
  return found;
}

const SUPPRESSION = /#[ \t]*strata[ \t]*:[ \t]*ignore(?![A-Za-z0-9_\u0080-\uffff])[ \t]*(?:\[([^\]]*)\])?/g;

interface Expected {
  imports: ImportStatement[];
  suppressions: Suppression[];
  /** Error nodes of lezer's tree: the file must have none to be a valid oracle input. */
  errors: string[];
}

/** Imports and suppressions as a real parser sees them, with the scanner's documented semantics. */
function oracle(text: string): Expected {
  const tree = parser.parse(text);
  const starts = lineStarts(text);
  const at = (offset: number) => positionAt(starts, offset);
  const span = (from: number, to: number): SourceSpan => ({ start: at(from), end: at(to) });
  const src = (n: LezerNode) => text.slice(n.from, n.to);
  const flags = new Set(['TYPE_CHECKING']);
  const modules = new Set(['typing', 'typing_extensions']);
  const imports: ImportStatement[] = [];
  const suppressions: Suppression[] = [];

  function guard(cond: LezerNode): number {
    let n = cond;
    let negations = 0;
    for (;;) {
      const kids = children(n);
      if (n.name === 'UnaryExpression' && kids[0]?.name === 'not') {
        negations++;
        n = kids[kids.length - 1];
      } else if (n.name === 'ParenthesizedExpression' && kids.length === 3) {
        n = kids[1];
      } else {
        break;
      }
    }
    const kids = children(n);
    const matched =
      (n.name === 'VariableName' && flags.has(src(n))) ||
      (n.name === 'MemberExpression' && kids.length === 3 && kids[0].name === 'VariableName' &&
        modules.has(src(kids[0])) && kids[2].name === 'PropertyName' && src(kids[2]) === 'TYPE_CHECKING');
    if (!matched) return 0;
    return negations % 2 === 0 ? 1 : 2;
  }

  function importStatement(node: LezerNode, typeCheckingOnly: boolean, functionName: string | undefined): void {
    const kids = children(node).filter((k) => k.name !== 'Comment');
    const names: ImportedName[] = [];
    let k = 1;
    let statement: ImportStatement;
    const context = {
      typeCheckingOnly,
      scope: functionName === undefined ? ('module' as const) : ('function' as const),
      ...(functionName === undefined ? {} : { functionName }),
    };
    if (kids[0].name === 'from') {
      let level = 0;
      while (kids[k].name === '.' || kids[k].name === 'Ellipsis') level += kids[k++].name === '.' ? 1 : 3;
      const parts: string[] = [];
      while (kids[k].name !== 'import') {
        if (kids[k].name === 'VariableName') parts.push(src(kids[k]));
        k++;
      }
      const moduleSpan = span(kids[1].from, kids[k - 1].to);
      k++;
      for (; k < kids.length; k++) {
        const kid = kids[k];
        if (kid.name === 'VariableName' || kid.name === '*') {
          const entry: { name: string; alias?: string; span: SourceSpan } = { name: src(kid), span: span(kid.from, kid.to) };
          if (kids[k + 1]?.name === 'as') {
            entry.alias = src(kids[k + 2]);
            k += 2;
          }
          names.push(entry);
        }
      }
      const module = parts.join('.');
      statement = {
        kind: 'from', level, module, moduleSpan, names, span: span(node.from, node.to), ...context,
        text: `from ${'.'.repeat(level)}${module} import ${names.map((n) => n.name).join(', ')}`,
      };
      if (level === 0 && (module === 'typing' || module === 'typing_extensions')) {
        for (const n of names) if (n.name === 'TYPE_CHECKING') flags.add(n.alias ?? n.name);
      }
    } else {
      while (k < kids.length) {
        const parts = [src(kids[k])];
        const first = kids[k];
        let last = kids[k];
        k++;
        while (kids[k]?.name === '.') {
          last = kids[k + 1];
          parts.push(src(last));
          k += 2;
        }
        const entry: { name: string; alias?: string; span: SourceSpan } = { name: parts.join('.'), span: span(first.from, last.to) };
        if (kids[k]?.name === 'as') {
          entry.alias = src(kids[k + 1]);
          k += 2;
        }
        names.push(entry);
        if (kids[k]?.name === ',') k++;
      }
      statement = {
        kind: 'import', level: 0, module: '', names, span: span(node.from, node.to), ...context,
        text: `import ${names.map((n) => n.name).join(', ')}`,
      };
      for (const n of names) {
        if (n.alias !== undefined && (n.name === 'typing' || n.name === 'typing_extensions')) modules.add(n.alias);
      }
    }
    imports.push(statement);
  }

  function comment(node: LezerNode): void {
    const body = src(node);
    let rules: string[] | undefined;
    for (const m of body.matchAll(SUPPRESSION)) {
      const these = m[1] === undefined ? [] : m[1].split(',').map((r) => r.trim()).filter((r) => r !== '');
      rules = rules === undefined ? these : rules.length === 0 || these.length === 0 ? [] : [...new Set([...rules, ...these])];
    }
    if (rules !== undefined) suppressions.push({ line: at(node.from).line, rules });
  }

  function visit(node: LezerNode, tc: boolean, fn: string | undefined): void {
    switch (node.name) {
      case 'ImportStatement':
        importStatement(node, tc, fn);
        for (const k of children(node)) if (k.name === 'Comment') comment(k);
        return;
      case 'Comment':
        comment(node);
        return;
      case 'FunctionDefinition': {
        const name = children(node).find((k) => k.name === 'VariableName');
        for (const k of children(node)) visit(k, tc, k.name === 'Body' ? src(name!) : fn);
        return;
      }
      case 'IfStatement': {
        let keyword = '';
        let cond: LezerNode | undefined;
        let deadAfter = false;
        for (const k of children(node)) {
          if (k.name === 'if' || k.name === 'elif' || k.name === 'else') {
            keyword = k.name;
            cond = undefined;
          } else if (k.name === 'Body') {
            const g = cond === undefined ? 0 : guard(cond);
            const dead = keyword === 'else' ? deadAfter : (keyword === 'elif' && deadAfter) || g === 1;
            if (g === 2) deadAfter = true;
            visit(k, tc || dead, fn);
          } else {
            if (k.name !== 'Comment') cond = k;
            visit(k, tc, fn);
          }
        }
        return;
      }
      default:
        for (const k of children(node)) visit(k, tc, fn);
    }
  }

  visit(tree.topNode, false, undefined);
  return { imports, suppressions, errors: errorNodes(tree.topNode, text) };
}

// ---------------------------------------------------------------- invariants for any input

function assertSpansInText(text: string, scan: PythonScan, label: string): void {
  const starts = lineStarts(text);
  const lineLength = (line: number) => {
    const end = line + 1 < starts.length ? starts[line + 1] : text.length;
    let e = end;
    while (e > starts[line] && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
    return e - starts[line];
  };
  const inText = (p: SourcePosition, what: string) => {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < starts.length, `${label}: ${what} line ${p.line}`);
    assert.ok(Number.isInteger(p.column) && p.column >= 0 && p.column <= lineLength(p.line), `${label}: ${what} column ${p.column} of line ${p.line}`);
  };
  const ordered = (s: SourceSpan, what: string) => {
    inText(s.start, what);
    inText(s.end, what);
    assert.ok(s.start.line < s.end.line || (s.start.line === s.end.line && s.start.column <= s.end.column), `${label}: ${what} reversed`);
  };
  for (const imp of scan.imports) {
    ordered(imp.span, 'statement span');
    if (imp.moduleSpan) ordered(imp.moduleSpan, 'module span');
    assert.ok(imp.names.length > 0, `${label}: import without names`);
    for (const n of imp.names) ordered(n.span, 'name span');
  }
  for (const s of scan.suppressions) assert.ok(s.line >= 0 && s.line < starts.length, `${label}: suppression line`);
  for (const p of scan.problems) inText(p.position, 'problem');
}

// ---------------------------------------------------------------- tests

const corpus = generateCorpus(CORPUS_SEED, CORPUS_FILES);
let expectedCache: Expected[] | undefined;
/** The oracle's view of every corpus file, computed once for all tests. */
const expected = (): Expected[] => (expectedCache ??= corpus.map((f) => oracle(f.text)));

test('the generated corpus is valid Python for lezer (no error nodes)', () => {
  corpus.forEach((file, k) => assert.deepEqual(expected()[k].errors, [], `${file.name} does not parse`));
});

test('the corpus exercises every form under test', () => {
  const all = expected();
  const imports = all.flatMap((r) => r.imports);
  assert.ok(imports.length > 5000, `only ${imports.length} imports`);
  const count = (p: (s: ImportStatement) => boolean) => imports.filter(p).length;
  assert.ok(count((s) => s.typeCheckingOnly) > 200, 'type-checking-only imports');
  assert.ok(count((s) => s.typeCheckingOnly && s.scope === 'function') > 20, 'type-checking-only imports in functions');
  assert.ok(count((s) => s.scope === 'function') > 500, 'function-scope imports');
  assert.ok(count((s) => s.level >= 3) > 100, 'deep relative imports');
  assert.ok(count((s) => s.span.start.line !== s.span.end.line) > 200, 'multi-line imports');
  assert.ok(count((s) => s.names.some((n) => n.name === '*')) > 20, 'star imports');
  assert.ok(count((s) => s.names.some((n) => n.alias !== undefined)) > 200, 'aliases');
  assert.ok(all.flatMap((r) => r.suppressions).length > 200, 'suppressions');
  assert.ok(corpus.some((f) => f.text.includes('\r\n')) && corpus.some((f) => /\r(?!\n)/.test(f.text)), 'line endings');
  assert.ok(corpus.some((f) => f.text.includes('\n\t')), 'tabs');
});

test('the scanner agrees with lezer on every import and suppression of the corpus', () => {
  let statements = 0;
  corpus.forEach((file, f) => {
    const want = expected()[f];
    const scan = scanPythonImports(file.text);
    assert.deepEqual(scan.problems, [], `${file.name}: problems on valid code`);
    for (let k = 0; k < Math.max(want.imports.length, scan.imports.length); k++) {
      assert.deepEqual(scan.imports[k], want.imports[k], `${file.name}: import #${k}`);
    }
    assert.deepEqual(scan.suppressions, want.suppressions, `${file.name}: suppressions`);
    statements += want.imports.length;
  });
  assert.ok(statements > 5000);
});

/**
 * The benchmark's synthetic backend (scripts/bench/syntheticBackend.mjs): code shaped like a real
 * service (docstrings and comments with box-drawing characters and dashes, f-strings, SQL in
 * triple-quoted strings, wrapped signatures and calls, lazy imports). A slice of it here; the
 * whole 1,985 files with STRATA_BACKEND_DIFFERENTIAL=all (see README, Testing).
 */
test('the scanner agrees with lezer on the realistic benchmark corpus', async () => {
  const generator = path.join(repoRoot, 'scripts', 'bench', 'syntheticBackend.mjs');
  const { syntheticFiles } = (await import(pathToFileURL(generator).href)) as {
    syntheticFiles: (scale: number) => Iterable<{ file?: string; text?: string }>;
  };
  const all = process.env.STRATA_BACKEND_DIFFERENTIAL === 'all';
  let files = 0;
  let nonAscii = 0;
  let statements = 0;
  let k = 0;
  for (const item of syntheticFiles(1)) {
    if (item.text === undefined || item.file === undefined) continue;
    // Every 25th file (about 80 files, 1 MB) and the largest one (3,105 lines).
    const largest = item.text.length > 100_000;
    if (!all && k++ % 25 !== 0 && !largest) continue;
    const want = oracle(item.text);
    assert.deepEqual(want.errors, [], `${item.file} does not parse`);
    const scan = scanPythonImports(item.text);
    assert.deepEqual(scan.problems, [], `${item.file}: problems on valid code`);
    assert.deepEqual(scan.imports, want.imports, `${item.file}: imports`);
    assert.deepEqual(scan.suppressions, want.suppressions, `${item.file}: suppressions`);
    files++;
    statements += want.imports.length;
    if (/[^\x00-\x7f]/.test(item.text)) nonAscii++;
  }
  assert.ok(files >= 70, `only ${files} files`);
  assert.ok(nonAscii > files / 2, `only ${nonAscii} of ${files} files with non-ASCII`);
  assert.ok(statements > 400, `only ${statements} import statements`);
});

const MUTATION_CHARS = ['(', ')', '[', ']', '{', '}', "'", '"', '\\', '\n', '#', ':', ';', '\r', '"""', "'''", 'f"{', 'import ', 'from ', ' ', '\t', 'def '];

function mutate(rng: Rng, text: string): { text: string; at: number } {
  switch (rng.int(0, 3)) {
    case 0: {
      const at = rng.int(0, text.length);
      return { text: text.slice(0, at), at };
    }
    case 1: {
      const at = rng.int(0, Math.max(0, text.length - 1));
      return { text: text.slice(0, at) + text.slice(at + rng.int(1, 3)), at };
    }
    default: {
      const at = rng.int(0, text.length);
      return { text: text.slice(0, at) + rng.pick(MUTATION_CHARS) + text.slice(at), at };
    }
  }
}

function randomText(rng: Rng, length: number): string {
  let s = '';
  for (let k = 0; k < length; k++) {
    if (rng.chance(0.6)) s += rng.pick(MUTATION_CHARS);
    else s += String.fromCharCode(rng.chance(0.8) ? rng.int(0, 127) : rng.int(0, 0xffff));
  }
  return s;
}

test('mutated corpus files: no throw, spans inside the text, earlier imports unchanged', () => {
  const rng = new Rng(0xbad5eed);
  let checked = 0;
  for (let round = 0; round < 3; round++) {
    for (const file of corpus) {
      const original = scanPythonImports(file.text);
      let text = file.text;
      let at = text.length;
      for (let m = rng.int(1, 3); m > 0; m--) {
        const mutation = mutate(rng, text);
        text = mutation.text;
        at = Math.min(at, mutation.at);
      }
      const scan = scanPythonImports(text);
      assertSpansInText(text, scan, file.name);
      // Imports that end on a line before the first change cannot be affected by it.
      const changedLine = positionAt(lineStarts(file.text), at).line;
      const before = original.imports.filter((s) => s.span.end.line < changedLine);
      assert.deepEqual(scan.imports.slice(0, before.length), before, `${file.name}: imports before line ${changedLine}`);
      checked++;
    }
  }
  assert.ok(checked === 3 * corpus.length);
});

test('random input: no throw and spans inside the text', () => {
  const rng = new Rng(42);
  for (let k = 0; k < 2000; k++) {
    const text = randomText(rng, rng.int(0, 400));
    assertSpansInText(text, scanPythonImports(text), `random #${k}`);
  }
});

test('adversarial input stays linear', () => {
  const cases: Record<string, string> = {
    'open brackets': '('.repeat(200_000),
    'open f-string fields': 'f"{'.repeat(60_000),
    'f-string fields with brackets over lines': 'f"{(\n'.repeat(40_000),
    'triple f-string fields over lines': "f'''{\n".repeat(40_000),
    'unterminated docstring': '"""\n' + 'x = 1\n'.repeat(40_000),
    'alternating triple quotes': '"""\'\'\'\n'.repeat(40_000),
    'alternating unterminated triple quotes': 'x = """\ny = \'\'\'\n'.repeat(30_000),
    'unclosed calls': 'x = (\n'.repeat(40_000),
    'many semicolons': 'import a;'.repeat(40_000),
    'long import list': 'from . import (\n' + 'a,\n'.repeat(40_000),
    'continuations': '\\\n'.repeat(100_000),
    'nested f-strings': 'f"{'.repeat(3_000) + '"}'.repeat(3_000),
    'nested format specs': 'f"{x:' + '{x:'.repeat(20_000),
    'strata everywhere': '# strata' + ' strata'.repeat(40_000) + '\nx = "strata" # strata: ignore[' + '\n',
    'hashes in one comment': '#' + '# '.repeat(100_000),
    'stray closers': ')]}'.repeat(60_000),
  };
  for (const [name, text] of Object.entries(cases)) {
    const started = Date.now();
    const scan = scanPythonImports(text);
    const took = Date.now() - started;
    assertSpansInText(text, scan, name);
    assert.ok(took < 2_000, `${name}: ${took} ms for ${text.length} characters`);
  }
});
