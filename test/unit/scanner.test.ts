/**
 * One focused case per tricky form the Python import scanner must read. Positions are 0-based
 * lines and UTF-16 columns. Sources are written as arrays of lines so that columns can be read
 * off the test itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPythonImportBytes, scanPythonImports } from '../../server/src/core/extract/python/scanImports';
import type { ImportStatement, PythonScan, SourceSpan } from '../../server/src/core/extract/python/importStatement';

const span = (l1: number, c1: number, l2: number, c2: number): SourceSpan => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
});

const py = (...lines: string[]) => lines.join('\n');

/** The one import of `text`, which must scan without problems. */
function single(text: string): ImportStatement {
  const scan = scanPythonImports(text);
  assert.deepEqual(scan.problems, []);
  assert.equal(scan.imports.length, 1, `expected one import, got ${JSON.stringify(scan.imports.map((s) => s.text))}`);
  return scan.imports[0];
}

/** Compact, exact view of every import: `line:column text [tc] [fn name]`. */
function summary(scan: PythonScan): string[] {
  return scan.imports.map((s) => {
    let out = `${s.span.start.line}:${s.span.start.column} ${s.text}`;
    if (s.typeCheckingOnly) out += ' [tc]';
    if (s.scope === 'function') out += ` [fn ${s.functionName}]`;
    else assert.equal(s.functionName, undefined);
    return out;
  });
}

function clean(text: string): string[] {
  const scan = scanPythonImports(text);
  assert.deepEqual(scan.problems, []);
  return summary(scan);
}

// ---------------------------------------------------------------- statement forms

test('plain import with dotted name, alias and a second module', () => {
  assert.deepEqual(single('import a.b as c, d'), {
    kind: 'import',
    level: 0,
    module: '',
    names: [
      { name: 'a.b', alias: 'c', span: span(0, 7, 0, 10) },
      { name: 'd', span: span(0, 17, 0, 18) },
    ],
    span: span(0, 0, 0, 18),
    typeCheckingOnly: false,
    scope: 'module',
    text: 'import a.b, d',
  });
});

test('a dotted name written with spaces is normalised, its span is as written', () => {
  const s = single('import a . b  .c');
  assert.deepEqual(s.names, [{ name: 'a.b.c', span: span(0, 7, 0, 16) }]);
  assert.equal(s.text, 'import a.b.c');
});

test('relative from-import in parentheses over several lines, with comments and a trailing comma', () => {
  const s = single(py(
    'from ..x . y import (  # why',
    '    a as b,  # first',
    '    c,',
    ')  # done',
  ));
  assert.deepEqual(s, {
    kind: 'from',
    level: 2,
    module: 'x.y',
    moduleSpan: span(0, 5, 0, 12),
    names: [
      { name: 'a', alias: 'b', span: span(1, 4, 1, 5) },
      { name: 'c', span: span(2, 4, 2, 5) },
    ],
    span: span(0, 0, 3, 1),
    typeCheckingOnly: false,
    scope: 'module',
    text: 'from ..x.y import a, c',
  });
});

test('from . import x', () => {
  const s = single('from . import x');
  assert.equal(s.level, 1);
  assert.equal(s.module, '');
  assert.deepEqual(s.moduleSpan, span(0, 5, 0, 6));
  assert.deepEqual(s.names, [{ name: 'x', span: span(0, 14, 0, 15) }]);
  assert.deepEqual(s.span, span(0, 0, 0, 15));
  assert.equal(s.text, 'from . import x');
});

test('from .. import * is a star import', () => {
  const s = single('from .. import *');
  assert.equal(s.level, 2);
  assert.deepEqual(s.moduleSpan, span(0, 5, 0, 7));
  assert.deepEqual(s.names, [{ name: '*', span: span(0, 15, 0, 16) }]);
  assert.equal(s.text, 'from .. import *');
});

test('three and four leading dots: `...` counts as three dots', () => {
  const three = single('from ...pkg import z');
  assert.equal(three.level, 3);
  assert.equal(three.module, 'pkg');
  assert.deepEqual(three.moduleSpan, span(0, 5, 0, 11));
  assert.equal(three.text, 'from ...pkg import z');
  const four = single('from .... import x');
  assert.equal(four.level, 4);
  assert.equal(four.module, '');
  assert.deepEqual(four.moduleSpan, span(0, 5, 0, 9));
  assert.equal(four.text, 'from .... import x');
});

test('dots glued to the keywords: from.a import b and from .import x', () => {
  const a = single('from.a import b');
  assert.equal(a.level, 1);
  assert.equal(a.module, 'a');
  assert.deepEqual(a.moduleSpan, span(0, 4, 0, 6));
  const b = single('from .import x');
  assert.equal(b.level, 1);
  assert.deepEqual(b.moduleSpan, span(0, 5, 0, 6));
  assert.deepEqual(b.names[0].span, span(0, 13, 0, 14));
});

test('backslash continuations inside the statement, LF and CRLF', () => {
  const s = single('from a \\\n  import b');
  assert.deepEqual(s.moduleSpan, span(0, 5, 0, 6));
  assert.deepEqual(s.names, [{ name: 'b', span: span(1, 9, 1, 10) }]);
  assert.deepEqual(s.span, span(0, 0, 1, 10));
  const t = single('import a, \\\r\n    b.c as d');
  assert.deepEqual(t.names, [
    { name: 'a', span: span(0, 7, 0, 8) },
    { name: 'b.c', alias: 'd', span: span(1, 4, 1, 7) },
  ]);
  assert.deepEqual(t.span, span(0, 0, 1, 12));
});

test('semicolons: every import of the line, and only imports', () => {
  assert.deepEqual(clean('import os; import sys'), ['0:0 import os', '0:11 import sys']);
  assert.deepEqual(clean('x = 1; from a import b'), ['0:7 from a import b']);
  assert.deepEqual(clean('import a;'), ['0:0 import a']);
  assert.deepEqual(clean('import a; x = "; import fake"; from . import b  # ; import fake'), ['0:0 import a', '0:31 from . import b']);
});

test('comments hide imports, also after code', () => {
  assert.deepEqual(clean(py('import a  # import b', '# import c', '   # from d import e', 'import f')), ['0:0 import a', '3:0 import f']);
});

test('tabs count as one column in positions', () => {
  assert.deepEqual(clean(py('if x:', '\timport a', '\tdef f():', '\t\timport b', '\timport c', 'import d')), [
    '1:1 import a',
    '3:2 import b [fn f]',
    '4:1 import c',
    '5:0 import d',
  ]);
});

test('LF, CRLF and CR line endings give the same positions', () => {
  const lines = ['x = """a', 'b"""', 'from m import (', '    n,', ')', 'import o  # strata: ignore'];
  const lf = scanPythonImports(lines.join('\n'));
  assert.deepEqual(summary(lf), ['2:0 from m import n', '5:0 import o']);
  assert.deepEqual(lf.imports[0].span, span(2, 0, 4, 1));
  assert.deepEqual(lf.suppressions, [{ line: 5, rules: [] }]);
  assert.deepEqual(scanPythonImports(lines.join('\r\n')), lf);
  assert.deepEqual(scanPythonImports(lines.join('\r')), lf);
  assert.deepEqual(scanPythonImports(lines.join('\r\n').replace('\r\nimport o', '\rimport o')), lf);
});

// ---------------------------------------------------------------- strings

test('string forms end where Python ends them: prefixes, escapes, raw, triple quotes', () => {
  const text = py(
    String.raw`s = "import a"; import real1`,
    String.raw`s = 'from b import c'; import real2`,
    String.raw`s = r'\'; import fake'; import real3`,
    String.raw`s = b"\"import fake\""; import real4`,
    String.raw`s = rb'\\'; import real5`,
    String.raw`s = Rb"x" BR"y" bR'v' rB"q", u'z', U"w"; import real6`,
    String.raw`s = '#'; import real7`,
    String.raw`s = """`,
    String.raw`import fake`,
    String.raw`""" ; import real8`,
    String.raw`s = '''it's "import fake"'''; import real9`,
    "s = 'a\\",
    String.raw`import fake'; import real10`,
    String.raw`s = """a\""" import fake"""; import real11`,
    String.raw`s = ''; import real12`,
    String.raw`s = """""" ; import real13`,
  );
  assert.deepEqual(clean(text), [
    '0:16 import real1',
    '1:23 import real2',
    '2:24 import real3',
    '3:24 import real4',
    '4:12 import real5',
    '5:41 import real6',
    '6:9 import real7',
    '9:6 import real8',
    '10:30 import real9',
    '12:14 import real10',
    '13:29 import real11',
    '14:8 import real12',
    '15:13 import real13',
  ]);
});

test('f-strings: PEP 701 same-quote nesting, nested f-strings, {{ }}, format specs, escapes', () => {
  const text = py(
    String.raw`s = f"{d["#"]}"; import real1`,
    String.raw`s = f"{f'{x}'} {f"{y}"}"; import real2`,
    String.raw`s = f"{{'"; import real3`,
    String.raw`s = f"}}{{"; import real4`,
    String.raw`s = f"{x:{'"'}}"; import real5`,
    String.raw`s = f"{x:{width}.{precision}}"; import real6`,
    String.raw`s = f"{x!r:>{w}}"; import real7`,
    String.raw`s = f"\N{EM DASH} {x}"; import real8`,
    String.raw`s = rf"\N{x}"; import real9`,
    String.raw`s = f"{'{'}"; import real10`,
    String.raw`s = f"""{`,
    String.raw`    x  # comment with " quote`,
    String.raw`}"""; import real11`,
    String.raw`s = f'{a["k"]!s:{"^"}{10}}'; import real12`,
    String.raw`s = f"{x = }"; import real13`,
    String.raw`s = f"{1+2 = # a comment, then a newline inside the field`,
    String.raw`  }"; import real14`,
    String.raw`s = F"{x}" Rf'{y}' fR"{z}" FR'{{'; import real15`,
    String.raw`s = f"{(lambda v: v)(1)} {a[1:2]} { {'k': 1}['k'] }"; import real16`,
    // `\{` is an invalid escape: the backslash stays and the brace still opens a field.
    String.raw`s = f"\{d["#"]}"; import real17`,
    String.raw`s = rf"\{d["#"]}"; import real18`,
  );
  assert.deepEqual(clean(text), [
    '0:17 import real1',
    '1:26 import real2',
    '2:12 import real3',
    '3:13 import real4',
    '4:18 import real5',
    '5:32 import real6',
    '6:19 import real7',
    '7:24 import real8',
    '8:15 import real9',
    '9:14 import real10',
    '12:6 import real11',
    '13:29 import real12',
    '14:15 import real13',
    '16:6 import real14',
    '17:35 import real15',
    '18:54 import real16',
    '19:18 import real17',
    '20:19 import real18',
  ]);
});

test('t-strings (Python 3.14) are read like f-strings', () => {
  assert.deepEqual(clean(py(
    String.raw`s = t"{d["#"]}"; import real1`,
    String.raw`s = tr"\{x}" Rt'{y}'; import real2`,
    String.raw`s = T"{{'"; import real3`,
  )), ['0:17 import real1', '1:22 import real2', '2:12 import real3']);
});

// ---------------------------------------------------------------- compound statements

test('one-line compound statements', () => {
  assert.deepEqual(clean(py(
    'if TYPE_CHECKING: import a',
    'def f(): import b',
    'try: import c',
    'except ImportError: import d',
    'if x: pass',
    'else: from e import g; import h',
    'class K: import i',
    'for _ in y: import j; import k',
    'while z: import l',
    'with w: import m',
    'async def g(): import n',
    'if (n := 3): import o',
    'if n := 3: import p',
    'for v in map(lambda q: q, y): import r',
    'x: int = 1; import s',
    'def h(a: "x:y" = {1: 2}) -> dict[str, int]: import t',
    'if TYPE_CHECKING: import u; import v',
  )), [
    '0:18 import a [tc]',
    '1:9 import b [fn f]',
    '2:5 import c',
    '3:20 import d',
    '5:6 from e import g',
    '5:23 import h',
    '6:9 import i',
    '7:12 import j',
    '7:22 import k',
    '8:9 import l',
    '9:8 import m',
    '10:15 import n [fn g]',
    '11:13 import o',
    '12:11 import p',
    '13:30 import r',
    '14:12 import s',
    '15:44 import t [fn h]',
    '16:18 import u [tc]',
    '16:28 import v [tc]',
  ]);
});

// ---------------------------------------------------------------- TYPE_CHECKING

test('TYPE_CHECKING guards: the flag, typing/typing_extensions attributes, aliases, parentheses', () => {
  assert.deepEqual(clean(py(
    'import typing as t',
    'import typing_extensions as te',
    'from typing import TYPE_CHECKING as TC',
    'from typing_extensions import TYPE_CHECKING',
    'if TYPE_CHECKING:',
    '    import a1',
    'if typing.TYPE_CHECKING:',
    '    import a2',
    'if t.TYPE_CHECKING:',
    '    import a3',
    'if TC:',
    '    import a4',
    'if te.TYPE_CHECKING:',
    '    import a5',
    'if typing_extensions.TYPE_CHECKING:',
    '    import a6',
    'if (TYPE_CHECKING):',
    '    import a7',
    'if ( t . TYPE_CHECKING ):  # why',
    '    import a8',
    'if TYPE_CHECKING and x:',
    '    import b1',
    'if other.TYPE_CHECKING:',
    '    import b2',
    'if TYPE_CHECKING_X:',
    '    import b3',
    'if TC():',
    '    import b4',
  )), [
    '0:0 import typing',
    '1:0 import typing_extensions',
    '2:0 from typing import TYPE_CHECKING',
    '3:0 from typing_extensions import TYPE_CHECKING',
    '5:4 import a1 [tc]',
    '7:4 import a2 [tc]',
    '9:4 import a3 [tc]',
    '11:4 import a4 [tc]',
    '13:4 import a5 [tc]',
    '15:4 import a6 [tc]',
    '17:4 import a7 [tc]',
    '19:4 import a8 [tc]',
    '21:4 import b1',
    '23:4 import b2',
    '25:4 import b3',
    '27:4 import b4',
  ]);
});

test('an alias only counts once it is imported', () => {
  assert.deepEqual(clean(py('if t.TYPE_CHECKING:', '    import a', 'import typing as t', 'if t.TYPE_CHECKING:', '    import b')), [
    '1:4 import a',
    '2:0 import typing',
    '4:4 import b [tc]',
  ]);
});

test('elif and else of a TYPE_CHECKING guard run; those after `if not TYPE_CHECKING` do not', () => {
  assert.deepEqual(clean(py(
    'if TYPE_CHECKING:',
    '    import a',
    'elif x:',
    '    import b',
    'else:',
    '    import c',
    'import d',
    'if not TYPE_CHECKING:',
    '    import e',
    'elif y:',
    '    import f',
    'else:',
    '    import g',
    'if x:',
    '    import h',
    'elif TYPE_CHECKING:',
    '    import i',
    'else:',
    '    import j',
    'if not (TYPE_CHECKING): import k',
    'else: import l',
  )), [
    '1:4 import a [tc]',
    '3:4 import b',
    '5:4 import c',
    '6:0 import d',
    '8:4 import e',
    '10:4 import f [tc]',
    '12:4 import g [tc]',
    '14:4 import h',
    '16:4 import i [tc]',
    '18:4 import j',
    '19:24 import k',
    '20:6 import l [tc]',
  ]);
});

test('an else of try/for after a TYPE_CHECKING guard is not the guard\'s else', () => {
  assert.deepEqual(clean(py(
    'if not TYPE_CHECKING:',
    '    pass',
    'try:',
    '    pass',
    'except E:',
    '    pass',
    'else:',
    '    import a',
    'if not TYPE_CHECKING:',
    '    pass',
    'for v in w:',
    '    pass',
    'else:',
    '    import b',
  )), ['7:4 import a', '13:4 import b']);
});

test('blocks follow indentation: nested defs and classes, comments, blank and bracketed lines', () => {
  assert.deepEqual(clean(py(
    'if TYPE_CHECKING:',
    '    def f():',
    '        import a',
    '    class C:',
    '        import b',
    '    import c',
    '        # comment deeper',
    '# comment at column 0',
    '',
    '    import d',
    '    x = [',
    '1,',
    ']',
    '    import e',
    '    y = 1 + \\',
    '2',
    '    s = """',
    'text at column 0',
    '"""',
    '    import f',
    'import g',
  )), [
    '2:8 import a [tc] [fn f]',
    '4:8 import b [tc]',
    '5:4 import c [tc]',
    '9:4 import d [tc]',
    '13:4 import e [tc]',
    '19:4 import f [tc]',
    '20:0 import g',
  ]);
});

test('indentation uses Python\'s tab rule: a tab advances to the next multiple of 8', () => {
  // Python itself would reject this mix with TabError; the point is the column arithmetic:
  // eight spaces are exactly as deep as one tab, so they close the `if` opened at one tab.
  assert.deepEqual(clean(py(
    'def f():',
    '\tif TYPE_CHECKING:',
    '\t\timport a',
    '        import b',
    '  \t  import c',
    'import d',
  )), ['2:2 import a [tc] [fn f]', '3:8 import b [fn f]', '4:5 import c [fn f]', '5:0 import d']);
});

test('a form feed in the indentation resets the column', () => {
  assert.deepEqual(clean(py('if TYPE_CHECKING:', '    import a', '\f    import b', '    \fimport c')), [
    '1:4 import a [tc]',
    '2:5 import b [tc]',
    '3:5 import c',
  ]);
});

// ---------------------------------------------------------------- scope

test('scope: functions at any depth, methods, innermost name; classes and other blocks stay module', () => {
  assert.deepEqual(clean(py(
    'import a',
    'class C:',
    '    import b',
    '    def m(self):',
    '        import c',
    '        def inner():',
    '            import d',
    '        import e',
    '    @decorator',
    '    def n(self): import f',
    '    import g',
    'async def h():',
    '    for x in y:',
    '        import i',
    '    class Local:',
    '        import j',
    'if x:',
    '    import k',
    'with c:',
    '    import l',
    'match p:',
    '    case 1:',
    '        import m',
    'def lam(',
    '    a,',
    'b):',
    '    import n',
    '@decorator(',
    '  arg)',
    'def deco():',
    '    import o',
    'import p',
  )), [
    '0:0 import a',
    '2:4 import b',
    '4:8 import c [fn m]',
    '6:12 import d [fn inner]',
    '7:8 import e [fn m]',
    '9:17 import f [fn n]',
    '10:4 import g',
    '13:8 import i [fn h]',
    '15:8 import j [fn h]',
    '17:4 import k',
    '19:4 import l',
    '22:8 import m',
    '26:4 import n [fn lam]',
    '30:4 import o [fn deco]',
    '31:0 import p',
  ]);
});

// ---------------------------------------------------------------- suppressions

test('strata suppressions: rules, whitespace, bare form, after other comments; not in strings', () => {
  const scan = scanPythonImports(py(
    'import a  # strata: ignore[L2-L5, L3-DB]',
    '#strata:ignore[ L5-sqlmodel ]',
    'import b  # strata: ignore',
    'import c  # noqa  # strata: ignore[L2-L5]',
    's = "# strata: ignore[L1]"',
    '# strata: ignored',
    '# the strata: ignore[L1] rule',
    'from d import (  # strata: ignore[L3-DB]',
    '    e,  # strata :  ignore [ L2-L5 ]',
    ')',
    's = """',
    '# strata: ignore[L1]',
    '"""',
  ));
  assert.deepEqual(scan.suppressions, [
    { line: 0, rules: ['L2-L5', 'L3-DB'] },
    { line: 1, rules: ['L5-sqlmodel'] },
    { line: 2, rules: [] },
    { line: 3, rules: ['L2-L5'] },
    { line: 7, rules: ['L3-DB'] },
    { line: 8, rules: ['L2-L5'] },
  ]);
  assert.deepEqual(scan.problems, []);
});

test('a strata suppression with an unclosed bracket or no rules is a problem, not a blanket silence', () => {
  const scan = scanPythonImports('x = 1  # strata: ignore[L2-L5\nimport a  # strata: ignore[ , ]\n');
  assert.deepEqual(scan.suppressions, []);
  assert.deepEqual(scan.problems, [
    { position: { line: 0, column: 23 }, message: "unclosed '[' in strata suppression comment" },
    { position: { line: 1, column: 26 }, message: "empty rule list in strata suppression comment (use '# strata: ignore' for all rules)" },
  ]);
  assert.deepEqual(summary(scan), ['1:0 import a']);
});

// ---------------------------------------------------------------- broken input

test('an unclosed bracket is reported and scanning recovers at a line starting a statement', () => {
  const scan = scanPythonImports(py('import a', 'x = foo(1,', 'import b', 'def f():', '    import c'));
  assert.deepEqual(summary(scan), ['0:0 import a', '2:0 import b', '4:4 import c [fn f]']);
  assert.deepEqual(scan.problems, [{ position: { line: 1, column: 7 }, message: "unclosed '(' opened at line 2" }]);
});

test('recovery also at def, class and from … import, keeping indentation', () => {
  const scan = scanPythonImports(py(
    'x = [1,',
    'def f():',
    '    y = {',
    '    from . import a',
    'class C(',
    '    import b',
  ));
  assert.deepEqual(summary(scan), ['3:4 from . import a [fn f]', '5:4 import b']);
  assert.deepEqual(scan.problems, [
    { position: { line: 0, column: 4 }, message: "unclosed '[' opened at line 1" },
    { position: { line: 2, column: 8 }, message: "unclosed '{' opened at line 3" },
    { position: { line: 4, column: 7 }, message: "unclosed '(' opened at line 5" },
  ]);
});

test('no recovery inside brackets for keywords that may appear there', () => {
  assert.deepEqual(clean(py(
    'def g():',
    '    x = (yield',
    '         from gen)',
    'y = [v',
    '     for v in w',
    '     if v]',
    'z = (a',
    '     if b',
    '     else c)',
    'm = (a',
    '     @ b)',
    'n = (lambda:',
    '     0)',
    'o = (not',
    '     p)',
    'q = [v',
    '     async for v in w]',
    'import_ = (1,',
    'import_x)',
    'import r',
  )), ['19:0 import r']);
});

test('stray and mismatched closing brackets', () => {
  const scan = scanPythonImports(py(')', 'import a', 'x = [1)]', 'import b'));
  assert.deepEqual(summary(scan), ['1:0 import a', '3:0 import b']);
  assert.deepEqual(scan.problems, [
    { position: { line: 0, column: 0 }, message: "unmatched ')'" },
    { position: { line: 2, column: 6 }, message: "closing ')' does not match '[' opened at line 3" },
    { position: { line: 2, column: 7 }, message: "unmatched ']'" },
  ]);
});

test('an unterminated single-quoted string ends at the end of its line', () => {
  const scan = scanPythonImports(py("x = 'abc", 'import a', 'y = b"d', 'import b'));
  assert.deepEqual(summary(scan), ['1:0 import a', '3:0 import b']);
  assert.deepEqual(scan.problems, [
    { position: { line: 0, column: 4 }, message: 'unterminated string at line 1' },
    { position: { line: 2, column: 4 }, message: 'unterminated string at line 3' },
  ]);
});

test('an unterminated triple-quoted string is reported and the scan resumes on the next line', () => {
  const scan = scanPythonImports(py('import a', 'x = """abc', 'import b', "y = f'''{", 'import c'));
  assert.deepEqual(summary(scan), ['0:0 import a', '2:0 import b', '4:0 import c']);
  assert.deepEqual(scan.problems, [
    { position: { line: 1, column: 4 }, message: 'unterminated triple-quoted string starting at line 2' },
    { position: { line: 3, column: 4 }, message: 'unterminated triple-quoted string starting at line 4' },
  ]);
});

test('an f-string field left open does not swallow the next statement', () => {
  const scan = scanPythonImports(py('s = f"{x', 'import a', 's = f"{foo(', 'y = 1', 'import b'));
  assert.deepEqual(summary(scan), ['1:0 import a', '4:0 import b']);
  assert.deepEqual(scan.problems, [
    { position: { line: 0, column: 4 }, message: 'unterminated string at line 1' },
    { position: { line: 2, column: 4 }, message: 'unterminated string at line 3' },
  ]);
});

test('import statements that do not parse are problems, not statements', () => {
  const scan = scanPythonImports(py(
    'from import x',
    'import',
    'from a import',
    'import a as',
    'from a import b,',
    'from a import (b c)',
    'import a.',
    'from a import if',
    'import "os"',
    'from a import ()',
    'import ok',
  ));
  assert.deepEqual(summary(scan), ['10:0 import ok']);
  assert.deepEqual(scan.problems, [
    { position: { line: 0, column: 5 }, message: "expected a module name after 'from'" },
    { position: { line: 1, column: 6 }, message: "expected a module name after 'import'" },
    { position: { line: 2, column: 13 }, message: "expected a name, '*' or '(' after 'import'" },
    { position: { line: 3, column: 11 }, message: "expected a name after 'as'" },
    { position: { line: 4, column: 16 }, message: "expected a name after ','" },
    { position: { line: 5, column: 17 }, message: "expected ')' to close the import list" },
    { position: { line: 6, column: 9 }, message: "expected a name after '.'" },
    { position: { line: 7, column: 14 }, message: "'if' is a keyword, not a name" },
    { position: { line: 8, column: 7 }, message: "expected a module name after 'import'" },
    { position: { line: 9, column: 15 }, message: "expected a name after '('" },
  ]);
});

test('an import cut short by an unclosed parenthesis is reported once', () => {
  const scan = scanPythonImports(py('from a import (b,', '    c'));
  assert.deepEqual(scan.imports, []);
  assert.deepEqual(scan.problems, [{ position: { line: 0, column: 14 }, message: "unclosed '(' opened at line 1" }]);
});

test('degenerate input never throws', () => {
  for (const text of ['', '\uFEFF', '\r', '\\', '\\\n', '"', '"""', "f'{", '(', ')', '#', 'from', 'import', '\0\uFFFD\uD800']) {
    const scan = scanPythonImports(text);
    assert.equal(scan.imports.length, 0, JSON.stringify(text));
  }
});

// ---------------------------------------------------------------- text encodings

test('a BOM is skipped but, being index 0, shifts line 0 columns by one', () => {
  const scan = scanPythonImports('\uFEFFimport a\nimport b');
  assert.deepEqual(summary(scan), ['0:1 import a', '1:0 import b']);
  assert.deepEqual(scan.imports[0].span, span(0, 1, 0, 9));
});

test('unicode identifiers; names NFKC-normalised as Python does, columns in UTF-16 units', () => {
  const scan = scanPythonImports(py('import café', 'from données.sous import ÉtatÉ as é', 'import ﬁle', 'import 𝔘x; import b'));
  assert.deepEqual(scan.problems, []);
  assert.deepEqual(scan.imports[0].names, [{ name: 'café', span: span(0, 7, 0, 11) }]);
  assert.equal(scan.imports[1].module, 'données.sous');
  assert.deepEqual(scan.imports[1].names, [{ name: 'ÉtatÉ', alias: 'é', span: span(1, 25, 1, 30) }]);
  assert.deepEqual(scan.imports[2].names, [{ name: 'file', span: span(2, 7, 2, 10) }]);
  assert.deepEqual(scan.imports[3].names, [{ name: 'Ux', span: span(3, 7, 3, 10) }]);
  assert.deepEqual(scan.imports[4].span, span(3, 12, 3, 20));
});

test('the replacement character from undecodable bytes does not derail the scan', () => {
  assert.deepEqual(clean(py('s = "\uFFFD\uFFFD"  # \uFFFD', 'import a')), ['1:0 import a']);
});

test('output is deterministic and in source order', () => {
  const text = py('import z', 'def f():', '    import y', 'import x; import w', 'if TYPE_CHECKING: import v');
  const first = scanPythonImports(text);
  assert.deepEqual(scanPythonImports(text), first);
  assert.deepEqual(first.imports.map((s) => s.names[0].name), ['z', 'y', 'x', 'w', 'v']);
});

test('files are scanned as bytes: non-ASCII before an import on its line counts in UTF-16 columns', () => {
  // `─` is 3 bytes and 1 column; `𝔘` is 4 bytes and 2 columns (a surrogate pair).
  const bytes = Buffer.from('x = "─𝔘"; import os\ndef ƒ():\n    from café import (ñ as m)\n', 'utf8');
  const scan = scanPythonImportBytes(bytes);
  assert.deepEqual(scan.imports.map((s) => [s.module || s.names[0].name, s.span, s.functionName]), [
    ['os', span(0, 11, 0, 20), undefined],
    ['café', span(2, 4, 2, 29), 'ƒ'],
  ]);
  assert.deepEqual(scan.imports[1].names[0], { name: 'ñ', alias: 'm', span: span(2, 22, 2, 23) });
});

test('files are scanned as bytes: invalid UTF-8 counts one column per replaced sequence, as the decoded text does', () => {
  const bytes = Buffer.concat([
    Buffer.from('s = "'), Buffer.from([0xff, 0xe2, 0x94]), Buffer.from('"; import a  # '), Buffer.from([0xc3]), Buffer.from('\nimport b\n'),
  ]);
  const text = bytes.toString('utf8');
  assert.ok(text.includes('\uFFFD'));
  const fromBytes = scanPythonImportBytes(bytes);
  assert.deepEqual(fromBytes, scanPythonImports(text));
  // `s = "` (5) + two replacement characters (0xff; the truncated 0xe2 0x94) + `"; ` (3).
  assert.deepEqual(fromBytes.imports[0].span, span(0, 10, 0, 18));
});
