/**
 * Keyword tests on the first word of a logical or physical line. Both are called once per line,
 * never per character, and dispatch on the first character so a typical line costs one compare.
 */
import { Ch, identEnd, isIdentChar, skipBlanks, wordAt } from './pythonChars';

/** What the first word of a logical line tells the scanner. */
export const W_OTHER = 0;
export const W_IMPORT = 1;
export const W_FROM = 2;
export const W_IF = 3;
export const W_ELIF = 4;
export const W_ELSE = 5;
/** `def`, or `async def`; the name follows at {@link defNameStart}. */
export const W_DEF = 6;

export function leadingWord(text: string, i: number): number {
  switch (text.charCodeAt(i)) {
    case 105: // i
      if (wordAt(text, i, 'import')) return W_IMPORT;
      return wordAt(text, i, 'if') ? W_IF : W_OTHER;
    case 102: // f
      return wordAt(text, i, 'from') ? W_FROM : W_OTHER;
    case 101: // e
      if (wordAt(text, i, 'elif')) return W_ELIF;
      return wordAt(text, i, 'else') ? W_ELSE : W_OTHER;
    case 100: // d
      return wordAt(text, i, 'def') ? W_DEF : W_OTHER;
    case 97: // a
      return wordAt(text, i, 'async') && wordAt(text, skipInline(text, i + 5, text.length), 'def') ? W_DEF : W_OTHER;
    default:
      return W_OTHER;
  }
}

/** Index of the function name of a `def`/`async def` line starting at `i`. */
export function defNameStart(text: string, i: number, end: number): number {
  if (text.charCodeAt(i) === 97) i = skipInline(text, i + 5, end);
  return skipInline(text, i + 3, end);
}

/** Skips blanks and backslash continuations: what may separate two words of one logical line. */
export function skipInline(text: string, i: number, end: number): number {
  for (;;) {
    i = skipBlanks(text, i, end);
    if (i >= end || text.charCodeAt(i) !== Ch.Backslash) return i;
    const c = text.charCodeAt(i + 1);
    if (c === Ch.LF) i += 2;
    else if (c === Ch.CR) i += text.charCodeAt(i + 2) === Ch.LF ? 3 : 2;
    else return i;
  }
}

/**
 * Recovery from an unclosed bracket: true when the physical line at `i` starts with a keyword
 * that can only begin a statement, which valid Python never has inside brackets. Keywords that
 * do occur inside brackets (`for`/`if`/`else` of comprehensions and conditionals, `async for`,
 * `lambda`, `yield`, `await`, `not`, `in`, …) and `@` (also the matrix-multiply operator) are not
 * used, so recovery never fires on valid code. `from` counts only as `from <module> import`,
 * because `yield from` may be split across lines inside brackets.
 */
export function startsStatementOnlyKeyword(text: string, i: number, n: number): boolean {
  i = skipBlanks(text, i, n);
  const c = text.charCodeAt(i);
  if (!(c >= 97 && c <= 122)) return false;
  let e = i + 1;
  while (e < n) {
    const d = text.charCodeAt(e);
    if (!(d >= 97 && d <= 122)) break;
    e++;
  }
  if (e < n && isIdentChar(text.charCodeAt(e))) return false;
  switch (e - i) {
    case 3:
      return text.startsWith('def', i) || text.startsWith('del', i) || text.startsWith('try', i);
    case 4:
      if (text.startsWith('from', i)) return fromImportFollows(text, e, n);
      return text.startsWith('pass', i) || text.startsWith('with', i) || text.startsWith('elif', i);
    case 5:
      if (text.startsWith('async', i)) return wordAt(text, skipBlanks(text, e, n), 'def');
      return text.startsWith('class', i) || text.startsWith('raise', i) || text.startsWith('break', i) ||
        text.startsWith('while', i);
    case 6:
      return text.startsWith('import', i) || text.startsWith('return', i) || text.startsWith('assert', i) ||
        text.startsWith('global', i) || text.startsWith('except', i);
    case 7:
      return text.startsWith('finally', i);
    case 8:
      return text.startsWith('continue', i) || text.startsWith('nonlocal', i);
    default:
      return false;
  }
}

/** After `from` on the same physical line: dots and dotted names, then the word `import`. */
function fromImportFollows(text: string, i: number, n: number): boolean {
  let sawModule = false;
  for (;;) {
    i = skipBlanks(text, i, n);
    if (i >= n) return false;
    if (text.charCodeAt(i) === Ch.Dot) {
      sawModule = true;
      i++;
      continue;
    }
    const e = identEnd(text, i, n);
    if (e === i) return false;
    if (e - i === 6 && text.startsWith('import', i)) return sawModule;
    sawModule = true;
    i = e;
  }
}
