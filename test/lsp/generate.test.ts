import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotationUsage, onlyTypeUses } from '../../server/src/core/extract/python/annotationUsage';
import { scanPythonImports } from '../../server/src/core/extract/python/scanImports';
import { planImportRemoval } from '../../server/src/core/generate/importRemoval';
import { planIgnoreComment } from '../../server/src/core/generate/suppressionEdit';
import { lineDiff, splitLines } from '../../server/src/core/generate/textEdits';
import { planTypeCheckingMove } from '../../server/src/core/generate/typeCheckingMove';
import { pascalCase } from '../../server/src/core/generate/fileConventions';
import { renderHeader } from '../../server/src/core/generate/header';
import { presetRuleset } from '../../server/src/core/ruleset/presets';

const hocV1 = presetRuleset('hoc-v1');
import { applyTextEdits } from '../support/lspClient';

const typeOnly = (source: string, names: string[]) => onlyTypeUses(annotationUsage(source, names), names);

test('annotation uses: signatures and variables with future annotations, string and local annotations always', () => {
  const future = 'from __future__ import annotations\n';
  assert.equal(typeOnly(`${future}def f(s: Session) -> Session:\n    return s\n`, ['Session']), true);
  assert.equal(typeOnly('def f(s: Session) -> None:\n    pass\n', ['Session']), false, 'evaluated at def time without the future import');
  assert.equal(typeOnly('def f(s: "Session") -> "list[Session]":\n    pass\n', ['Session']), true, 'string annotations');
  assert.equal(typeOnly('def f():\n    s: Session = make()\n    return s\n', ['Session']), true, 'local variable annotations are never evaluated');
  assert.equal(typeOnly(`${future}x: Session | None = None\n`, ['Session']), true);
  assert.equal(typeOnly(`${future}def f(s=Session()):\n    pass\n`, ['Session']), false, 'a default value runs');
  assert.equal(typeOnly(`${future}def f(s: int = Session) -> None:\n    pass\n`, ['Session']), false);
  assert.equal(typeOnly(`${future}def f(s: Session):\n    return isinstance(s, Session)\n`, ['Session']), false);
  assert.equal(typeOnly(`${future}class A(Session):\n    pass\n`, ['Session']), false, 'a base class runs');
  assert.equal(typeOnly(`${future}import x\ny = x.Session\nz: Session\n`, ['Session']), true, 'an attribute of the same name is not a use');
  assert.equal(typeOnly(`${future}z: Session\nprint(f"{Session}")\n`, ['Session']), false, 'f-string fields run');
  assert.equal(typeOnly(`${future}z: Session\n__all__ = ["Session"]\n`, ['Session']), false, 're-exported');
  assert.equal(typeOnly(`${future}"""Session docs."""\n# Session\nz: Session\n`, ['Session']), true, 'docstrings and comments are no uses');
  assert.equal(typeOnly(`${future}import json\n`, ['Session']), false, 'unused: nothing to gain, maybe a side effect');
  assert.equal(typeOnly(`${future}from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    Alias = list[Session]\nz: Session\n`, ['Session']), true);
  assert.equal(typeOnly(`${future}f = lambda s: Session\n`, ['Session']), false, 'lambda bodies run');
  assert.equal(typeOnly(`${future}d = {"a": Session}\n`, ['Session']), false, 'dict values run');
});

test('annotation uses: frameworks that read annotations at run time make them run-time uses', () => {
  const future = 'from __future__ import annotations\n';
  assert.equal(typeOnly(`${future}@router.get("/")\nasync def f(s: Session) -> None:\n    pass\n`, ['Session']), false, 'FastAPI reads signatures');
  assert.equal(typeOnly(`${future}class A:\n    @staticmethod\n    def f(s: Session) -> None:\n        pass\n`, ['Session']), true);
  assert.equal(typeOnly(`${future}class M(BaseModel):\n    s: Session\n`, ['Session']), false, 'pydantic reads class annotations');
  assert.equal(typeOnly(`${future}@dataclass\nclass D:\n    s: Session | None = None\n`, ['Session']), true);
  assert.equal(typeOnly(`${future}class M(BaseModel):\n    def f(self, s: Session) -> None:\n        pass\n`, ['Session']), true, 'methods of such classes are fine');
});

test('annotation uses: statements are the scanner\'s (nested f-string quotes, an unclosed bracket before a def)', () => {
  const future = 'from __future__ import annotations\n';
  const signature = 'def f(s: Session) -> None:\n    pass\n';
  const uses = (source: string) => annotationUsage(source, ['Session']).uses.get('Session');
  // Python 3.12 f-strings may reuse their quote inside a field: the string does not end at `"#`,
  // so the `#` starts no comment that would hide the `)` and glue the def to the call.
  assert.deepEqual(uses(`${future}print(f"{d["#"]}")\n${signature}`), { runtime: 0, evaluated: 1, deferred: 0 });
  assert.equal(typeOnly(`${future}print(f"{d["#"]}")\n${signature}`, ['Session']), true);
  // A bracket left open (a line being typed) ends at the next statement keyword, as the scanner recovers.
  assert.deepEqual(uses(`${future}x = compute(\n${signature}`), { runtime: 0, evaluated: 1, deferred: 0 });
  assert.equal(typeOnly(`${future}x = compute(\n${signature}`, ['Session']), true);
  // A field after a nested string still runs: the import must stay (the old reader ended the
  // f-string at `"k` and took `{Session}` for plain text, allowing the move).
  assert.deepEqual(uses(`${future}print(f"{d["k"]:{Session}}")\nz: Session\n`), { runtime: 1, evaluated: 1, deferred: 0 });
  assert.equal(typeOnly(`${future}print(f"{d["k"]:{Session}}")\nz: Session\n`, ['Session']), false);
  // Read as the scanner read it: a field spanning lines (Python 3.12) still does after a later
  // f-string ran to the end of the file (after which the scanner ends fields at line breaks).
  assert.deepEqual(uses(`${future}z: Session\nx = f"{a\n+ "Session"}"\ny = f"{\n`), { runtime: 1, evaluated: 1, deferred: 0 });
  assert.deepEqual(uses(`${future}x = rb'Session' + Rb"Session" + t'{Session}'\n`), { runtime: 1, evaluated: 0, deferred: 0 });
  // A non-ASCII name is one name in a field and in `__all__` too (the old reader saw `Sesi` and `n`
  // in the field, and `Caf` in `__all__`: both allowed the move).
  assert.deepEqual(annotationUsage(`${future}z: Sesión\nprint(f"{Sesión!r}")\n`, ['Sesión']).uses.get('Sesión'), { runtime: 1, evaluated: 1, deferred: 0 });
  assert.equal(typeOnly(`${future}z: Sesión\nprint(f"{Sesión!r}")\n`, ['Sesión']), false);
  assert.deepEqual(annotationUsage(`${future}z: Café\n__all__ = ["Café"]\n`, ['Café']).uses.get('Café'), { runtime: 1, evaluated: 1, deferred: 0 });
  assert.deepEqual(uses(`${future}é = "Session" ; y: Session\\\n  | None = None  # Session\n`), { runtime: 0, evaluated: 1, deferred: 0 });
});

test('TYPE_CHECKING move: into a new block after the imports, adding the typing import before the first import', () => {
  const source = [
    '"""Doc."""',
    '',
    'import logging',
    'from sqlmodel import Session  # the session',
    'from app.x import y',
    '',
    'log = logging.getLogger()',
    '',
    '',
    'def f(s: "Session") -> None:',
    '    y(s)',
    '',
  ].join('\n');
  const scan = scanPythonImports(source);
  const change = planTypeCheckingMove(source, scan, scan.imports[1]);
  assert.ok(change);
  assert.equal(
    apply(source, change),
    [
      '"""Doc."""',
      '',
      'from typing import TYPE_CHECKING',
      'import logging',
      'from app.x import y',
      '',
      'if TYPE_CHECKING:',
      '    from sqlmodel import Session  # the session',
      '',
      'log = logging.getLogger()',
      '',
      '',
      'def f(s: "Session") -> None:',
      '    y(s)',
      '',
    ].join('\n'),
  );
});

test('TYPE_CHECKING move: into an existing block, with `import typing as t` and CRLF line ends', () => {
  const source = ['from __future__ import annotations', 'import typing as t', 'from app.models import (', '    Order,', ')', '', 'if t.TYPE_CHECKING:', '    import decimal', '', 'def f(o: Order) -> None: ...', ''].join('\r\n');
  const scan = scanPythonImports(source);
  const change = planTypeCheckingMove(source, scan, scan.imports[2])!;
  assert.equal(
    apply(source, change),
    ['from __future__ import annotations', 'import typing as t', '', 'if t.TYPE_CHECKING:', '    from app.models import (', '        Order,', '    )', '    import decimal', '', 'def f(o: Order) -> None: ...', ''].join('\r\n'),
  );
});

test('TYPE_CHECKING header: one test for the scanner, the annotation reader and the move (aliases, parentheses, comments)', () => {
  const future = 'from __future__ import annotations\n';
  // A use inside a block guarded by an alias of the flag never runs; one guarded by another name does.
  assert.equal(typeOnly(`${future}from typing import TYPE_CHECKING as TC\nif TC:\n    Alias = list[Session]\nz: Session\n`, ['Session']), true);
  assert.equal(typeOnly(`${future}import typing_extensions as te\nif (te.TYPE_CHECKING):\n    Alias = list[Session]\nz: Session\n`, ['Session']), true);
  assert.equal(typeOnly(`${future}import os as t\nif t.TYPE_CHECKING:\n    Alias = list[Session]\nz: Session\n`, ['Session']), false, 't is not a typing module');
  assert.equal(typeOnly(`${future}if DEBUG:\n    Alias = list[Session]\nz: Session\n`, ['Session']), false);
  assert.equal(typeOnly(`${future}if "TYPE_CHECKING":\n    Alias = list[Session]\nz: Session\n`, ['Session']), false, 'a string is not the flag');

  const source = ['from __future__ import annotations', 'from typing import TYPE_CHECKING as TC', 'from sqlmodel import Session', '', 'if (TC):  # types only', '    import decimal', '', 'def f(s: Session) -> None: ...', ''].join('\n');
  const scan = scanPythonImports(source);
  assert.equal(scan.imports[3].typeCheckingOnly, true, 'the scanner reads the aliased header as the flag');
  const change = planTypeCheckingMove(source, scan, scan.imports[2])!;
  assert.equal(
    apply(source, change),
    ['from __future__ import annotations', 'from typing import TYPE_CHECKING as TC', '', 'if (TC):  # types only', '    from sqlmodel import Session', '    import decimal', '', 'def f(s: Session) -> None: ...', ''].join('\n'),
    'the move finds the existing aliased block instead of adding a second one',
  );
});

test('TYPE_CHECKING move: refused where it is not safe or not simple', () => {
  const cases = [
    'from sqlmodel import Session\ndef f(s: Session): ...\n', // evaluated annotation, no future import
    'from __future__ import annotations\nfrom sqlmodel import Session, select\ndef f(s: Session): return select(s)\n', // one name used at run time
    'from __future__ import annotations\nimport os; from sqlmodel import Session\ndef f(s: Session): ...\n', // not alone on its line
    'from __future__ import annotations\ntry:\n    from sqlmodel import Session\nexcept ImportError:\n    pass\ndef f(s: Session): ...\n', // inside a block
    'from __future__ import annotations\nfrom sqlmodel import *\ndef f(s: Session): ...\n', // star import
  ];
  for (const source of cases) {
    const scan = scanPythonImports(source);
    const statement = scan.imports.find((s) => s.text.includes('sqlmodel'))!;
    assert.equal(planTypeCheckingMove(source, scan, statement), undefined, source);
  }
});

/** The text after removing the statements whose text matches `pick`, each note naming what it replaces. */
function removed(source: string, pick: RegExp): string {
  const scan = scanPythonImports(source);
  const changes = planImportRemoval(source, scan.imports.filter((s) => pick.test(s.text)), (s) => `moved ${s.text}`);
  return applyTextEdits(source, changes.map((c) => ({ range: { start: { line: c.start.line, character: c.start.column }, end: { line: c.end.line, character: c.end.column } }, newText: c.newText })));
}

test('import removal: whole statements with their trailing comment, a comment line in their place at their indentation', () => {
  const db = /sqlmodel|app\.db/;
  assert.equal(removed('import os\nfrom sqlmodel import Session  # the session\nimport sys\n', db), 'import os\n# moved from sqlmodel import Session\nimport sys\n');
  assert.equal(
    removed('from sqlmodel import (  # db\n    Session,  # s\n    select,\n)  # trailing\nimport x\n', db),
    '# moved from sqlmodel import Session, select\nimport x\n',
    'parenthesised, comments inside and after',
  );
  assert.equal(removed('from sqlmodel import \\\n    Session\nx = 1\n', db), '# moved from sqlmodel import Session\nx = 1\n', 'backslash continuation');
  assert.equal(removed('def f():\n    from app.db import get  # lazy\n    return get\n', db), 'def f():\n    # moved from app.db import get\n    return get\n');
  assert.equal(removed('import os\r\nfrom sqlmodel import Session\r\n', db), 'import os\r\n# moved from sqlmodel import Session\r\n', 'CRLF');
  assert.equal(removed('import os\nfrom sqlmodel import Session', db), 'import os\n# moved from sqlmodel import Session', 'no final newline');
  assert.equal(removed('import os\n', db), 'import os\n', 'nothing to move');
});

test('import removal: a statement sharing its line through `;` loses only its part', () => {
  const db = /sqlmodel|app\.db/;
  assert.equal(removed('import os; from sqlmodel import Session  # c\n', db), 'import os\n# moved from sqlmodel import Session\n', 'last: the `;` and the comment go');
  assert.equal(removed('from sqlmodel import Session; import os  # c\n', db), '# moved from sqlmodel import Session\nimport os  # c\n', 'first: the comment is the next one\'s');
  assert.equal(removed('    import os; from app.db import x; import sys\n', db), '    import os; import sys\n    # moved from app.db import x\n', 'in the middle');
  assert.equal(removed('x = 1; import sqlmodel;\n', db), 'x = 1\n# moved import sqlmodel\n');
  assert.equal(
    removed('from sqlmodel import Session; from app.db import x; import os\n', db),
    '# moved from sqlmodel import Session\nimport os\n# moved from app.db import x\n',
    'two on one line',
  );
  assert.equal(removed('from sqlmodel import (\n    Session,\n); import os\n', db), '# moved from sqlmodel import Session\nimport os\n', 'parenthesised, then another');
});

test('import removal: a block left without statements gets `pass`, so the file stays valid Python', () => {
  const db = /sqlmodel|sqlalchemy|app\.db/;
  assert.equal(
    removed('try:\n    from sqlmodel import Session\n    from sqlalchemy import text\nexcept ImportError:\n    Session = None\n', db),
    'try:\n    pass  # moved from sqlmodel import Session\n    # moved from sqlalchemy import text\nexcept ImportError:\n    Session = None\n',
  );
  assert.equal(removed('def f():\n    from app.db import get\n\n\ndef g():\n    pass\n', db), 'def f():\n    pass  # moved from app.db import get\n\n\ndef g():\n    pass\n');
  assert.equal(removed('def f():\n    """Doc."""\n    from app.db import get\n', db), 'def f():\n    """Doc."""\n    # moved from app.db import get\n', 'a docstring is a statement');
  assert.equal(removed('if x: import sqlmodel  # c\n', db), 'if x: pass\n# moved import sqlmodel\n');
  // The scanner reads what is left without a problem, the kept import included.
  const left = removed('try:\n    from sqlmodel import Session\nexcept ImportError:\n    import json\n', db);
  assert.deepEqual(scanPythonImports(left).problems, []);
  assert.deepEqual(scanPythonImports(left).imports.map((s) => s.text), ['import json']);
});

test('ignore comment: appended to the statement\'s last line, or added to an existing marker', () => {
  const source = 'from app.db import (\n    get,\n)  # noqa\nimport x  # strata: ignore[L5-L7]\n';
  const scan = scanPythonImports(source);
  assert.equal(apply(source, planIgnoreComment(source, scan.imports[0], 'L5-DB')!), 'from app.db import (\n    get,\n)  # noqa  # strata: ignore[L5-DB]\nimport x  # strata: ignore[L5-L7]\n');
  assert.equal(apply(source, planIgnoreComment(source, scan.imports[1], 'L5-DB')!), 'from app.db import (\n    get,\n)  # noqa\nimport x  # strata: ignore[L5-L7, L5-DB]\n');
  assert.equal(planIgnoreComment(source, scan.imports[1], 'L5-L7'), undefined, 'already there');
  // The scanner honours what the fix writes.
  const fixed = apply(source, planIgnoreComment(source, scan.imports[0], 'L5-DB')!);
  assert.deepEqual(scanPythonImports(fixed).suppressions.map((s) => [s.line, s.rules]), [[2, ['L5-DB']], [3, ['L5-L7']]]);
});

test('header and names of generated files (spec §5)', () => {
  assert.equal(pascalCase('cus_health'), 'CusHealth');
  assert.equal(pascalCase('3d_render'), 'X3dRender');
  assert.equal(
    renderHeader(hocV1, hocV1.headers.L3_adapters, { audienceName: 'FOUNDER', role: 'r', callers: 'c' }),
    '# Layer: L3 — Boundary Adapter\n# AUDIENCE: FOUNDER\n# Role: r\n# Callers: c\n# Reference: HOC_LAYER_TOPOLOGY_V1.md\n#\n# ADAPTER CONTRACT:\n# - Translation + aggregation only\n# - No state mutation\n# - No retries\n# - No policy decisions\n',
  );
});

test('line diff: one replacement covering only the changed lines, also at the end of a file without a final newline', () => {
  const before = splitLines('a\nb\nc');
  assert.deepEqual(lineDiff(before, splitLines('a\nB\nc')), { start: { line: 1, column: 0 }, end: { line: 2, column: 0 }, newText: 'B\n' });
  assert.deepEqual(lineDiff(before, splitLines('a\nb\nC')), { start: { line: 2, column: 0 }, end: { line: 2, column: 1 }, newText: 'C' });
  assert.equal(lineDiff(before, before), undefined);
});

function apply(text: string, change: { start: { line: number; column: number }; end: { line: number; column: number }; newText: string }): string {
  return applyTextEdits(text, [{ range: { start: { line: change.start.line, character: change.start.column }, end: { line: change.end.line, character: change.end.column } }, newText: change.newText }]);
}
