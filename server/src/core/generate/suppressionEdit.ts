import type { ImportStatement } from '../extract/python/importStatement';
import { findIgnoreMarker } from '../validate/unusedIgnores';
import { splitLines, withoutTerminator, type TextChange } from './textEdits';

/**
 * Adds `# strata: ignore[<rule>]` to the last line of an import statement (any line of the
 * statement counts, and the last one is where a comment is always legal, even after a backslash
 * continuation). An existing marker on that line gets the rule added to its list.
 */
export function planIgnoreComment(text: string, statement: ImportStatement, ruleId: string): TextChange | undefined {
  const lines = splitLines(text);
  const lineNo = statement.span.end.line;
  if (lineNo >= lines.length) return undefined;
  const line = withoutTerminator(lines[lineNo]);
  const marker = /#\s*strata\s*:\s*ignore\s*\[([^\]]*)\]/.exec(line.slice(statement.span.end.column));
  if (marker) {
    const at = statement.span.end.column + marker.index + marker[0].length - 1;
    const listed = marker[1].split(',').map((r) => r.trim()).filter((r) => r !== '');
    if (listed.includes(ruleId)) return undefined;
    return { start: { line: lineNo, column: at }, end: { line: lineNo, column: at }, newText: listed.length > 0 ? `, ${ruleId}` : ruleId };
  }
  const content = line.replace(/\s+$/, '');
  return {
    start: { line: lineNo, column: content.length },
    end: { line: lineNo, column: line.length },
    newText: `  # strata: ignore[${ruleId}]`,
  };
}

/**
 * Takes rule ids out of the `# strata: ignore[…]` marker on a line (0-based); when none would be
 * left, or `ids` is empty (a bare ignore), the whole marker goes, with the blanks before it, and
 * a line left blank goes entirely.
 */
export function planIgnoreRemoval(text: string, lineNo: number, ids: readonly string[]): TextChange | undefined {
  const lines = splitLines(text);
  if (lineNo >= lines.length) return undefined;
  const line = withoutTerminator(lines[lineNo]);
  const marker = findIgnoreMarker(line);
  if (!marker) return undefined;
  const kept = marker.listed.filter((id) => !ids.includes(id));
  if (ids.length > 0 && kept.length > 0) {
    if (kept.length === marker.listed.length) return undefined;
    return { start: { line: lineNo, column: marker.start }, end: { line: lineNo, column: marker.end }, newText: `# strata: ignore[${kept.join(', ')}]` };
  }
  const before = line.slice(0, marker.start).replace(/\s+$/, '');
  if (before === '' && line.slice(marker.end).trim() === '') {
    return { start: { line: lineNo, column: 0 }, end: lineNo + 1 < lines.length ? { line: lineNo + 1, column: 0 } : { line: lineNo, column: line.length }, newText: '' };
  }
  return { start: { line: lineNo, column: before.length }, end: { line: lineNo, column: marker.end }, newText: '' };
}
