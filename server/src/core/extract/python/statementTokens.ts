/**
 * The tokens of every statement of a Python file, for a reader that looks at all of them (the
 * annotation reader) where the import scanner looks only at imports. It is no second lexer: the
 * scanner finds the logical lines, and steps over each string and comment in them the way it did
 * while scanning (see `LogicalLines`), so brackets, continuations, every string form (prefixes,
 * triple quotes, nested f-strings) and the recovery from broken ones are the scanner's. What lies
 * between the strings and comments is cut here into names, numbers and operators.
 */
import type { PythonScan } from './importStatement';
import { Ch, decodedSlice, isIdentChar, isIdentStart } from './pythonChars';
import { PREFIX_FORMAT, scanLogicalLines, stringPrefix, type LogicalLines } from './scanImports';

export const T_NAME = 0;
export const T_OP = 1;
export const T_STRING = 2;
/** An f-string (or t-string): its replacement fields run. */
export const T_FSTRING = 3;

export interface Token {
  kind: number;
  /** A name, an operator (every number is `0`), or a string's body without prefix and quotes. */
  text: string;
}

/** A statement: a logical line, or a part of one between `;` at bracket depth 0. */
export interface Statement {
  indent: number;
  tokens: Token[];
}

const THREE_CHAR_OPS = new Set(['**=', '//=', '>>=', '<<=', '...']);
const TWO_CHAR_OPS = new Set(['->', ':=', '==', '!=', '<=', '>=', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']);

/** The statements of `text`, and the scan that found them (its imports name the `TYPE_CHECKING` flag). Never throws. */
export function statementTokens(text: string): { statements: Statement[]; scan: PythonScan } {
  const { scan, lines } = scanLogicalLines(text);
  const statements: Statement[] = [];
  const all = lines.lines;
  for (let k = 0; k < all.length; k += 3) cut(lines, all[k], all[k + 1], all[k + 2], statements);
  return { statements, scan };
}

/** Cuts the logical line `[start, end)` into tokens, a statement at each `;` outside brackets. */
function cut(lines: LogicalLines, start: number, end: number, indent: number, statements: Statement[]): void {
  const { text, codes } = lines.source;
  let tokens: Token[] = [];
  let depth = 0;
  let i = start;
  while (i < end) {
    const c = codes[i];
    if (c === Ch.Hash) {
      i = lines.commentEnd(i);
      continue;
    }
    if (c === Ch.SQuote || c === Ch.DQuote) {
      i = stringToken(lines, i, tokens);
      continue;
    }
    // Blanks, line breaks inside brackets, and continuation backslashes: the scanner has joined the lines.
    if (c === Ch.Space || c === Ch.Tab || c === Ch.FF || c === Ch.LF || c === Ch.CR || c === Ch.Backslash) {
      i++;
      continue;
    }
    if (isIdentStart(c)) {
      let e = i + 1;
      while (e < end && isIdentChar(codes[e])) e++;
      // Prefix letters are part of the string after them (`rb"…"`), as the scanner reads them.
      if ((codes[e] === Ch.SQuote || codes[e] === Ch.DQuote) && stringPrefix(codes, e) >> 2 === e - i) {
        i = stringToken(lines, e, tokens);
        continue;
      }
      tokens.push({ kind: T_NAME, text: decodedSlice(text, codes, i, e) });
      i = e;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let e = i + 1;
      while (e < end && (isIdentChar(codes[e]) || codes[e] === Ch.Dot)) e++;
      tokens.push({ kind: T_OP, text: '0' });
      i = e;
      continue;
    }
    if (c === Ch.LParen || c === Ch.LBracket || c === Ch.LBrace) depth++;
    else if ((c === Ch.RParen || c === Ch.RBracket || c === Ch.RBrace) && depth > 0) depth--;
    else if (c === Ch.Semi && depth === 0) {
      if (tokens.length > 0) statements.push({ indent, tokens });
      tokens = [];
      i++;
      continue;
    }
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    const op = THREE_CHAR_OPS.has(three) ? three : TWO_CHAR_OPS.has(two) ? two : text[i];
    tokens.push({ kind: T_OP, text: op });
    i += op.length;
  }
  if (tokens.length > 0) statements.push({ indent, tokens });
}

/** Adds the string whose opening quote is at `quote` as a token; returns where the lexer goes on after it. */
function stringToken(lines: LogicalLines, quote: number, tokens: Token[]): number {
  const { text, codes } = lines.source;
  const end = lines.stringEnd(quote);
  const q = codes[quote];
  const delimiter = codes[quote + 1] === q && codes[quote + 2] === q ? 3 : 1;
  const bodyStart = Math.min(quote + delimiter, end);
  // A string left open (the lexer went on at the end of its line) has no closing quotes.
  const closed = end - delimiter >= bodyStart && codes[end - 1] === q;
  const formatted = (stringPrefix(codes, quote) & PREFIX_FORMAT) !== 0;
  tokens.push({ kind: formatted ? T_FSTRING : T_STRING, text: decodedSlice(text, codes, bodyStart, closed ? end - delimiter : end) });
  return end;
}
