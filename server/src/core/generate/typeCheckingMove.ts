import { annotationUsage, onlyTypeUses } from '../extract/python/annotationUsage';
import type { ImportStatement, PythonScan } from '../extract/python/importStatement';
import { TypeCheckingNames } from '../extract/python/typeCheckingGuard';
import { boundNames } from './pythonImports';
import { lineDiff, lineTerminator, splitLines, withoutTerminator, type TextChange } from './textEdits';

const TYPING_MODULES = ['typing', 'typing_extensions'];

/**
 * Moves a module-level import whose names are used only in annotations under
 * `if TYPE_CHECKING:`, adding `from typing import TYPE_CHECKING` and the block when the file has
 * none. Undefined when the move is not safe: the statement is not alone on its lines at column 0,
 * or a bound name is used at run time, or used in an evaluated annotation without
 * `from __future__ import annotations` (string annotations are always safe).
 */
export function planTypeCheckingMove(text: string, scan: PythonScan, statement: ImportStatement): TextChange | undefined {
  if (statement.typeCheckingOnly || statement.scope !== 'module' || statement.span.start.column !== 0) return undefined;
  if (statement.kind === 'from' && statement.names.some((n) => n.name === '*')) return undefined;
  const lines = splitLines(text);
  const first = statement.span.start.line;
  const last = statement.span.end.line;
  if (last >= lines.length) return undefined;
  const tail = withoutTerminator(lines[last]).slice(statement.span.end.column);
  if (!/^\s*(#.*)?$/.test(tail)) return undefined;
  const guards = TypeCheckingNames.of(scan.imports);
  if (!onlyTypeUses(annotationUsage(text, [...boundNames(statement)]), boundNames(statement))) return undefined;

  const eol = lineTerminator(text);
  const moduleImports = scan.imports.filter((s) => s.scope === 'module' && !s.typeCheckingOnly && s.span.start.column === 0);
  const flag = typeCheckingFlag(moduleImports);
  const existing = findGuardBlock(lines, guards);
  const statementLines = lines.slice(first, last + 1).map((l) => withoutTerminator(l));
  const inserts = new Map<number, string[]>();
  const insert = (at: number, added: string[]) => inserts.set(at, [...(inserts.get(at) ?? []), ...added]);

  if (existing) {
    const indent = bodyIndent(lines, existing);
    insert(existing + 1, statementLines.map((l) => indent + l + eol));
  } else {
    let typingAt = -1;
    if (flag.needsImport) {
      // Before the first import that is not `from __future__` (the moved one, maybe: it leaves its line to it).
      const ordinary = moduleImports.filter((s) => !(s.kind === 'from' && s.module === '__future__' && s.level === 0));
      typingAt = Math.min(...ordinary.map((s) => s.span.start.line), first);
      insert(typingAt, [`from typing import TYPE_CHECKING${eol}`]);
    }
    // The block goes after the last import of the top of the file (imports before the first definition).
    const firstDefinition = lines.findIndex((l) => /^(def|class|async\s+def)\b|^@/.test(l));
    const topImports = moduleImports.filter((s) => firstDefinition < 0 || s.span.start.line < firstDefinition);
    const blockAt = Math.max(last, ...topImports.map((s) => s.span.end.line)) + 1;
    const block = [`if ${flag.expression}:${eol}`, ...statementLines.map((l) => '    ' + l + eol)];
    const before = previousKeptLine(lines, blockAt, first, last);
    const typingJustBefore = typingAt >= 0 && typingAt <= blockAt && typingAt > before.index;
    if (typingJustBefore || (before.line !== undefined && withoutTerminator(before.line).trim() !== '')) block.unshift(eol);
    if (blockAt < lines.length && withoutTerminator(lines[blockAt]).trim() !== '') block.push(eol);
    insert(blockAt, block);
  }

  // The moved lines go; so does a blank line after them when one precedes them too (no double gap).
  const blank = (k: number) => k < 0 || (k < lines.length && withoutTerminator(lines[k]).trim() === '');
  const dropTo = !inserts.has(first) && blank(first - 1) && blank(last + 1) && last + 1 < lines.length && !inserts.has(last + 1) ? last + 1 : last;
  const after: string[] = [];
  for (let k = 0; k <= lines.length; k++) {
    const added = inserts.get(k);
    if (added) {
      if (after.length > 0 && withoutTerminator(after[after.length - 1]) === after[after.length - 1]) after[after.length - 1] += eol;
      after.push(...added);
    }
    if (k < lines.length && (k < first || k > dropTo)) after.push(lines[k]);
  }
  return lineDiff(lines, after);
}

/** How the file names the flag: an existing import of it, `typing.TYPE_CHECKING`, or a new import. */
function typeCheckingFlag(imports: ImportStatement[]): { expression: string; needsImport: boolean } {
  let expression: string | undefined;
  let moduleExpression: string | undefined;
  for (const s of imports) {
    if (s.level !== 0) continue;
    if (s.kind === 'from' && TYPING_MODULES.includes(s.module)) {
      expression ??= s.names.find((n) => n.name === 'TYPE_CHECKING')?.alias ?? (s.names.some((n) => n.name === 'TYPE_CHECKING') ? 'TYPE_CHECKING' : undefined);
    } else if (s.kind === 'import') {
      const typing = s.names.find((n) => TYPING_MODULES.includes(n.name));
      if (typing) moduleExpression ??= `${typing.alias ?? typing.name}.TYPE_CHECKING`;
    }
  }
  const found = expression ?? moduleExpression;
  return { expression: found ?? 'TYPE_CHECKING', needsImport: found === undefined };
}

/** The line of a module-level `if TYPE_CHECKING:` whose body is on the following lines. */
function findGuardBlock(lines: string[], guards: TypeCheckingNames): number | undefined {
  for (let k = 0; k < lines.length; k++) {
    if (isGuardHeader(withoutTerminator(lines[k]), guards)) {
      const next = lines.slice(k + 1).find((l) => withoutTerminator(l).trim() !== '' && !/^\s*#/.test(l));
      if (next !== undefined && /^\s+\S/.test(next)) return k;
    }
  }
  return undefined;
}

/**
 * `if <condition>:` at column 0, nothing after the colon but a comment, and the condition the
 * flag as the scanner tells it. A condition that is the flag holds no string, so the first `#`
 * starts the comment and the last `:` before it ends the condition.
 */
function isGuardHeader(line: string, guards: TypeCheckingNames): boolean {
  if (!line.startsWith('if') || !(line[2] === ' ' || line[2] === '\t' || line[2] === '(')) return false;
  const hash = line.indexOf('#');
  const code = (hash < 0 ? line : line.slice(0, hash)).trimEnd();
  if (!code.endsWith(':')) return false;
  return guards.isTypeChecking(code.slice(2, -1));
}

function bodyIndent(lines: string[], header: number): string {
  for (let k = header + 1; k < lines.length; k++) {
    const content = withoutTerminator(lines[k]);
    if (content.trim() === '' || /^\s*#/.test(content)) continue;
    const indent = /^\s*/.exec(content)?.[0] ?? '';
    return indent.length > 0 ? indent : '    ';
  }
  return '    ';
}

/** The line that will precede position `at` once the statement's lines [first, last] are gone. */
function previousKeptLine(lines: string[], at: number, first: number, last: number): { line: string | undefined; index: number } {
  for (let k = at - 1; k >= 0; k--) if (k < first || k > last) return { line: lines[k], index: k };
  return { line: undefined, index: -1 };
}
