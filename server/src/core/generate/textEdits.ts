import type { SourcePosition } from '../extract/python/importStatement';

/** One replacement in a text: positions are the scanner's (0-based lines, UTF-16 columns), as LSP's. */
export interface TextChange {
  start: SourcePosition;
  end: SourcePosition;
  newText: string;
}

/** Lines with their terminators (`\r\n`, `\n` or a lone `\r`, as Python and LSP count them); the last may have none. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

export function withoutTerminator(line: string): string {
  return line.replace(/\r?\n$|\r$/, '');
}

/** The line terminator the file uses (its first one), `\n` by default. */
export function lineTerminator(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

/**
 * The smallest whole-line change that turns `before` into `after` (both from {@link splitLines}):
 * one replacement, so an editor applies it as one undoable step and no two edits can overlap.
 */
export function lineDiff(before: string[], after: string[]): TextChange | undefined {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  if (prefix === before.length && prefix === after.length) return undefined;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  const endLine = before.length - suffix;
  return {
    start: { line: prefix, column: 0 },
    end: positionAtLineStart(before, endLine),
    newText: after.slice(prefix, after.length - suffix).join(''),
  };
}

/** The start of line `line`, or the very end of the text when that line does not exist. */
function positionAtLineStart(lines: string[], line: number): SourcePosition {
  if (line < lines.length) return { line, column: 0 };
  if (lines.length === 0) return { line: 0, column: 0 };
  const last = lines[lines.length - 1];
  const content = withoutTerminator(last);
  return content.length === last.length ? { line: lines.length - 1, column: last.length } : { line: lines.length, column: 0 };
}

/** The position just after the last character of a text. */
export function endOf(text: string): SourcePosition {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: text.length - lineStart };
}
