/**
 * A deterministic generator of valid Python files that mix every import form the scanner must
 * read with the things that can fool a lexer: decoys in strings, comments and f-strings,
 * continuation lines, semicolons, one-line compound statements, nested blocks, tabs and CRLF.
 *
 * Everything it writes is parsed without error by @lezer/python (the differential test checks
 * that first), which is why t-strings (Python 3.14) are absent: lezer does not know them.
 */

/** mulberry32: small, fast and good enough to drive a generator; never Math.random. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

export interface GeneratedFile {
  name: string;
  text: string;
}

const MODULES = ['os', 'sys', 'json', 'pkg', 'mod', 'alpha', 'beta_2', '_priv', 'café', 'données', 'x1', 'util', 'core', 'models', 'services', 'api', 'db'];
const NAMES = ['Thing', 'helper', 'CONST', 'load', 'Model', 'Session', 'run', 'ÉtatÉ', 'value', 'Base', 'make_x', 'q'];
const ALIASES = ['al', 'bx', 'c_3', 'dd', 'ee', 'ñu'];

/** One statement (possibly spanning lines: `\n` inside `text`), or a block header with its body. */
interface Line {
  depth: number;
  text: string;
}

class FileWriter {
  readonly lines: Line[] = [];
  /** Guard expressions usable in this file (aliases are declared at its top). */
  readonly guards: string[] = ['TYPE_CHECKING', 'typing.TYPE_CHECKING', '(TYPE_CHECKING)'];

  constructor(private readonly rng: Rng, private readonly eol: string) {}

  add(depth: number, text: string): void {
    this.lines.push({ depth, text });
  }

  dotted(): string {
    const parts = [this.rng.pick(MODULES)];
    while (parts.length < 3 && this.rng.chance(0.35)) parts.push(this.rng.pick(MODULES));
    return parts.join(this.rng.chance(0.1) ? ' . ' : '.');
  }

  name(): string {
    return this.rng.pick(NAMES);
  }

  alias(): string {
    return ` as ${this.rng.pick(ALIASES)}`;
  }

  /** An import statement, possibly over several physical lines. */
  importStatement(): string {
    const r = this.rng;
    switch (r.int(0, 12)) {
      case 0:
        return `import ${this.dotted()}`;
      case 1:
        return `import ${this.dotted()}${this.alias()}, ${this.dotted()}`;
      case 2:
        return `from ${this.dotted()} import ${this.name()}`;
      case 3:
        return `from ${this.dotted()} import ${this.name()}${this.alias()}, ${this.name()}`;
      case 4:
        return `from ${'.'.repeat(r.int(1, 4))} import ${this.name()}`;
      case 5:
        return `from ${'.'.repeat(r.int(1, 5))}${this.dotted()} import ${r.chance(0.3) ? '*' : this.name()}`;
      case 6: {
        const items = [];
        for (let k = r.int(1, 4); k > 0; k--) {
          const comment = r.chance(0.3) ? '  # import decoy, strata: ignore[L9]' : '';
          items.push(`    ${this.name()}${r.chance(0.3) ? this.alias() : ''},${comment}`);
        }
        const level = r.chance(0.5) ? '.'.repeat(r.int(1, 3)) : '';
        return `from ${level}${this.dotted()} import (  # opening\n${items.join('\n')}\n)`;
      }
      case 7:
        return `from ${this.dotted()} import (${this.name()}, ${this.name()}${this.alias()},)`;
      case 8:
        return `from ${this.dotted()} \\\n    import ${this.name()}`;
      case 9:
        return `import ${this.dotted()}, \\\n\t${this.dotted()}${this.alias()}`;
      case 10:
        return `from . ${this.rng.pick(MODULES)} import ${this.name()}`;
      case 11:
        return `from.${this.rng.pick(MODULES)} import ${this.name()}`;
      default:
        return `import ${this.dotted()}  # trailing comment with import x`;
    }
  }

  /** Text that contains import-like words where no import is. */
  decoy(): string {
    const r = this.rng;
    switch (r.int(0, 19)) {
      case 0: return `s = "import fake"`;
      case 1: return `s = 'from fake import x'`;
      case 2: return `s = """\nimport fake\n  from fake import y\n"""`;
      case 3: return `x = 1  # import fake`;
      case 4: return `s = f"{d['k']} import fake"`;
      case 5: return `s = f"{x:{w}} from fake import y"`;
      case 6: return `s = rb'\\x00 import fake'`;
      case 7: return `s = f'{"nested # not a comment"}'`;
      case 8: return `s = "esc \\" import fake"`;
      case 9: return `s = f"{{import fake}}"`;
      case 10: return `s = f"{d["k"]} # import fake"`;
      case 11: return `s = f"{f'{x!r:>{w}}'} import fake"`;
      case 12: return `s = '''it's\nimport fake'''`;
      case 13: return `s = Rb"\\\\" + BR'\\'' + u"import fake"`;
      case 14: return `s = f"""multi\nline {x}\nimport fake {"{"}"""`;
      case 15: return `s = "# strata: ignore[L1-L2]"  # strata: ignore[L2-L5, L3-DB]`;
      case 16: return `s = ("import fake",\n  'from fake import z',\n)`;
      case 17: return `s = f"\\N{BULLET} {x} import fake"`;
      // lezer reads a backslash before CRLF inside a string as an escape of the CR alone.
      case 18: return this.eol === '\r\n' ? `s = 'import \\\\'` : `s = 'import \\\nfake'`;
      default: return `s = fR'{x}\\d import fake'`;
    }
  }

  simple(): string {
    const r = this.rng;
    switch (r.int(0, 7)) {
      case 0: return `x = ${r.int(0, 99)}`;
      case 1: return `print(x, y)`;
      case 2: return `value: int = ${r.int(0, 9)}`;
      case 3: return `data = [\n1,\n    2,\n        3,\n]`;
      case 4: return `call(a,\n  b=lambda q: q,\n)`;
      case 5: return `f = lambda a: a; g = {1: 2}`;
      case 6: return `if (n := len(x)) > 1: pass`;
      default: return `total = (1 +\n2)`;
    }
  }

  /** A simple-statement line that may hold imports after `;`. */
  semicolons(): string {
    const r = this.rng;
    switch (r.int(0, 3)) {
      case 0: return `x = 1; ${this.importStatement1()}`;
      case 1: return `${this.importStatement1()}; ${this.importStatement1()}`;
      case 2: return `${this.importStatement1()}; x = "import fake"; ${this.importStatement1()}`;
      default: return `${this.importStatement1()};`;
    }
  }

  /** A one-line import (no parentheses or continuations). */
  importStatement1(): string {
    const r = this.rng;
    return r.chance(0.5) ? `import ${this.dotted()}` : `from ${'.'.repeat(r.int(0, 2))}${this.dotted()} import ${this.name()}`;
  }

  statement(depth: number): void {
    const r = this.rng;
    const k = r.int(0, 9);
    if (k <= 3) this.add(depth, this.importStatement());
    else if (k <= 5) this.add(depth, this.decoy());
    else if (k === 6) this.add(depth, this.semicolons());
    else if (k === 7) this.add(depth, this.simple());
    else {
      // Blank and comment-only lines are no statements: a real one follows so no block is empty.
      if (k === 8) this.add(-1, r.chance(0.5) ? '' : '# comment at column 0 inside a block: import fake');
      else this.add(depth, `# strata: ignore${r.chance(0.5) ? '' : '[L3-DB]'}`);
      this.add(depth, r.chance(0.5) ? this.importStatement1() : 'pass');
    }
  }

  body(depth: number, budget: number): void {
    const count = this.rng.int(1, 4);
    for (let k = 0; k < count; k++) this.item(depth, budget - 1);
  }

  item(depth: number, budget: number): void {
    const r = this.rng;
    if (budget <= 0 || depth >= 5) {
      this.statement(depth);
      return;
    }
    switch (r.int(0, 13)) {
      case 0:
      case 1:
        return this.ifBlock(depth, budget);
      case 2:
        return this.functionBlock(depth, budget);
      case 3:
        return this.classBlock(depth, budget);
      case 4:
        return this.tryBlock(depth, budget);
      case 5:
        return this.otherBlock(depth, budget);
      case 6:
        return this.oneLiner(depth);
      default:
        return this.statement(depth);
    }
  }

  ifBlock(depth: number, budget: number): void {
    const r = this.rng;
    const cond = r.chance(0.7) ? r.pick(this.guards) : r.pick(['x', 'TYPE_CHECKING and x', 'TYPE_CHECKING_2', 'a.TYPE_CHECKING']);
    const negate = r.chance(0.25) ? 'not ' : '';
    this.add(depth, `if ${negate}${cond}:${r.chance(0.2) ? '  # guard' : ''}`);
    this.body(depth + 1, budget);
    if (r.chance(0.4)) {
      this.add(depth, `elif ${r.chance(0.5) ? r.pick(this.guards) : 'y'}:`);
      this.body(depth + 1, budget);
    }
    if (r.chance(0.5)) {
      if (r.chance(0.3)) {
        this.add(depth, `else: ${this.importStatement1()}; ${this.importStatement1()}`);
      } else {
        this.add(depth, 'else:');
        this.body(depth + 1, budget);
      }
    }
  }

  functionBlock(depth: number, budget: number): void {
    const r = this.rng;
    if (r.chance(0.3)) this.add(depth, `@decorator(${r.chance(0.5) ? 'x' : ''})`);
    const name = r.pick(['f', 'g', 'handler', 'método', 'run_it']) + r.int(0, 9);
    const params = r.chance(0.3) ? '(\n  a: int,\nb: "str:x" = ":",\n)' : '(self, x=None)';
    this.add(depth, `${r.chance(0.2) ? 'async ' : ''}def ${name}${params} -> None:`);
    if (r.chance(0.3)) this.add(depth + 1, `"""Docstring: import fake."""`);
    this.body(depth + 1, budget);
  }

  classBlock(depth: number, budget: number): void {
    const r = this.rng;
    this.add(depth, `class ${r.pick(['A', 'B', 'Ç'])}${r.int(0, 9)}(${r.chance(0.5) ? 'Base' : ''}):`);
    const count = r.int(1, 3);
    for (let k = 0; k < count; k++) {
      if (r.chance(0.5)) this.functionBlock(depth + 1, budget - 1);
      else this.item(depth + 1, budget - 1);
    }
  }

  tryBlock(depth: number, budget: number): void {
    const r = this.rng;
    this.add(depth, 'try:');
    this.body(depth + 1, budget);
    this.add(depth, r.pick(['except ImportError:', 'except (ImportError, OSError) as exc:', 'except Exception:']));
    this.body(depth + 1, budget);
    if (r.chance(0.4)) {
      this.add(depth, 'else:');
      this.body(depth + 1, budget);
    }
    if (r.chance(0.3)) {
      this.add(depth, 'finally:');
      this.body(depth + 1, budget);
    }
  }

  otherBlock(depth: number, budget: number): void {
    const r = this.rng;
    switch (r.int(0, 3)) {
      case 0:
        this.add(depth, 'with open("x") as fh, ctx():');
        break;
      case 1:
        this.add(depth, 'for i in map(lambda v: v, items):');
        break;
      case 2:
        this.add(depth, 'while (n := n - 1) > 0:');
        break;
      default:
        this.add(depth, 'match command:');
        this.add(depth + 1, `case {"k": 1} | [1, 2]:`);
        this.body(depth + 2, budget);
        this.add(depth + 1, 'case _:');
        this.body(depth + 2, budget);
        return;
    }
    this.body(depth + 1, budget);
  }

  oneLiner(depth: number): void {
    const r = this.rng;
    switch (r.int(0, 6)) {
      case 0:
        this.add(depth, `if ${r.pick(this.guards)}: ${this.importStatement1()}`);
        if (r.chance(0.5)) this.add(depth, `else: ${this.importStatement1()}; ${this.importStatement1()}`);
        return;
      case 1:
        this.add(depth, `def one${r.int(0, 9)}(): ${this.importStatement1()}`);
        return;
      case 2:
        this.add(depth, `try: ${this.importStatement1()}`);
        this.add(depth, `except ImportError: pass`);
        return;
      case 3:
        this.add(depth, `class K: ${this.importStatement1()}`);
        return;
      case 4:
        this.add(depth, `for _ in []: ${this.importStatement1()}; ${this.importStatement1()}`);
        return;
      case 5:
        this.add(depth, `with ctx: ${this.importStatement1()}`);
        return;
      default:
        this.add(depth, `if not ${r.pick(this.guards)}: ${this.importStatement1()}`);
        this.add(depth, `else: ${this.importStatement1()}`);
    }
  }
}

export interface FileStyle {
  indent: string;
  eol: string;
}

export function generatePythonFile(rng: Rng): { text: string; style: FileStyle } {
  const style: FileStyle = {
    indent: rng.pick(['    ', '  ', '\t', '        ']),
    eol: rng.pick(['\n', '\n', '\r\n', '\r']),
  };
  const w = new FileWriter(rng, style.eol);
  if (rng.chance(0.3)) w.add(0, '"""Module docstring mentioning import os."""');
  if (rng.chance(0.5)) w.add(0, 'from __future__ import annotations');
  if (rng.chance(0.5)) {
    w.add(0, 'import typing as t');
    w.guards.push('t.TYPE_CHECKING');
  }
  if (rng.chance(0.5)) {
    w.add(0, 'from typing import TYPE_CHECKING as TC');
    w.guards.push('TC');
  }
  if (rng.chance(0.3)) {
    w.add(0, 'import typing_extensions as te');
    w.guards.push('te.TYPE_CHECKING');
  }
  const count = rng.int(5, 25);
  for (let k = 0; k < count; k++) w.item(0, 3);
  const text = w.lines
    .map((l) => (l.depth < 0 ? l.text : style.indent.repeat(l.depth) + l.text))
    .join('\n')
    .concat('\n')
    .replace(/\n/g, style.eol);
  return { text, style };
}

export function generateCorpus(seed: number, count: number): GeneratedFile[] {
  const rng = new Rng(seed);
  const files: GeneratedFile[] = [];
  for (let k = 0; k < count; k++) files.push({ name: `gen_${seed}_${k}.py`, text: generatePythonFile(rng).text });
  return files;
}
