/**
 * Keyword tests on the first word of a logical or physical line. Both are called once per line,
 * never per character, and compare packed words (see `packWord`), not strings.
 */
import { Ch, identEnd, isIdentChar, packedWordAt, packWord, skipBlanks } from './pythonChars';

/** What the first word of a logical line tells the scanner. */
export const W_OTHER = 0;
export const W_IMPORT = 1;
export const W_FROM = 2;
export const W_IF = 3;
export const W_ELIF = 4;
export const W_ELSE = 5;
/** `def`, or `async def`; the name follows at {@link defNameStart}. */
export const W_DEF = 6;

const P_IMPORT = packWord('import');
const P_FROM = packWord('from');
const P_IF = packWord('if');
const P_ELIF = packWord('elif');
const P_ELSE = packWord('else');
const P_DEF = packWord('def');
const P_ASYNC = packWord('async');

export function leadingWord(codes: Uint8Array, i: number): number {
  const word = packedWordAt(codes, i);
  if (word < 0) return W_OTHER;
  if (word === P_IMPORT) return W_IMPORT;
  if (word === P_FROM) return W_FROM;
  if (word === P_IF) return W_IF;
  if (word === P_ELIF) return W_ELIF;
  if (word === P_ELSE) return W_ELSE;
  if (word === P_DEF) return W_DEF;
  if (word === P_ASYNC && packedWordAt(codes, skipInline(codes, i + 5, codes.length)) === P_DEF) return W_DEF;
  return W_OTHER;
}

/** Whether the word at `i` is `import` or `from`, the words that start an import statement. */
export function startsImport(codes: Uint8Array, i: number): boolean {
  const word = packedWordAt(codes, i);
  return word === P_IMPORT || word === P_FROM;
}

/** Index of the function name of a `def`/`async def` line starting at `i`. */
export function defNameStart(codes: Uint8Array, i: number, end: number): number {
  if (codes[i] === 97) i = skipInline(codes, i + 5, end);
  return skipInline(codes, i + 3, end);
}

/** Skips blanks and backslash continuations: what may separate two words of one logical line. */
export function skipInline(codes: Uint8Array, i: number, end: number): number {
  for (;;) {
    i = skipBlanks(codes, i, end);
    if (i >= end || codes[i] !== Ch.Backslash) return i;
    const c = codes[i + 1];
    if (c === Ch.LF) i += 2;
    else if (c === Ch.CR) i += codes[i + 2] === Ch.LF ? 3 : 2;
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
export function startsStatementOnlyKeyword(codes: Uint8Array, i: number, n: number): boolean {
  i = skipBlanks(codes, i, n);
  // The keyword's first six letters packed as by `packWord`, and its length.
  let packed = 0;
  let e = i;
  while (e < n) {
    const c = codes[e];
    if (!(c >= 97 && c <= 122)) break;
    if (e - i < 6) packed = packed * 32 + c - 96;
    e++;
  }
  if (e === i || (e < n && isIdentChar(codes[e]))) return false;
  switch (e - i) {
    case 3:
      return packed === K_DEF || packed === K_DEL || packed === K_TRY;
    case 4:
      if (packed === K_FROM) return fromImportFollows(codes, e, n);
      return packed === K_PASS || packed === K_WITH || packed === K_ELIF;
    case 5:
      if (packed === K_ASYNC) return packedWordAt(codes, skipBlanks(codes, e, n)) === K_DEF;
      return packed === K_CLASS || packed === K_RAISE || packed === K_BREAK || packed === K_WHILE;
    case 6:
      return packed === K_IMPORT || packed === K_RETURN || packed === K_ASSERT || packed === K_GLOBAL || packed === K_EXCEPT;
    case 7:
      return packed === K_FINALLY;
    case 8:
      return packed === K_CONTINUE || packed === K_NONLOCAL;
    default:
      return false;
  }
}

// First six letters of each keyword (see `startsStatementOnlyKeyword`).
const K_DEF = packWord('def');
const K_DEL = packWord('del');
const K_TRY = packWord('try');
const K_FROM = packWord('from');
const K_PASS = packWord('pass');
const K_WITH = packWord('with');
const K_ELIF = packWord('elif');
const K_ASYNC = packWord('async');
const K_CLASS = packWord('class');
const K_RAISE = packWord('raise');
const K_BREAK = packWord('break');
const K_WHILE = packWord('while');
const K_IMPORT = packWord('import');
const K_RETURN = packWord('return');
const K_ASSERT = packWord('assert');
const K_GLOBAL = packWord('global');
const K_EXCEPT = packWord('except');
const K_FINALLY = packWord('finall');
const K_CONTINUE = packWord('contin');
const K_NONLOCAL = packWord('nonloc');

/** After `from` on the same physical line: dots and dotted names, then the word `import`. */
function fromImportFollows(codes: Uint8Array, i: number, n: number): boolean {
  let sawModule = false;
  for (;;) {
    i = skipBlanks(codes, i, n);
    if (i >= n) return false;
    if (codes[i] === Ch.Dot) {
      sawModule = true;
      i++;
      continue;
    }
    const e = identEnd(codes, i, n);
    if (e === i) return false;
    if (e - i === 6 && packedWordAt(codes, i) === K_IMPORT) return sawModule;
    sawModule = true;
    i = e;
  }
}
