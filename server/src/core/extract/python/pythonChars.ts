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
 * The scanner reads a file as UTF-8 bytes, never decoding it as a whole: keywords, names and
 * punctuation are ASCII, and non-ASCII lives in strings and comments, which it skips. Every
 * non-ASCII byte is ≥ 128, so it is plain to the lexer and part of an identifier, as a non-ASCII
 * code unit was; lines are the same, since no byte of a multi-byte character is a line break.
 *
 * `text` is the same bytes as a Latin-1 string (one character per byte, a copy V8 makes without
 * decoding): the scanner's `indexOf` and `startsWith` run on it, and ASCII names are sliced from
 * it as they are. Non-ASCII names and messages are decoded (`decodedSlice`), and columns are
 * counted in UTF-16 code units, as the editor does (`columnAt`).
 */
export interface SourceBytes {
  text: string;
  codes: Uint8Array;
}

/** The bytes of a file (a view, as they are read) with their Latin-1 string. */
export function sourceBytesOf(bytes: Uint8Array): SourceBytes {
  return { text: bufferOf(bytes).latin1Slice(0, bytes.length), codes: bytes };
}

/**
 * Node's own methods behind `toString('latin1' | 'utf8')` and `write(…, 'utf8')`: on every
 * Buffer since Node's first versions, undocumented. Called directly, they skip the encoding
 * dispatch and argument checks V8 would otherwise compile into every scan.
 */
interface BufferCodec {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
  utf8Write(text: string, offset: number, length: number): number;
}

function bufferOf(bytes: Uint8Array): BufferCodec {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as BufferCodec;
}

/**
 * A text (from an editor) as UTF-8 bytes, in a buffer shared by all scans (a scan runs to
 * completion and never re-enters): valid until the next call. Lone surrogates become U+FFFD,
 * one code unit as they were, so columns stay the editor's.
 */
export function utf8SourceOf(text: string): SourceBytes {
  const most = text.length * 3;
  let buffer = sharedUtf8Buffer;
  if (buffer.length < most) {
    buffer = Buffer.allocUnsafeSlow(Math.max(most, 1 << 16));
    // A very large text gets a buffer of its own, so that it is not kept for the rest of the run.
    if (most <= MAX_SHARED_BYTES) sharedUtf8Buffer = buffer;
  }
  const codec = buffer as unknown as BufferCodec;
  const length = codec.utf8Write(text, 0, most);
  return { text: codec.latin1Slice(0, length), codes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
}

const MAX_SHARED_BYTES = 1 << 21;
let sharedUtf8Buffer = Buffer.allocUnsafeSlow(0);

/** Whether `codes[start, end)` is all ASCII. */
export function isAscii(codes: Uint8Array, start: number, end: number): boolean {
  let high = 0;
  for (let k = start; k < end; k++) high |= codes[k];
  return high < 128;
}

/**
 * The column, in UTF-16 code units as an editor counts them, of byte `offset` on the line that
 * starts at byte `lineStart`. Decoding only part of the line gives the same count as decoding the
 * whole file: positions are at token boundaries, next to ASCII characters, which a UTF-8 decoder
 * never folds into a replacement character.
 */
export function columnAt(codes: Uint8Array, lineStart: number, offset: number): number {
  // Positions come in order along a line: count on from the last one, so that a line with very
  // many statements (`import a; import b; …`) is not counted over again for each.
  let from = lineStart;
  let column = 0;
  if (codes === lastCodes && lineStart === lastLineStart && offset >= lastOffset) {
    from = lastOffset;
    column = lastColumn;
  }
  column += isAscii(codes, from, offset) ? offset - from : decodeUtf8(codes, from, offset).length;
  lastCodes = codes;
  lastLineStart = lineStart;
  lastOffset = offset;
  lastColumn = column;
  return column;
}

let lastCodes: Uint8Array | undefined;
let lastLineStart = -1;
let lastOffset = 0;
let lastColumn = 0;

/** `codes[start, end)` as the text it encodes (`text` is their Latin-1 string). */
export function decodedSlice(text: string, codes: Uint8Array, start: number, end: number): string {
  return isAscii(codes, start, end) ? text.slice(start, end) : decodeUtf8(codes, start, end);
}

function decodeUtf8(codes: Uint8Array, start: number, end: number): string {
  return bufferOf(codes).utf8Slice(start, end);
}

/** Index just past the identifier starting at `i` (or `i` itself when none starts there). */
export function identEnd(codes: Uint8Array, i: number, end: number): number {
  if (i >= end || !isIdentStart(codes[i])) return i;
  i++;
  while (i < end && isIdentChar(codes[i])) i++;
  return i;
}

/** A word's code units, for `spells`: comparing typed arrays compiles to less than `charCodeAt`. */
export function codesOf(word: string): Uint8Array {
  const codes = new Uint8Array(word.length);
  for (let k = 0; k < word.length; k++) codes[k] = word.charCodeAt(k);
  return codes;
}

/** True when the code units `[start, end)` spell `word` (see `codesOf`). */
export function spells(codes: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
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
export function packedWordAt(codes: Uint8Array, i: number): number {
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
export function skipBlanks(codes: Uint8Array, i: number, end: number): number {
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
