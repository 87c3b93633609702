import type { ImportStatement } from '../extract/python/importStatement';
import { lineTerminator, splitLines, withoutTerminator, type TextChange } from './textEdits';

/**
 * Removes whole import statements from a file and leaves, in place of each, one comment line
 * `# <note>` at the statement's indentation (so the person knows what comes next).
 *
 * - A statement alone on its lines goes with all of them, its trailing comment included
 *   (parenthesised and backslash-continued statements span several lines).
 * - A statement sharing a line with others through `;` loses only its own part (and one `;`); a
 *   trailing comment goes with the statement it follows. The comment line comes before the line
 *   when the statement started it, after it otherwise.
 * - A block whose body was only moved statements (`try:`, a function doing nothing but an import,
 *   `if x: import y`) gets `pass`, so the file stays valid Python.
 *
 * The result is one change per run of touched lines, in text order, none overlapping: an editor
 * applies them as one step and leaves every other line (and what is attached to it) alone.
 */
export function planImportRemoval(text: string, statements: readonly ImportStatement[], note: (statement: ImportStatement) => string): TextChange[] {
  const lines = splitLines(text);
  const contents = lines.map(withoutTerminator);
  const eol = lineTerminator(text);
  const cuts = new Map<number, [number, number][]>();
  const notesBefore = new Map<number, string[]>();
  const notesAfter = new Map<number, string[]>();
  /** Indentation of the logical line that a continuation line belongs to. */
  const logicalIndent = new Map<number, string>();
  const touched = new Set<number>();
  const cut = (line: number, from: number, to: number) => {
    if (to > from) cuts.set(line, [...(cuts.get(line) ?? []), [from, to]]);
  };
  const push = (map: Map<number, string[]>, line: number, value: string) => map.set(line, [...(map.get(line) ?? []), value]);

  const ordered = [...new Set(statements)].sort((a, b) => a.span.start.line - b.span.start.line || a.span.start.column - b.span.start.column);
  for (const statement of ordered) {
    const { start, end } = statement.span;
    if (end.line >= lines.length || end.column > contents[end.line].length) continue; // not this text
    const indent = logicalIndent.get(start.line) ?? leadingSpace(contents[start.line]);
    const head = contents[start.line].slice(0, start.column);
    const tail = contents[end.line].slice(end.column);

    if (start.line === end.line) cut(start.line, start.column, end.column);
    else {
      cut(start.line, start.column, contents[start.line].length);
      for (let k = start.line + 1; k < end.line; k++) cut(k, 0, contents[k].length);
      cut(end.line, 0, end.column);
    }
    const semicolon = /^\s*;\s*/.exec(tail);
    const rest = semicolon ? tail.slice(semicolon[0].length) : tail;
    if (/^\s*(#.*)?$/.test(rest)) {
      // Last on its line: its trailing comment goes too, and the `;` that joined it to the one before.
      cut(end.line, end.column, contents[end.line].length);
      const joined = /;\s*$/.exec(head);
      if (joined) cut(start.line, joined.index, start.column);
    } else if (semicolon) {
      cut(end.line, end.column, end.column + semicolon[0].length);
    }
    for (let k = start.line; k <= end.line; k++) {
      touched.add(k);
      if (k > start.line) logicalIndent.set(k, indent);
    }
    const comment = `${indent}# ${note(statement)}`;
    if (head.trim() === '') push(notesBefore, start.line, comment);
    else push(notesAfter, end.line, comment);
  }

  // The new text, line by line; each output line remembers the original line it stands for.
  const out: { line: number; text: string; note: boolean }[] = [];
  for (let k = 0; k < lines.length; k++) {
    for (const n of notesBefore.get(k) ?? []) out.push({ line: k, text: n, note: true });
    if (!touched.has(k)) out.push({ line: k, text: contents[k], note: false });
    else {
      const kept = keptLine(contents[k], cuts.get(k) ?? [], logicalIndent.get(k));
      if (kept !== undefined) out.push({ line: k, text: kept, note: false });
    }
    for (const n of notesAfter.get(k) ?? []) out.push({ line: k, text: n, note: true });
  }
  for (let i = 0; i < out.length; i++) {
    if (out[i].note && emptyBlockAt(out, i)) {
      const indent = leadingSpace(out[i].text);
      out[i].text = `${indent}pass  ${out[i].text.slice(indent.length)}`;
    }
  }

  const changes: TextChange[] = [];
  const changed = (k: number) => touched.has(k) || notesBefore.has(k) || notesAfter.has(k);
  for (let k = 0; k < lines.length; k++) {
    if (!changed(k)) continue;
    let last = k;
    while (last + 1 < lines.length && changed(last + 1)) last++;
    const terminator = lines[last].slice(contents[last].length);
    const replaced = out.filter((o) => o.line >= k && o.line <= last).map((o) => o.text);
    changes.push({
      start: { line: k, column: 0 },
      end: terminator === '' ? { line: last, column: contents[last].length } : { line: last + 1, column: 0 },
      newText: replaced.length > 0 ? replaced.join(eol) + terminator : '',
    });
    k = last;
  }
  return changes;
}

/** What is left of a line once the cuts are made: undefined when nothing but blanks is left. */
function keptLine(content: string, cuts: [number, number][], logicalIndent: string | undefined): string | undefined {
  let rest = '';
  for (let c = 0; c < content.length; c++) if (!cuts.some(([from, to]) => c >= from && c < to)) rest += content[c];
  if (rest.trim() === '') return undefined;
  const indent = logicalIndent ?? leadingSpace(content);
  let code = rest.trim().replace(/^;\s*/, '').replace(/\s*;$/, '');
  // `if x: import y` without the import: the header needs a body.
  const bare = withoutComment(code).trimEnd();
  if (bare.endsWith(':')) code = `${bare} pass${code.length > bare.length ? `  ${code.slice(bare.length).trim()}` : ''}`;
  return indent + code;
}

/** Whether the note at `i` is the first line of a block that has no statement left. */
function emptyBlockAt(out: { text: string; note: boolean }[], i: number): boolean {
  const indent = leadingSpace(out[i].text).length;
  if (indent === 0) return false;
  const isCode = (t: string) => t.trim() !== '' && !t.trim().startsWith('#');
  let p = i - 1;
  while (p >= 0 && !isCode(out[p].text)) p--;
  if (p < 0 || leadingSpace(out[p].text).length >= indent || !withoutComment(out[p].text).trimEnd().endsWith(':')) return false;
  let n = i + 1;
  while (n < out.length && !isCode(out[n].text)) n++;
  return n >= out.length || leadingSpace(out[n].text).length < indent;
}

function leadingSpace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** A line without its `#` comment (quotes on the line are respected; enough for a block header). */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let c = 0; c < line.length; c++) {
    const ch = line[c];
    if (quote) {
      if (ch === '\\') c++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, c);
  }
  return line;
}
