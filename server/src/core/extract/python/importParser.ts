/**
 * Parses one import statement whose extent the lexer has already found (from its keyword to the
 * `;` or end of its logical line). Only this small range is tokenised in detail, which is what
 * keeps the whole-file scan cheap: import lines are a tiny share of a Python file.
 *
 * Written for a cold start as much as for speed: a CLI run parses a few thousand imports, so much
 * of what this code costs is V8 compiling it, and V8 compiles a small function again inside each
 * caller it inlines it into. Hence few functions (the grammar in one, too large to be inlined, the
 * tokenizer in another), errors as return values rather than exceptions, no closures, and the
 * values a statement keeps made once and shared (`scanRecords.ts`, `stringPool.ts`).
 */
import type { ImportedName, ImportStatement, ScanProblem, SourcePosition, SourceSpan } from './importStatement';
import { Ch, columnAt, decodedSlice, HARD_KEYWORDS, isIdentChar, isIdentStart, packedWordAt, packWord } from './pythonChars';
import { nameOf, namesList, positionAt, Problem, spanOf, Statement } from './scanRecords';
import { pooled, pooledSlice } from './stringPool';

const T_END: number = 0;
const T_NAME: number = 1;
const T_DOT: number = 2;
const T_COMMA: number = 3;
const T_LPAREN: number = 4;
const T_RPAREN: number = 5;
const T_STAR: number = 6;
const T_OTHER: number = 7;

/** `from` plus leading dots, for the statement's text; deeper relative imports use `repeat`. */
const FROM_DOTS = ['from ', 'from .', 'from ..', 'from ...', 'from ....'];

const EMPTY_CODES = new Uint8Array(0);

const P_FROM = packWord('from');
const P_IMPORT = packWord('import');
const P_AS = packWord('as');

export class ImportStatementParser {
  private text = '';
  private codes: Uint8Array = EMPTY_CODES;
  private end = 0;
  private pos = 0;
  private line = 0;
  private lineStart = 0;

  private tok = T_END;
  private tokStart = 0;
  private tokEnd = 0;
  private tokLine = 0;
  private tokLineStart = 0;
  /**
   * The name token is pure ASCII. Python compares identifiers after NFKC normalisation, so `ﬁle`
   * names the module `file`; only other names need normalising.
   */
  private tokAscii = true;
  /** End of the previous token, for spans that stop at the last token read (numbers: no allocation per token). */
  private lastEndLine = 0;
  private lastEndLineStart = 0;
  private lastEndAt = 0;

  /**
   * Scratch space, reused by every statement: the names read so far, pieces of strings to join,
   * and the `[start, end)` of each part of the dotted name being read.
   */
  private readonly names: ImportedName[] = [];
  private readonly pieces: string[] = [];
  private partEnds: Int32Array = new Int32Array(16);

  /** Why the statement being parsed is invalid, where, and whether it ran out of tokens. */
  private failure = '';
  private failurePosition: SourcePosition = positionAt(0, 0);
  private failureAtEnd = false;

  /**
   * After `parse` returned undefined: the problem to report, or undefined when the statement was
   * only cut short by an unclosed bracket the lexer has already reported.
   */
  problem: ScanProblem | undefined;

  /**
   * `start` is the index of the `import`/`from` keyword, on 0-based `line` whose first character is
   * at `lineStart`; `codes` are the text's code units. Where the statement sits (under a
   * TYPE_CHECKING guard, in which function) the scanner decides from indentation. `unclosed` says
   * the lexer already reported an unclosed bracket that cut this range short, so running out of
   * tokens inside `( … )` needs no second problem.
   *
   * Both forms are read here, in one function: `import a.b as c, d` and
   * `from ..a.b import (c as d, e)` / `from a import *`.
   */
  parse(
    text: string, codes: Uint8Array, start: number, end: number, line: number, lineStart: number,
    typeCheckingOnly: boolean, functionName: string | undefined, unclosed: boolean,
  ): ImportStatement | undefined {
    this.text = text;
    this.codes = codes;
    this.end = end;
    this.pos = start;
    this.line = line;
    this.lineStart = lineStart;
    this.advance();
    const from = this.isWord(P_FROM);
    const keyword = this.tokPos();
    this.advance();
    let level = 0;
    let module = '';
    let moduleSpan: SourceSpan | undefined;
    const names = this.names;
    names.length = 0;
    let star = false;
    let parenthesised = false;
    let failed = false;
    if (from) {
      const moduleStart = this.tokPos();
      while (this.tok === T_DOT) {
        level++;
        this.advance();
      }
      if (this.tok === T_NAME && !this.isWord(P_IMPORT)) {
        const dotted = this.dotted("expected a module name after 'from'");
        if (dotted === undefined) failed = true;
        else module = dotted;
      } else if (level === 0) {
        failed = this.fail("expected a module name after 'from'");
      }
      moduleSpan = spanOf(moduleStart, this.lastEnd());
      if (!failed && !this.isWord(P_IMPORT)) failed = this.fail("expected 'import' after the module name");
      if (!failed) {
        this.advance();
        if (this.tok === T_STAR) {
          names.push(nameOf('*', undefined, spanOf(this.tokPos(), this.tokEndPos())));
          star = true;
          this.advance();
        } else {
          parenthesised = this.tok === T_LPAREN;
          if (parenthesised) this.advance();
        }
      }
    }
    // The names: dotted modules after `import`, plain names after `from … import`.
    while (!failed && !star) {
      const first = this.tokPos();
      let name: string | undefined;
      if (from) {
        const message = names.length === 0
          ? (parenthesised ? "expected a name after '('" : "expected a name, '*' or '(' after 'import'")
          : "expected a name after ','";
        if (this.isName(message)) {
          name = this.tokenString();
          this.advance();
        }
      } else {
        name = this.dotted("expected a module name after 'import'");
      }
      if (name === undefined) {
        failed = true;
        break;
      }
      const span = spanOf(first, this.lastEnd());
      let alias: string | undefined;
      if (this.isWord(P_AS)) {
        this.advance();
        if (!this.isName("expected a name after 'as'")) {
          failed = true;
          break;
        }
        alias = this.tokenString();
        this.advance();
      }
      names.push(nameOf(name, alias, span));
      if (this.tok !== T_COMMA) break;
      this.advance();
      if (parenthesised && this.tok === T_RPAREN) break;
    }
    if (!failed && parenthesised) {
      if (this.tok === T_RPAREN) this.advance();
      else failed = this.fail("expected ')' to close the import list");
    }
    if (!failed && this.tok !== T_END) {
      failed = this.fail(`unexpected '${decodedSlice(text, this.codes, this.tokStart, this.tokEnd)}' in import statement`);
    }
    const span = failed ? undefined : spanOf(keyword, this.lastEnd());
    // The scanner shares one parser across files: do not keep the last file alive.
    this.text = '';
    this.codes = EMPTY_CODES;
    if (span === undefined) {
      this.problem = this.failureAtEnd && unclosed ? undefined : new Problem(this.failurePosition, this.failure);
      return undefined;
    }
    // The statement as reports show it, as one flat string: `from <dots+module> import <names>`
    // without aliases, or `import <modules>`.
    const pieces = this.pieces;
    pieces.length = 0;
    pieces.push(from ? (level < FROM_DOTS.length ? FROM_DOTS[level] : 'from ' + '.'.repeat(level)) + module + ' import ' : 'import ');
    for (let k = 0; k < names.length; k++) {
      if (k > 0) pieces.push(', ');
      pieces.push(names[k].name);
    }
    const shown = pooled(pieces.join(''));
    // An array of exactly its length (one grown by `push` keeps spare room), shared when it can be.
    const kept = namesList(names);
    return from
      ? new Statement('from', level, module, moduleSpan, kept, span, typeCheckingOnly, functionName, shown)
      : new Statement('import', 0, '', undefined, kept, span, typeCheckingOnly, functionName, shown);
  }

  /**
   * `a`, `a.b`, `a . b` (spaces and continuations between parts are legal), consumed: returns
   * `a.b`. Written without spaces (as it nearly always is), the name is the source text itself.
   */
  private dotted(message: string): string | undefined {
    if (!this.isName(message)) return undefined;
    const start = this.tokStart;
    let end = this.tokEnd;
    let plain = this.tokAscii;
    let parts = this.partEnds;
    let count = 0;
    parts[count++] = start;
    parts[count++] = end;
    this.advance();
    while (this.tok === T_DOT) {
      plain = plain && this.tokStart === end;
      const dot = this.tokEnd;
      this.advance();
      if (!this.isName("expected a name after '.'")) return undefined;
      plain = plain && this.tokAscii && this.tokStart === dot;
      end = this.tokEnd;
      if (count === parts.length) parts = this.partEnds = growInt32(parts);
      parts[count++] = this.tokStart;
      parts[count++] = end;
      this.advance();
    }
    return plain ? pooledSlice(this.text, this.codes, start, end) : this.joinedParts(count);
  }

  /** A dotted name not written as plain ASCII without spaces: its `count / 2` parts (see `partEnds`), normalised, joined by dots. */
  private joinedParts(count: number): string {
    const pieces = this.pieces;
    pieces.length = 0;
    for (let k = 0; k < count; k += 2) pieces.push(this.nameAt(this.partEnds[k], this.partEnds[k + 1]));
    return pooled(pieces.join('.'));
  }

  /** Whether the current token is a name (not a keyword); if not, the failure says `message`. */
  private isName(message: string): boolean {
    if (this.tok !== T_NAME) return !this.fail(message);
    // Hard keywords are lowercase words of up to 8 letters, and `False`, `None`, `True`.
    const first = this.codes[this.tokStart];
    if (this.tokEnd - this.tokStart <= 8 && ((first >= 97 && first <= 122) || first === 70 || first === 78 || first === 84)) {
      const raw = this.text.slice(this.tokStart, this.tokEnd);
      if (HARD_KEYWORDS.has(raw)) return !this.failKeyword(raw);
    }
    return true;
  }

  /** The current name token's value (see `nameAt`). */
  private tokenString(): string {
    return this.tokAscii ? pooledSlice(this.text, this.codes, this.tokStart, this.tokEnd) : this.nameAt(this.tokStart, this.tokEnd);
  }

  /** The name written at `[start, end)`: Python compares identifiers after NFKC normalisation, so `ﬁle` names `file`. */
  private nameAt(start: number, end: number): string {
    return pooled(decodedSlice(this.text, this.codes, start, end).normalize('NFKC'));
  }

  private failKeyword(raw: string): boolean {
    return this.fail(`'${raw}' is a keyword, not a name`);
  }

  /** Records why the statement is invalid; returns true, for `failed = this.fail(…)`. */
  private fail(message: string): boolean {
    this.failureAtEnd = this.tok === T_END;
    this.failurePosition = this.failureAtEnd ? this.lastEnd() : this.tokPos();
    this.failure = message;
    return true;
  }

  /** Whether the current token is the keyword packed as `word` (see `packWord`). */
  private isWord(word: number): boolean {
    return this.tok === T_NAME && packedWordAt(this.codes, this.tokStart) === word;
  }

  private tokPos(): SourcePosition {
    return positionAt(this.tokLine, columnAt(this.codes, this.tokLineStart, this.tokStart));
  }

  private lastEnd(): SourcePosition {
    return positionAt(this.lastEndLine, columnAt(this.codes, this.lastEndLineStart, this.lastEndAt));
  }

  private tokEndPos(): SourcePosition {
    return positionAt(this.tokLine, columnAt(this.codes, this.tokLineStart, this.tokEnd));
  }

  private advance(): void {
    this.lastEndLine = this.tokLine;
    this.lastEndLineStart = this.tokLineStart;
    this.lastEndAt = this.tokEnd;
    const codes = this.codes;
    const end = this.end;
    let i = this.pos;
    for (;;) {
      if (i >= end) break;
      const c = codes[i];
      if (c === Ch.Space || c === Ch.Tab || c === Ch.FF) {
        i++;
      } else if (c === Ch.LF || c === Ch.CR) {
        i += c === Ch.CR && codes[i + 1] === Ch.LF ? 2 : 1;
        this.line++;
        this.lineStart = i;
      } else if (c === Ch.Backslash && (codes[i + 1] === Ch.LF || codes[i + 1] === Ch.CR)) {
        i++;
      } else if (c === Ch.Hash) {
        while (i < end && codes[i] !== Ch.LF && codes[i] !== Ch.CR) i++;
      } else {
        break;
      }
    }
    this.tokLine = this.line;
    this.tokLineStart = this.lineStart;
    this.tokStart = i;
    if (i >= end) {
      this.tok = T_END;
      this.tokEnd = i;
      this.pos = i;
      return;
    }
    const c = codes[i];
    if (isIdentStart(c)) {
      let high = c;
      let j = i + 1;
      while (j < end) {
        const d = codes[j];
        if (!isIdentChar(d)) break;
        high |= d;
        j++;
      }
      this.tok = T_NAME;
      this.tokEnd = j;
      this.tokAscii = high < 128;
    } else {
      this.tokEnd = i + 1;
      switch (c) {
        case Ch.Dot: this.tok = T_DOT; break;
        case Ch.Comma: this.tok = T_COMMA; break;
        case Ch.LParen: this.tok = T_LPAREN; break;
        case Ch.RParen: this.tok = T_RPAREN; break;
        case Ch.Star: this.tok = T_STAR; break;
        default: this.tok = T_OTHER;
      }
    }
    this.pos = this.tokEnd;
  }
}

function growInt32(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
