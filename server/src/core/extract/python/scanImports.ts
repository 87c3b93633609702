/**
 * A statement-level Python lexer that finds import statements, their context (function scope,
 * `if TYPE_CHECKING:` guards) and `# strata: ignore[...]` comments.
 *
 * It is deliberately not a parser. One tight `charCodeAt` loop tracks only what decides where
 * statements start and end: strings (all prefixes, triple quotes, f-/t-strings with nested
 * expressions), comments, bracket depth, backslash continuations, newlines, `;` and the first `:`
 * at bracket depth 0 (not `:=`). A logical line is then looked at by its first word only, unless
 * it starts with `import`/`from` (parsed by `ImportStatementParser`), is an `if`/`elif`/`else`/`def`
 * header (which may open a block with another context), or has a `;` or a depth-0 `:` after which
 * an import may follow on the same line (`try: import x`, `x = 1; import y`). Block structure
 * comes from indentation alone, as in Python: a block ends at the first later logical line that is
 * indented no deeper than its header. Only `def` and `if`/`elif`/`else` bodies change the context
 * of their imports; a class body keeps its surroundings' (module scope at top level, function scope
 * inside a function, where it runs at call time).
 *
 * Positions are 0-based lines and UTF-16 columns (JavaScript string indices within the line). A
 * leading BOM (U+FEFF) is skipped but, being index 0 of the string, still shifts the columns of
 * line 0 by one: that is what an editor holding the same decoded text counts too.
 *
 * Broken input is reported in `problems` and never throws; every recovery keeps the scan linear:
 * - an unclosed bracket ends its logical line where a later physical line starts with a
 *   statement-only keyword (see `startsStatementOnlyKeyword`), or at end of file;
 * - a stray closing bracket is reported and ignored; a mismatched one closes the innermost bracket;
 * - a string left open is reported and scanning resumes at the end of the line it started on
 *   (for a single-quoted string that is where Python's tokenizer stops too); a triple-quoted
 *   string that reaches end of file makes every later triple-quoted string with the same quote
 *   character fail at once, instead of re-scanning to the end again.
 */
import type { ImportStatement, PythonScan, ScanProblem, Suppression } from './importStatement';
import { ImportContext, ImportStatementParser } from './importParser';
import { Ch, LexClass, identEnd, isIdentChar, skipBlanks, LEXER_CLASS, wordAt } from './pythonChars';
import {
  defNameStart, leadingWord, skipInline, startsStatementOnlyKeyword,
  W_DEF, W_ELIF, W_ELSE, W_FROM, W_IF, W_IMPORT, W_OTHER,
} from './statementKeywords';
import { readSuppression } from './suppressionComment';
import { GUARD_NEGATED, GUARD_NONE, GUARD_TYPE_CHECKING, GuardKind, TypeCheckingNames } from './typeCheckingGuard';
import { WARM_UP_SAMPLE } from './warmUpSample';

export function scanPythonImports(text: string): PythonScan {
  if (!warmedUp) warmUp();
  return new PythonImportScanner(text).scan();
}

let warmedUp = false;

/** See `WARM_UP_SAMPLE`: one-byte and two-byte strings, in each line-ending style. */
function warmUp(): void {
  warmedUp = true;
  for (const eol of ['\n', '\r\n', '\r']) {
    const sample = WARM_UP_SAMPLE.replace(/\n/g, eol);
    new PythonImportScanner(sample).scan();
    new PythonImportScanner('\uFEFF' + sample).scan();
  }
}

/** The context a block's body gives its statements; `indent` is the indentation of its header line. */
interface Block extends ImportContext {
  indent: number;
}

/** The `if`/`elif` chain open at one indentation, waiting for a possible `elif`/`else`. */
interface IfChain {
  indent: number;
  /** A previous branch is always taken at run time (`if not TYPE_CHECKING:`), so later ones never run. */
  deadAfter: boolean;
}

const MODULE_LEVEL: Block = { indent: -1, typeCheckingOnly: false, functionName: undefined };

/** Open brackets remembered for messages; deeper ones are only counted. */
const BRACKET_MEMORY = 64;
/** Nesting of f-strings (and format-spec fields) followed; deeper ones are read as plain strings. */
const MAX_STRING_NESTING = 32;

const OPEN_CLOSER = new Uint16Array(BRACKET_MEMORY);
const OPEN_LINE = new Int32Array(BRACKET_MEMORY);
const OPEN_COLUMN = new Int32Array(BRACKET_MEMORY);

/** Keeps no state between statements, so one instance serves every scan. */
const PARSER = new ImportStatementParser();

/** Grown (and then kept) only for lines with very many semicolons. */
let SEMICOLONS = new Int32Array(64);

const PREFIX_FORMAT = 1;
const PREFIX_RAW = 2;

function hasLoneCR(text: string): boolean {
  for (let k = text.indexOf('\r'); k >= 0; k = text.indexOf('\r', k + 1)) {
    if (text.charCodeAt(k + 1) !== Ch.LF) return true;
  }
  return false;
}

/** Opening partner of a closing bracket code. */
function openerOf(close: number): number {
  return close === Ch.RParen ? Ch.LParen : close === Ch.RBracket ? Ch.LBracket : Ch.LBrace;
}

/**
 * Prefix flags of the string whose quote is at `q`, read backwards: at most two letters from
 * r/u/b/f/t (any case) preceded by a non-identifier character. Bits 0-1 are the flags, the rest
 * the prefix length. Letters glued to a longer identifier (`x"..."`) are no prefix.
 */
function stringPrefix(text: string, q: number): number {
  let k = q - 1;
  let flags = 0;
  let count = 0;
  while (k >= 0 && count < 3) {
    const c = text.charCodeAt(k) | 0x20;
    if (c === 114) flags |= PREFIX_RAW; // r
    else if (c === 102 || c === 116) flags |= PREFIX_FORMAT; // f, t
    else if (c !== 98 && c !== 117) break; // b, u
    k--;
    count++;
  }
  if (count === 0) return 0;
  if (count > 2 || (k >= 0 && isIdentChar(text.charCodeAt(k)))) return 0;
  return flags | (count << 2);
}

class PythonImportScanner {
  private readonly text: string;
  private readonly n: number;
  /**
   * A CR not followed by LF (old Mac line ends) exists somewhere. Without one, every line break
   * contains an LF, so line ends and line counts can use the native `indexOf('\n')`.
   */
  private readonly loneCR: boolean;

  /** Current physical line, shared with the string helpers (the main loop keeps local copies). */
  private line = 0;
  private lineStart = 0;

  /** Set by the string helpers when a string is left open; checked right after each call. */
  private failed = false;
  /** Per quote character (`"`, `'`): start of a triple-quoted string that ran to end of file. */
  private tripleFailedFromDouble: number;
  private tripleFailedFromSingle: number;
  /**
   * Cleared once an f-string ran to end of file: later single-quoted f-strings then end at a
   * newline inside a field (the pre-3.12 rule), so a broken file cannot make the scan quadratic.
   */
  private multilineFields = true;

  /**
   * The closer each open bracket expects (`)` for `(`), with where it was opened. The arrays are
   * shared by all scans (a scan runs to completion synchronously and never re-enters), because
   * allocating them per file is measurable when scanning thousands of small files.
   */
  private readonly openCloser = OPEN_CLOSER;
  private readonly openLine = OPEN_LINE;
  private readonly openColumn = OPEN_COLUMN;

  /** `;` at depth 0 in the current logical line: the first `semicolonCount` entries. */
  private semicolons = SEMICOLONS;
  private semicolonCount = 0;
  /**
   * Memos of the last `indexOf` for `#` and `\\`: the first occurrence at or after `…SearchFrom` is
   * at `…Found` (n + 1 when none). Searches start where the previous one left off, so each
   * character is searched over about once however many comments or strings ask.
   */
  private hashSearchFrom = 0;
  private hashFound = -1;
  private backslashSearchFrom = 0;
  private backslashFound = -1;

  private readonly blocks: Block[] = [];
  private readonly chains: IfChain[] = [];
  private readonly guards = new TypeCheckingNames();
  private readonly parser = PARSER;

  /** Walks forward through a logical line to turn segment starts into line/column. */
  private cursorIndex = 0;
  private cursorLine = 0;
  private cursorLineStart = 0;

  private readonly imports: ImportStatement[] = [];
  private readonly suppressions: Suppression[] = [];
  private readonly problems: ScanProblem[] = [];

  constructor(text: string) {
    this.text = text;
    this.n = text.length;
    this.loneCR = hasLoneCR(text);
    this.tripleFailedFromDouble = this.n + 1;
    this.tripleFailedFromSingle = this.n + 1;
  }

  scan(): PythonScan {
    const text = this.text;
    const n = this.n;
    let i = n > 0 && text.charCodeAt(0) === Ch.BOM ? 1 : 0;
    while (i < n) {
      // A physical line that starts a logical line: measure its indentation (tabs to the next
      // multiple of 8, form feed resets, as Python's tokenizer does).
      let column = 0;
      let c = 0;
      while (i < n) {
        c = text.charCodeAt(i);
        if (c === Ch.Space) column++;
        else if (c === Ch.Tab) column = (column & ~7) + 8;
        else if (c === Ch.FF) column = 0;
        else break;
        i++;
      }
      if (i >= n) break;
      if (c === Ch.LF || c === Ch.CR) {
        i += c === Ch.CR && text.charCodeAt(i + 1) === Ch.LF ? 2 : 1;
        this.line++;
        this.lineStart = i;
      } else if (c === Ch.Hash) {
        // Comment-only lines neither open nor close blocks.
        i = this.comment(i, this.line, this.lineStart);
      } else {
        i = this.logicalLineAt(i, column);
      }
    }
    this.problems.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
    return { imports: this.imports, suppressions: this.suppressions, problems: this.problems };
  }

  /**
   * Lexes the logical line starting at `start` (indented `indent` columns), hands it to
   * `logicalLine`, and returns the index after its final line break. One call per logical line
   * (rather than one loop over the file) lets V8 optimise this function as a whole from its call
   * counts instead of by on-stack replacement, and keeps it small enough to recompile quickly:
   * on a cold run over thousands of files that is most of the difference in speed.
   */
  private logicalLineAt(start: number, indent: number): number {
    const text = this.text;
    const n = this.n;
    // Locals, so the hot loop does not reload them from the module or `this`.
    const classOf = LEXER_CLASS;
    const openCloser = this.openCloser;
    const openLine = this.openLine;
    const openColumn = this.openColumn;
    let line = this.line;
    let lineStart = this.lineStart;
    const startLine = line;
    const startLineStart = lineStart;
    let i = start;
    let c = 0;
    let depth = 0;
    let colon = -1;
    let end = -1;
    let unclosed = false;
    let semicolonCount = 0;
    scan: for (;;) {
      // The hot loop: most characters need nothing but this test.
      for (;;) {
        if (i >= n) break scan;
        c = text.charCodeAt(i);
        if (c < 128 && classOf[c] !== LexClass.Plain) break;
        i++;
      }
      switch (classOf[c]) {
        case LexClass.Newline: {
          const newline = i;
          i += c === Ch.CR && text.charCodeAt(i + 1) === Ch.LF ? 2 : 1;
          line++;
          lineStart = i;
          if (depth === 0) {
            end = newline;
            break scan;
          }
          // Indentation inside brackets means nothing; skip it once, then test for recovery.
          i = skipBlanks(text, i, n);
          if (startsStatementOnlyKeyword(text, i, n)) {
            this.reportUnclosed();
            unclosed = true;
            end = newline;
            i = lineStart;
            break scan;
          }
          continue;
        }
        case LexClass.Hash:
          i = this.comment(i, line, lineStart);
          continue;
        case LexClass.Quote:
          this.line = line;
          this.lineStart = lineStart;
          i = this.string(i, 0);
          line = this.line;
          lineStart = this.lineStart;
          continue;
        case LexClass.Backslash: {
          const d = text.charCodeAt(i + 1);
          if (d === Ch.LF) {
            i += 2;
          } else if (d === Ch.CR) {
            i += text.charCodeAt(i + 2) === Ch.LF ? 3 : 2;
          } else {
            i++;
            continue;
          }
          line++;
          lineStart = i;
          continue;
        }
        case LexClass.Open:
          if (depth < BRACKET_MEMORY) {
            // The closer is 1 past `(` and 2 past `[` and `{` in ASCII.
            openCloser[depth] = c === Ch.LParen ? Ch.RParen : c + 2;
            openLine[depth] = line;
            openColumn[depth] = i - lineStart;
          }
          depth++;
          i++;
          continue;
        case LexClass.Close:
          if (depth === 0) {
            this.problem(line, i - lineStart, `unmatched '${String.fromCharCode(c)}'`);
          } else {
            depth--;
            if (depth < BRACKET_MEMORY && openCloser[depth] !== c) this.mismatched(c, depth, line, i - lineStart);
          }
          i++;
          continue;
        case LexClass.Semi:
          if (depth === 0) {
            if (semicolonCount === this.semicolons.length) this.growSemicolons();
            this.semicolons[semicolonCount++] = i;
          }
          i++;
          continue;
        case LexClass.Colon:
          if (depth === 0 && colon < 0 && text.charCodeAt(i + 1) !== Ch.Equals) colon = i;
          i++;
          continue;
        default:
          i++;
      }
    }
    if (end < 0) {
      end = n;
      if (depth > 0) {
        this.reportUnclosed();
        unclosed = true;
      }
    }
    this.line = line;
    this.lineStart = lineStart;
    this.semicolonCount = semicolonCount;
    this.logicalLine(start, end, indent, startLine, startLineStart, colon, unclosed);
    return i;
  }

  private mismatched(close: number, depth: number, line: number, column: number): void {
    const open = String.fromCharCode(openerOf(this.openCloser[depth]));
    this.problem(line, column, `closing '${String.fromCharCode(close)}' does not match '${open}' opened at line ${this.openLine[depth] + 1}`);
  }

  private growSemicolons(): void {
    const grown = new Int32Array(this.semicolons.length * 2);
    grown.set(this.semicolons);
    SEMICOLONS = this.semicolons = grown;
  }

  private reportUnclosed(): void {
    const open = String.fromCharCode(openerOf(this.openCloser[0]));
    this.problem(this.openLine[0], this.openColumn[0], `unclosed '${open}' opened at line ${this.openLine[0] + 1}`);
  }

  private problem(line: number, column: number, message: string): void {
    this.problems.push({ position: { line, column }, message });
  }

  /** Index of the line break (CR or LF) that ends the physical line containing `i`, or n. */
  private lineEnd(i: number): number {
    const text = this.text;
    const n = this.n;
    if (!this.loneCR) {
      const e = text.indexOf('\n', i);
      if (e < 0) return n;
      return e > i && text.charCodeAt(e - 1) === Ch.CR ? e - 1 : e;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === Ch.LF || c === Ch.CR) break;
      i++;
    }
    return i;
  }

  /** First `#` after index `i`, or n + 1. */
  private hashAfter(i: number): number {
    if (this.hashSearchFrom > i + 1 || this.hashFound <= i) {
      const k = this.text.indexOf('#', i + 1);
      this.hashSearchFrom = i + 1;
      this.hashFound = k < 0 ? this.n + 1 : k;
    }
    return this.hashFound;
  }

  /** First backslash at or after index `i`, or n + 1. */
  private backslashFrom(i: number): number {
    if (this.backslashSearchFrom > i || this.backslashFound < i) {
      const k = this.text.indexOf('\\', i);
      this.backslashSearchFrom = i;
      this.backslashFound = k < 0 ? this.n + 1 : k;
    }
    return this.backslashFound;
  }

  // ---------------------------------------------------------------- comments

  /**
   * Skips the comment at `i` (its `#`), returning the index of the line break that ends it.
   * A suppression marker follows a `#`: the comment's own, or a later one inside the same comment
   * (`# noqa  # strata: ignore[L2-L5]`), so only the word after each `#` needs a look.
   */
  private comment(i: number, line: number, lineStart: number): number {
    const text = this.text;
    const eol = this.lineEnd(i + 1);
    let rules: string[] | undefined;
    let hash = i;
    for (;;) {
      const word = skipBlanks(text, hash + 1, eol);
      if (text.charCodeAt(word) === 115 /* s */ && text.startsWith('strata', word)) {
        const reading = readSuppression(text, hash, eol, word);
        if (reading.kind === 'rules') {
          if (rules === undefined) rules = reading.rules;
          else if (rules.length > 0 && reading.rules.length > 0) rules = [...new Set([...rules, ...reading.rules])];
          else rules = [];
        } else if (reading.kind === 'malformed') {
          this.problem(line, reading.at - lineStart, reading.message);
        }
      }
      hash = this.hashAfter(hash);
      if (hash >= eol) break;
    }
    if (rules !== undefined) this.suppressions.push({ line, rules });
    return eol;
  }

  // ---------------------------------------------------------------- strings

  /**
   * Scans the string whose opening quote is at `q0` and returns the index after it. On a string
   * left open, an outermost string (`nest` 0) is reported and the scan resumes at the end of its
   * first line; a nested one sets `failed` and lets its enclosing string report.
   */
  private string(q0: number, nest: number): number {
    const text = this.text;
    const n = this.n;
    const q = text.charCodeAt(q0);
    const prefix = stringPrefix(text, q0);
    const triple = text.charCodeAt(q0 + 1) === q && text.charCodeAt(q0 + 2) === q;
    const startLine = this.line;
    const startLineStart = this.lineStart;
    const bodyStart = q0 + (triple ? 3 : 1);
    let j: number;
    this.failed = false;
    if (triple && q0 >= (q === Ch.DQuote ? this.tripleFailedFromDouble : this.tripleFailedFromSingle)) {
      // Already known to run to end of file: the earlier scan passed over this very opening.
      this.failed = true;
      j = n;
    } else if ((prefix & PREFIX_FORMAT) !== 0 && nest < MAX_STRING_NESTING) {
      j = this.formattedBody(bodyStart, q, triple, (prefix & PREFIX_RAW) !== 0, nest);
    } else {
      j = this.plainBody(bodyStart, q, triple);
    }
    if (!this.failed) return j;
    if (j >= n) {
      if (triple) {
        if (q === Ch.DQuote) this.tripleFailedFromDouble = Math.min(this.tripleFailedFromDouble, q0);
        else this.tripleFailedFromSingle = Math.min(this.tripleFailedFromSingle, q0);
      }
      if ((prefix & PREFIX_FORMAT) !== 0) this.multilineFields = false;
    }
    if (nest > 0) return j;
    this.failed = false;
    const column = q0 - (prefix >> 2) - startLineStart;
    this.problem(
      startLine, column,
      triple ? `unterminated triple-quoted string starting at line ${startLine + 1}` : `unterminated string at line ${startLine + 1}`,
    );
    this.line = startLine;
    this.lineStart = startLineStart;
    return this.lineEnd(q0);
  }

  /** Body of a string without replacement fields. Escapes never end it, raw or not. */
  private plainBody(j: number, q: number, triple: boolean): number {
    const text = this.text;
    const n = this.n;
    if (triple) {
      // Docstrings are a large share of Python text: find the end natively when no backslash
      // can escape a quote on the way.
      const close = text.indexOf(q === Ch.DQuote ? '"""' : "'''", j);
      if (close < 0) {
        this.failed = true;
        return n;
      }
      if (!this.loneCR && this.backslashFrom(j) > close) {
        let line = this.line;
        let lineStart = this.lineStart;
        for (let nl = text.indexOf('\n', j); nl >= 0 && nl < close; nl = text.indexOf('\n', nl + 1)) {
          line++;
          lineStart = nl + 1;
        }
        this.line = line;
        this.lineStart = lineStart;
        return close + 3;
      }
    }
    let line = this.line;
    let lineStart = this.lineStart;
    for (;;) {
      if (j >= n) {
        this.failed = true;
        j = n;
        break;
      }
      const c = text.charCodeAt(j);
      if (c === q) {
        if (!triple) {
          j++;
          break;
        }
        if (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) {
          j += 3;
          break;
        }
        j++;
      } else if (c === Ch.Backslash) {
        const d = text.charCodeAt(j + 1);
        if (d === Ch.LF) {
          j += 2;
        } else if (d === Ch.CR) {
          j += text.charCodeAt(j + 2) === Ch.LF ? 3 : 2;
        } else {
          j += 2;
          continue;
        }
        line++;
        lineStart = j;
      } else if (c === Ch.LF || c === Ch.CR) {
        if (!triple) {
          this.failed = true;
          break;
        }
        j += c === Ch.CR && text.charCodeAt(j + 1) === Ch.LF ? 2 : 1;
        line++;
        lineStart = j;
      } else {
        j++;
      }
    }
    this.line = line;
    this.lineStart = lineStart;
    return j;
  }

  /** Body of an f-/t-string: literal text with `{…}` replacement fields (PEP 701 rules). */
  private formattedBody(j: number, q: number, triple: boolean, raw: boolean, nest: number): number {
    const text = this.text;
    const n = this.n;
    for (;;) {
      if (j >= n) {
        this.failed = true;
        return n;
      }
      const c = text.charCodeAt(j);
      if (c === q) {
        if (!triple) return j + 1;
        if (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) return j + 3;
        j++;
      } else if (c === Ch.LBrace) {
        if (text.charCodeAt(j + 1) === Ch.LBrace) {
          j += 2;
          continue;
        }
        j = this.replacementField(j + 1, q, triple, nest);
        if (this.failed) return j;
      } else if (c === Ch.Backslash) {
        const d = text.charCodeAt(j + 1);
        if (d === Ch.LBrace) {
          // `\{`: the backslash stays literal and the brace still opens a field.
          j++;
        } else if (d === 78 /* N */ && !raw && text.charCodeAt(j + 2) === Ch.LBrace) {
          // `\N{EM DASH}` is an escape, not a field.
          j += 3;
          while (j < n) {
            const e = text.charCodeAt(j);
            if (e === Ch.RBrace) {
              j++;
              break;
            }
            if (e === q || e === Ch.LF || e === Ch.CR) break;
            j++;
          }
        } else {
          j = this.escapedNewline(j, d);
        }
      } else if (c === Ch.LF || c === Ch.CR) {
        if (!triple) {
          this.failed = true;
          return j;
        }
        j = this.newline(j, c);
      } else {
        j++;
      }
    }
  }

  /**
   * The expression part of a replacement field, starting after its `{`; returns the index after
   * the closing `}`. Strings inside are scanned as strings, also with the enclosing quote
   * (Python 3.12). Newlines are allowed in fields, also of single-quoted strings, as Python 3.12
   * does; but a following line that starts with a statement-only keyword ends the string instead,
   * so an `f"{foo(` being typed in an editor does not swallow the rest of the file.
   */
  private replacementField(j: number, q: number, triple: boolean, nest: number): number {
    const text = this.text;
    const n = this.n;
    let depth = 0;
    for (;;) {
      if (j >= n) {
        this.failed = true;
        return n;
      }
      const c = text.charCodeAt(j);
      switch (c) {
        case Ch.LParen:
        case Ch.LBracket:
        case Ch.LBrace:
          depth++;
          j++;
          break;
        case Ch.RParen:
        case Ch.RBracket:
          if (depth > 0) depth--;
          j++;
          break;
        case Ch.RBrace:
          if (depth === 0) return j + 1;
          depth--;
          j++;
          break;
        case Ch.Colon:
          if (depth === 0) return this.formatSpec(j + 1, q, triple, nest);
          j++;
          break;
        case Ch.SQuote:
        case Ch.DQuote:
          j = this.string(j, nest + 1);
          if (this.failed) return j;
          break;
        case Ch.Hash:
          j = this.lineEnd(j);
          break;
        case Ch.Backslash:
          j = this.escapedNewline(j, text.charCodeAt(j + 1));
          break;
        case Ch.LF:
        case Ch.CR:
          if (!triple && !this.multilineFields) {
            this.failed = true;
            return j;
          }
          j = this.newline(j, c);
          if (startsStatementOnlyKeyword(text, j, n)) {
            this.failed = true;
            return j;
          }
          break;
        default:
          j++;
      }
    }
  }

  /** A format spec after `:`: literal text with nested fields, ended by the field's `}`. */
  private formatSpec(j: number, q: number, triple: boolean, nest: number): number {
    const text = this.text;
    const n = this.n;
    for (;;) {
      if (j >= n) {
        this.failed = true;
        return n;
      }
      const c = text.charCodeAt(j);
      if (c === Ch.RBrace) return j + 1;
      if (c === Ch.LBrace && nest < MAX_STRING_NESTING) {
        j = this.replacementField(j + 1, q, triple, nest + 1);
        if (this.failed) return j;
      } else if (c === q) {
        // The enclosing string's quote cannot end a spec: the field is left open.
        if (!triple || (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q)) {
          this.failed = true;
          return j;
        }
        j++;
      } else if (c === Ch.Backslash) {
        j = this.escapedNewline(j, text.charCodeAt(j + 1));
      } else if (c === Ch.LF || c === Ch.CR) {
        if (!triple) {
          this.failed = true;
          return j;
        }
        j = this.newline(j, c);
      } else {
        j++;
      }
    }
  }

  /** Steps over a backslash at `j` and the character `d` after it, counting a newline. */
  private escapedNewline(j: number, d: number): number {
    if (d === Ch.LF || d === Ch.CR) return this.newline(j + 1, d);
    return j + 2;
  }

  /** Steps over the newline `c` at `j`, counting it. */
  private newline(j: number, c: number): number {
    j += c === Ch.CR && this.text.charCodeAt(j + 1) === Ch.LF ? 2 : 1;
    this.line++;
    this.lineStart = j;
    return j;
  }

  // ---------------------------------------------------------------- logical lines

  private logicalLine(
    start: number, end: number, indent: number, line: number, lineStart: number, colon: number, unclosed: boolean,
  ): void {
    const text = this.text;
    const blocks = this.blocks;
    const chains = this.chains;
    while (blocks.length > 0 && blocks[blocks.length - 1].indent >= indent) blocks.pop();
    while (chains.length > 0 && chains[chains.length - 1].indent > indent) chains.pop();
    this.cursorIndex = start;
    this.cursorLine = line;
    this.cursorLineStart = lineStart;
    // A line opened by a bare continuation (`\` then newline) starts where its first word is.
    if (text.charCodeAt(start) === Ch.Backslash) start = skipInline(text, start, end);
    const semicolons = this.semicolons;
    const count = this.semicolonCount;
    const word = leadingWord(text, start);
    if (word === W_OTHER && colon < 0 && count === 0) {
      if (chains.length > 0 && chains[chains.length - 1].indent === indent) chains.pop();
      return;
    }

    const context = blocks.length > 0 ? blocks[blocks.length - 1] : MODULE_LEVEL;

    if (word === W_IMPORT || word === W_FROM) {
      this.endChain(indent);
      this.importAt(start, count > 0 ? semicolons[0] : end, context, unclosed);
      for (let k = 0; k < count; k++) {
        this.segment(semicolons[k] + 1, k + 1 < count ? semicolons[k + 1] : end, context, unclosed);
      }
      return;
    }

    let body: Block = context;
    let header = false;
    if (word === W_OTHER) {
      this.endChain(indent);
    } else if (word === W_DEF) {
      this.endChain(indent);
      const nameStart = defNameStart(text, start, end);
      const name = text.slice(nameStart, identEnd(text, nameStart, end));
      body = { indent, typeCheckingOnly: context.typeCheckingOnly, functionName: name };
      header = true;
    } else {
      // if / elif / else: a branch never runs when its own condition is TYPE_CHECKING or an
      // earlier branch always runs (`if not TYPE_CHECKING:`).
      const top = chains.length > 0 ? chains[chains.length - 1] : undefined;
      const chain = top !== undefined && top.indent === indent ? top : undefined;
      let guard: GuardKind = GUARD_NONE;
      if (word !== W_ELSE && colon >= 0) {
        guard = this.guards.classify(text, start + (word === W_IF ? 2 : 4), colon);
      }
      let dead: boolean;
      if (word === W_IF) {
        if (chain !== undefined) chains.pop();
        dead = guard === GUARD_TYPE_CHECKING;
        chains.push({ indent, deadAfter: guard === GUARD_NEGATED });
      } else {
        dead = (chain !== undefined && chain.deadAfter) || guard === GUARD_TYPE_CHECKING;
        if (chain !== undefined) {
          if (word === W_ELSE) chains.pop();
          else if (guard === GUARD_NEGATED) chain.deadAfter = true;
        }
      }
      body = { indent, typeCheckingOnly: context.typeCheckingOnly || dead, functionName: context.functionName };
      header = true;
    }

    // Statements after the header colon and after each `;`, in source order.
    let bodyOnSameLine = false;
    let k = 0;
    if (colon >= 0) {
      while (k < count && semicolons[k] < colon) {
        this.segment(semicolons[k] + 1, k + 1 < count && semicolons[k + 1] < colon ? semicolons[k + 1] : colon, context, unclosed);
        k++;
      }
      bodyOnSameLine = this.segment(colon + 1, k < count ? semicolons[k] : end, body, unclosed);
    }
    for (; k < count; k++) {
      const segmentContext = colon >= 0 ? body : context;
      this.segment(semicolons[k] + 1, k + 1 < count ? semicolons[k + 1] : end, segmentContext, unclosed);
    }
    if (header && colon >= 0 && !bodyOnSameLine) blocks.push(body);
  }

  /** Any statement other than `elif`/`else` at this indentation ends the `if` chain there. */
  private endChain(indent: number): void {
    const chains = this.chains;
    if (chains.length > 0 && chains[chains.length - 1].indent === indent) chains.pop();
  }

  /** Reads the simple statement in `[start, end)` if it is an import; false when it is empty. */
  private segment(start: number, end: number, context: ImportContext, unclosed: boolean): boolean {
    const text = this.text;
    const i = skipInline(text, start, end);
    if (i >= end) return false;
    const c = text.charCodeAt(i);
    if (c === Ch.Hash || c === Ch.LF || c === Ch.CR) return false;
    if ((c === 105 && wordAt(text, i, 'import')) || (c === 102 && wordAt(text, i, 'from'))) {
      this.importAt(i, end, context, unclosed);
    }
    return true;
  }

  private importAt(start: number, end: number, context: ImportContext, unclosed: boolean): void {
    this.advanceCursor(start);
    const result = this.parser.parse(this.text, start, end, this.cursorLine, this.cursorLineStart, context, unclosed);
    if (result.ok) {
      this.imports.push(result.statement);
      this.guards.register(result.statement);
    } else if (result.problem !== undefined) {
      this.problems.push(result.problem);
    }
  }

  private advanceCursor(target: number): void {
    const text = this.text;
    let i = this.cursorIndex;
    let line = this.cursorLine;
    let lineStart = this.cursorLineStart;
    while (i < target) {
      const c = text.charCodeAt(i);
      i++;
      if (c === Ch.LF || (c === Ch.CR && text.charCodeAt(i) !== Ch.LF)) {
        line++;
        lineStart = i;
      }
    }
    this.cursorIndex = i;
    this.cursorLine = line;
    this.cursorLineStart = lineStart;
  }
}
