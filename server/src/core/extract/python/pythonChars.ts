/**
 * Character codes and classes shared by the Python import scanner. Everything here works on
 * UTF-16 code units from `charCodeAt`, so the hot loops never allocate.
 */

/**
 * Character codes. A `const enum` so the compiler writes the numbers themselves into the hot
 * loops (also across files, and in the esbuild bundle) instead of loading module properties.
 */
export const enum Ch {
  Tab = 9,
  LF = 10,
  FF = 12,
  CR = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  SQuote = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Comma = 44,
  Dot = 46,
  Colon = 58,
  Semi = 59,
  Equals = 61,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  LBrace = 123,
  RBrace = 125,
  BOM = 0xfeff,
}

/**
 * What the statement-level lexer must stop at; every other ASCII code unit (and all non-ASCII
 * ones) is uninteresting and skipped with a single table look-up.
 */
export const enum LexClass {
  Plain = 0,
  Newline = 1,
  Hash = 2,
  Quote = 3,
  Backslash = 4,
  Open = 5,
  Close = 6,
  Semi = 7,
  Colon = 8,
}

export const LEXER_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  table[Ch.LF] = LexClass.Newline;
  table[Ch.CR] = LexClass.Newline;
  table[Ch.Hash] = LexClass.Hash;
  table[Ch.SQuote] = LexClass.Quote;
  table[Ch.DQuote] = LexClass.Quote;
  table[Ch.Backslash] = LexClass.Backslash;
  table[Ch.LParen] = LexClass.Open;
  table[Ch.LBracket] = LexClass.Open;
  table[Ch.LBrace] = LexClass.Open;
  table[Ch.RParen] = LexClass.Close;
  table[Ch.RBracket] = LexClass.Close;
  table[Ch.RBrace] = LexClass.Close;
  table[Ch.Semi] = LexClass.Semi;
  table[Ch.Colon] = LexClass.Colon;
  return table;
})();

/** 1 = may start an identifier, 2 = may continue one (digits). */
const IDENT: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 65; c <= 90; c++) table[c] = 1;
  for (let c = 97; c <= 122; c++) table[c] = 1;
  table[95] = 1;
  for (let c = 48; c <= 57; c++) table[c] = 2;
  return table;
})();

/**
 * Non-ASCII code units are all taken as identifier characters: Python's own rule (XID_Start /
 * XID_Continue after NFKC) needs Unicode tables, and anything non-ASCII outside an identifier or
 * string is a syntax error anyway, so being generous loses nothing on valid code.
 */
export function isIdentStart(c: number): boolean {
  return c >= 128 ? c !== Ch.BOM : IDENT[c] === 1;
}

export function isIdentChar(c: number): boolean {
  // `| 0` turns the look-up past the end of the text (NaN index, undefined) into "not an identifier".
  return c >= 128 ? c !== Ch.BOM : (IDENT[c] | 0) !== 0;
}

/** Index just past the identifier starting at `i` (or `i` itself when none starts there). */
export function identEnd(text: string, i: number, end: number): number {
  if (i >= end || !isIdentStart(text.charCodeAt(i))) return i;
  i++;
  while (i < end && isIdentChar(text.charCodeAt(i))) i++;
  return i;
}

/** True when `word` is written at `i` and is not the prefix of a longer identifier. */
export function wordAt(text: string, i: number, word: string): boolean {
  return text.startsWith(word, i) && !isIdentChar(text.charCodeAt(i + word.length));
}

/** Skips spaces, tabs and form feeds (not newlines). */
export function skipBlanks(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== Ch.Space && c !== Ch.Tab && c !== Ch.FF) break;
    i++;
  }
  return i;
}

/**
 * Python's hard keywords: an identifier in an import that is one of these makes the statement
 * invalid (`from a import if`). Soft keywords (`match`, `case`, `type`, `_`) are valid names.
 */
export const HARD_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);
