/**
 * Character codes and classes shared by the Python import scanner. Everything here works on
 * UTF-16 code units (see `codeUnitsOf`), so the hot loops never allocate.
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
  // `| 0` turns the look-up of the code unit past the end of the text (`undefined`) into "not an identifier".
  return c >= 128 ? c !== Ch.BOM : (IDENT[c] | 0) !== 0;
}

/**
 * The text as an array of UTF-16 code units: what the scanner reads instead of calling
 * `charCodeAt`. Indexing a typed array is cheaper than `charCodeAt` in every V8 tier, and compiles
 * to far less machine code than `charCodeAt` (which must handle every kind of string at each call
 * site): a cold CLI run spends much of its time waiting for, and running before, that compilation.
 *
 * The array is a view of a buffer shared by all scans (a scan runs to completion and never
 * re-enters), valid until the next call. Copying the text costs about 1 ms per 5 MB. Out-of-range
 * indices read `undefined`, which, like the `NaN` of `charCodeAt`, equals no character code.
 */
export function codeUnitsOf(text: string): Uint16Array {
  const bytes = text.length * 2;
  let buffer = sharedCodeBuffer;
  if (buffer.length < bytes) {
    buffer = Buffer.allocUnsafeSlow(Math.max(bytes, 1 << 16));
    // A very large file gets a buffer of its own, so that it is not kept for the rest of the run.
    if (bytes <= MAX_SHARED_CODE_BYTES) sharedCodeBuffer = buffer;
  }
  // `ucs2Write` (Node's binding behind `write(…, 'utf16le')`, undocumented, hence the fallback)
  // skips the argument checks whose code V8 would otherwise compile into every scan. Code units
  // are copied as they are, lone surrogates included.
  const binding = buffer as unknown as { ucs2Write?: (text: string, offset: number, length: number) => number };
  if (binding.ucs2Write !== undefined) binding.ucs2Write(text, 0, bytes);
  else buffer.write(text, 0, bytes, 'utf16le');
  return new Uint16Array(buffer.buffer, buffer.byteOffset, text.length);
}

const MAX_SHARED_CODE_BYTES = 1 << 21;
let sharedCodeBuffer = Buffer.allocUnsafeSlow(0);

/** Index just past the identifier starting at `i` (or `i` itself when none starts there). */
export function identEnd(codes: Uint16Array, i: number, end: number): number {
  if (i >= end || !isIdentStart(codes[i])) return i;
  i++;
  while (i < end && isIdentChar(codes[i])) i++;
  return i;
}

/** A word's code units, for `spells`: comparing typed arrays compiles to less than `charCodeAt`. */
export function codesOf(word: string): Uint16Array {
  const codes = new Uint16Array(word.length);
  for (let k = 0; k < word.length; k++) codes[k] = word.charCodeAt(k);
  return codes;
}

/** True when the code units `[start, end)` spell `word` (see `codesOf`). */
export function spells(codes: Uint16Array, start: number, end: number, word: Uint16Array): boolean {
  const length = word.length;
  if (end - start !== length) return false;
  for (let k = 0; k < length; k++) {
    if (codes[start + k] !== word[k]) return false;
  }
  return true;
}

/**
 * Keywords as numbers: up to six lowercase ASCII letters, five bits each. Testing the word at a
 * position against several keywords then costs one short loop and a few integer compares.
 */
export function packWord(word: string): number {
  let packed = 0;
  for (let k = 0; k < word.length; k++) packed = packed * 32 + word.charCodeAt(k) - 96;
  return packed;
}

/**
 * The word at `i` packed as by `packWord` when the identifier there is one to six lowercase ASCII
 * letters, else -1. The identifier may end anywhere, also past the end of a range the caller
 * looks at (at most at the end of the text): a keyword is a keyword whatever follows it.
 */
export function packedWordAt(codes: Uint16Array, i: number): number {
  let packed = 0;
  for (let k = i; ; k++) {
    const c = codes[k];
    if (c >= 97 && c <= 122) {
      if (k - i === 6) return -1;
      packed = packed * 32 + c - 96;
    } else {
      return k === i || isIdentChar(c) ? -1 : packed;
    }
  }
}

/** Skips spaces, tabs and form feeds (not newlines). */
export function skipBlanks(codes: Uint16Array, i: number, end: number): number {
  while (i < end) {
    const c = codes[i];
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
