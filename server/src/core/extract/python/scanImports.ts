/**
 * A statement-level Python lexer that finds import statements, their context (function scope,
 * `if TYPE_CHECKING:` guards) and `# strata: ignore[...]` comments.
 *
 * It is deliberately not a parser. One tight loop over the text's code units tracks only what
 * decides where statements start and end: strings (all prefixes, triple quotes, f-/t-strings with
 * nested expressions), comments, bracket depth, backslash continuations, newlines, `;` and the
 * first `:` at bracket depth 0 (not `:=`). A logical line is then looked at by its first word only,
 * unless it starts with `import`/`from` (parsed by `ImportStatementParser`), is an
 * `if`/`elif`/`else`/`def` header (which may open a block with another context), or has a `;` or a
 * depth-0 `:` after which an import may follow on the same line (`try: import x`, `x = 1; import
 * y`). Block structure comes from indentation alone, as in Python: a block ends at the first later
 * logical line that is indented no deeper than its header. Only `def` and `if`/`elif`/`else` bodies
 * change the context of their imports; a class body keeps its surroundings' (module scope at top
 * level, function scope inside a function, where it runs at call time).
 *
 * Positions are 0-based lines and UTF-16 columns (JavaScript string indices within the line). A
 * leading BOM (U+FEFF) is skipped but, being index 0 of the string, still shifts the columns of
 * line 0 by one: that is what an editor holding the same decoded text counts too.
 *
 * Written for a cold CLI run as much as for speed. A one-shot run over a few thousand files spends
 * much of its time running this code before V8 has optimised it, and compiling it (the same again
 * in a worker thread, see `analyzeFolder`); so the scanner reads the file's UTF-8 bytes as read,
 * never decoding the file (`SourceBytes`), from a typed array, not with `charCodeAt`; one function per line (`statementAt`) holds what a
 * typical line needs, with tiny helpers (`skipPlain`, `simpleStringEnd`) that are optimised within
 * the first file; rarer paths sit in functions V8 will not copy into it; the per-line state is
 * integers (no object or string per line); and what a scan keeps is made compact and shared
 * (`scanRecords.ts`, `stringPool.ts`), since a CLI run keeps every file's scan.
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
import { ImportStatementParser } from './importParser';
import {
  Ch, LexClass, columnAt, identEnd, isIdentChar, skipBlanks, LEXER_CLASS, sourceBytesOf, utf8SourceOf, type SourceBytes,
} from './pythonChars';
import {
  defNameStart, leadingWord, skipInline, startsImport, startsStatementOnlyKeyword,
  W_DEF, W_ELIF, W_ELSE, W_FROM, W_IF, W_IMPORT, W_OTHER,
} from './statementKeywords';
import { positionAt, Problem, Scan, SuppressionRecord } from './scanRecords';
import { pooledSlice } from './stringPool';
import { readSuppression } from './suppressionComment';
import { GUARD_NEGATED, GUARD_NONE, GUARD_TYPE_CHECKING, GuardKind, TypeCheckingNames } from './typeCheckingGuard';
import { WARM_UP_SAMPLE } from './warmUpSample';

/** Scans a text (from an editor, or any string). */
export function scanPythonImports(text: string): PythonScan {
  if (!warmedUp) warmUp();
  return new PythonImportScanner(utf8SourceOf(text), undefined).scan();
}

/**
 * A scanned text's logical lines with the scanner's own way past a string or a comment in them,
 * for a reader of every statement (the annotation reader): how Python's strings (every prefix,
 * triple quotes, nested f-strings), comments, brackets and continuations are skipped, and how
 * broken ones are recovered from, is known in this one lexer. Offsets index `source`, the
 * scanned UTF-8 bytes, which stay valid until the next scan.
 */
export interface LogicalLines {
  readonly source: SourceBytes;
  /**
   * Each logical line as three numbers: its start, its end (before its final line break;
   * brackets closed or recovered, continuations joined) and its indentation in columns.
   */
  readonly lines: readonly number[];
  /** Where the lexer goes on after the string whose opening quote (past any prefix) is at `quote`. */
  stringEnd(quote: number): number;
  /** The line break (or the end of the text) that ends the comment whose `#` is at `hash`. */
  commentEnd(hash: number): number;
}

/** Scans a text as `scanPythonImports` does, keeping its logical lines (see `LogicalLines`). */
export function scanLogicalLines(text: string): { scan: PythonScan; lines: LogicalLines } {
  if (!warmedUp) warmUp();
  const source = utf8SourceOf(text);
  const lines: number[] = [];
  const scanner = new PythonImportScanner(source, lines);
  const scan = scanner.scan();
  return { scan, lines: { source, lines, stringEnd: (quote) => scanner.stringEnd(quote), commentEnd: (hash) => scanner.commentEnd(hash) } };
}

/**
 * Scans a file's UTF-8 bytes as read (a BOM already dropped, see `readSourceBytes`) without
 * decoding them: the same scan as `scanPythonImports` of their decoded text.
 */
export function scanPythonImportBytes(bytes: Uint8Array): PythonScan {
  if (!warmedUp) warmUp();
  return new PythonImportScanner(sourceBytesOf(bytes), undefined).scan();
}

let warmedUp = false;

/**
 * See `WARM_UP_SAMPLE`: once in each line-ending style (the scanner reads code units from a
 * typed array, so one-byte and two-byte texts take the same paths), once with a BOM.
 */
function warmUp(): void {
  warmedUp = true;
  new PythonImportScanner(utf8SourceOf('\uFEFF' + WARM_UP_SAMPLE), undefined).scan();
  new PythonImportScanner(utf8SourceOf(WARM_UP_SAMPLE.replace(/\n/g, '\r\n')), undefined).scan();
  new PythonImportScanner(utf8SourceOf(WARM_UP_SAMPLE.replace(/\n/g, '\r')), undefined).scan();
}

/** Open brackets remembered for messages; deeper ones are only counted. */
const BRACKET_MEMORY = 64;
/** Nesting of f-strings (and format-spec fields) followed; deeper ones are read as plain strings. */
const MAX_STRING_NESTING = 32;

const OPEN_CLOSER = new Uint16Array(BRACKET_MEMORY);
const OPEN_LINE = new Int32Array(BRACKET_MEMORY);
const OPEN_COLUMN = new Int32Array(BRACKET_MEMORY);
const OPEN_LINE_START = new Int32Array(BRACKET_MEMORY);

/** The block and `if`-chain stacks (see the scanner's fields), grown (and then kept) for deep nesting. */
let BLOCK_INDENT: Int32Array = new Int32Array(64);
let BLOCK_TYPE_CHECKING: Uint8Array = new Uint8Array(64);
let BLOCK_NAME_START: Int32Array = new Int32Array(64);
let BLOCK_NAME_END: Int32Array = new Int32Array(64);
let CHAIN_INDENT: Int32Array = new Int32Array(64);
let CHAIN_DEAD_AFTER: Uint8Array = new Uint8Array(64);

/** Keeps no state between statements, so one instance serves every scan. */
const PARSER = new ImportStatementParser();

/** Grown (and then kept) only for lines with very many semicolons. */
let SEMICOLONS = new Int32Array(64);

export const PREFIX_FORMAT = 1;
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
export function stringPrefix(codes: Uint8Array, q: number): number {
  let k = q - 1;
  let flags = 0;
  let count = 0;
  while (k >= 0 && count < 3) {
    const c = codes[k] | 0x20;
    if (c === 114) flags |= PREFIX_RAW; // r
    else if (c === 102 || c === 116) flags |= PREFIX_FORMAT; // f, t
    else if (c !== 98 && c !== 117) break; // b, u
    k--;
    count++;
  }
  if (count === 0) return 0;
  if (count > 2 || (k >= 0 && isIdentChar(codes[k]))) return 0;
  return flags | (count << 2);
}

/**
 * The lexer's hot loop: the index of the first character at or after `i` that is not
 * `LexClass.Plain`, or `n`. Small on purpose: V8 optimises a function this small on its first
 * profiler tick, so a cold run leaves the interpreter for most characters within its first file,
 * long before the (much larger) caller is optimised and inlines it.
 */
function skipPlain(codes: Uint8Array, i: number, n: number): number {
  while (i < n) {
    const c = codes[i];
    if (c < 128 && LEXER_CLASS[c] !== LexClass.Plain) return i;
    i++;
  }
  return n;
}

/**
 * The end (after the closing quote) of a one-line string without escapes whose body starts at
 * `j`, or -1 when a backslash, a line break or the end of the text comes first.
 */
function simpleStringEnd(codes: Uint8Array, j: number, n: number, q: number): number {
  while (j < n) {
    const d = codes[j];
    if (d === q) return j + 1;
    if (d === Ch.Backslash || d === Ch.LF || d === Ch.CR) return -1;
    j++;
  }
  return -1;
}

class PythonImportScanner {
  private readonly text: string;
  /** The text's UTF-8 bytes (see `SourceBytes`): every character the scanner looks at is read here. */
  private readonly codes: Uint8Array;
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
  /** The opening quote of the outermost f-string that cleared `multilineFields` (n + 1: none did). */
  private multilineFieldsUntil: number;

  /**
   * The closer each open bracket expects (`)` for `(`), with where it was opened. The arrays are
   * shared by all scans (a scan runs to completion synchronously and never re-enters), because
   * allocating them per file is measurable when scanning thousands of small files.
   */
  private readonly openCloser = OPEN_CLOSER;
  private readonly openLine = OPEN_LINE;
  /** Where each open bracket is (a byte index) and where its line starts, for its column. */
  private readonly openColumn = OPEN_COLUMN;
  private readonly openLineStart = OPEN_LINE_START;

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
  private newlineSearchFrom = 0;
  private newlineFound = -1;

  /**
   * The open blocks whose bodies give their statements a context (`def`, `if`/`elif`/`else`),
   * innermost last, as parallel arrays: no object per block, no string per `def` unless an
   * import inside needs its name. Shared by all scans, like the bracket arrays.
   */
  private blockCount = 0;
  /** Indentation of the block's header line. */
  private blockIndent = BLOCK_INDENT;
  /** 1 when the body is under a TYPE_CHECKING guard. */
  private blockTypeChecking = BLOCK_TYPE_CHECKING;
  /** The innermost enclosing function's name, `[start, end)` in the text; start -1 outside functions. */
  private blockNameStart = BLOCK_NAME_START;
  private blockNameEnd = BLOCK_NAME_END;
  /** The `if`/`elif` chains open at some indentation, waiting for a possible `elif`/`else`, innermost last. */
  private chainCount = 0;
  private chainIndent = CHAIN_INDENT;
  /** 1 when a previous branch is always taken at run time (`if not TYPE_CHECKING:`), so later ones never run. */
  private chainDeadAfter = CHAIN_DEAD_AFTER;
  private readonly guards = new TypeCheckingNames();
  private readonly parser = PARSER;

  /** Walks forward through a logical line to turn segment starts into line/column. */
  private cursorIndex = 0;
  private cursorLine = 0;
  private cursorLineStart = 0;

  private readonly imports: ImportStatement[] = [];
  private readonly suppressions: Suppression[] = [];
  private readonly problems: ScanProblem[] = [];

  /** `keptLines`: where to keep every logical line (see `LogicalLines`); the CLI and the index keep none. */
  constructor(source: SourceBytes, private readonly keptLines: number[] | undefined) {
    const text = source.text;
    this.text = text;
    this.codes = source.codes;
    this.n = text.length;
    this.loneCR = hasLoneCR(text);
    this.tripleFailedFromDouble = this.n + 1;
    this.tripleFailedFromSingle = this.n + 1;
    this.multilineFieldsUntil = this.n + 1;
  }

  scan(): PythonScan {
    const n = this.n;
    const codes = this.codes;
    // A BOM (EF BB BF) is skipped; it stays in the line's first column count (see `columnAt`).
    let i = n >= 3 && codes[0] === 0xef && codes[1] === 0xbb && codes[2] === 0xbf ? 3 : 0;
    while (i < n) i = this.statementAt(i);
    this.problems.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
    // Arrays of exactly their length (one grown by `push` keeps spare room), made without a
    // literal: the scan is kept as long as its file (see `scanRecords.ts`).
    return new Scan(this.imports.slice(), this.suppressions.slice(), this.problems.slice());
  }

  /**
   * Reads from `start`, the beginning of a physical line outside any statement, to the index after
   * the line break that ends what begins there: a blank line, a comment-only line or a logical
   * line (which may span several physical lines).
   *
   * One call per line, rather than one loop over the file, lets V8 optimise this function from its
   * call counts instead of by on-stack replacement, and everything a typical line needs is in it,
   * so that one compilation (which a cold run waits for) makes the whole scan fast. What typical
   * lines do not need stays out of line, in functions too big to be inlined into this one.
   */
  private statementAt(start: number): number {
    const codes = this.codes;
    const n = this.n;
    // Indentation: tabs to the next multiple of 8, form feed resets, as Python's tokenizer does.
    let indent = 0;
    let c = 0;
    let i = start;
    while (i < n) {
      c = codes[i];
      if (c === Ch.Space) indent++;
      else if (c === Ch.Tab) indent = (indent & ~7) + 8;
      else if (c === Ch.FF) indent = 0;
      else break;
      i++;
    }
    if (i >= n) return n;
    if (c === Ch.LF || c === Ch.CR) {
      i += c === Ch.CR && codes[i + 1] === Ch.LF ? 2 : 1;
      this.line++;
      this.lineStart = i;
      return i;
    }
    // Comment-only lines neither open nor close blocks.
    if (c === Ch.Hash) return this.comment(i, this.line, this.lineStart);
    start = i;

    // A logical line: lex it. Locals, so the hot loop does not reload them from the module or `this`.
    const classOf = LEXER_CLASS;
    const openCloser = this.openCloser;
    const openLine = this.openLine;
    const openColumn = this.openColumn;
    const openLineStart = this.openLineStart;
    let line = this.line;
    let lineStart = this.lineStart;
    const startLine = line;
    const startLineStart = lineStart;
    let depth = 0;
    let colon = -1;
    let end = -1;
    let unclosed = false;
    let semicolonCount = 0;
    scan: for (;;) {
      i = skipPlain(codes, i, n);
      if (i >= n) break;
      c = codes[i];
      switch (classOf[c]) {
        case LexClass.Newline: {
          const newline = i;
          i += c === Ch.CR && codes[i + 1] === Ch.LF ? 2 : 1;
          line++;
          lineStart = i;
          if (depth === 0) {
            end = newline;
            break scan;
          }
          // Indentation inside brackets means nothing; skip it once, then test for recovery.
          i = skipBlanks(codes, i, n);
          if (startsStatementOnlyKeyword(codes, i, n)) {
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
        case LexClass.Quote: {
          // Fast path for the most common string: one line, no prefix, no escape. A prefix letter
          // before the quote, a triple quote, an escape or an unclosed string take the general path,
          // which starts over at the quote.
          const p = codes[i - 1] | 0x20;
          if (p !== 114 && p !== 117 && p !== 98 && p !== 102 && p !== 116 && codes[i + 1] !== c) {
            const j = simpleStringEnd(codes, i + 1, n, c);
            if (j >= 0) {
              i = j;
              continue;
            }
          }
          this.line = line;
          this.lineStart = lineStart;
          i = this.string(i, 0);
          line = this.line;
          lineStart = this.lineStart;
          continue;
        }
        case LexClass.Backslash: {
          const d = codes[i + 1];
          if (d === Ch.LF) {
            i += 2;
          } else if (d === Ch.CR) {
            i += codes[i + 2] === Ch.LF ? 3 : 2;
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
            openColumn[depth] = i;
            openLineStart[depth] = lineStart;
          }
          depth++;
          i++;
          continue;
        case LexClass.Close:
          if (depth === 0) {
            this.problem(line, lineStart, i, `unmatched '${String.fromCharCode(c)}'`);
          } else {
            depth--;
            if (depth < BRACKET_MEMORY && openCloser[depth] !== c) this.mismatched(c, depth, line, lineStart, i);
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
          if (depth === 0 && colon < 0 && codes[i + 1] !== Ch.Equals) colon = i;
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
    if (this.keptLines !== undefined) this.keptLines.push(start, end, indent);
    // Fast path: a line that starts with none of the letters of the words that matter (`import`,
    // `from`, `if`, `elif`, `else`, `def`, `async def`) nor a continuation, and has no `;` and
    // no header `:`, cannot hold an import or open a block; it only ends the blocks and `if`
    // chains at its indentation or deeper.
    const first = codes[start];
    if (colon < 0 && semicolonCount === 0 && first !== 105 && first !== 102 && first !== 101 && first !== 100 &&
      first !== 97 && first !== Ch.Backslash) {
      if ((this.blockCount > 0 && this.blockIndent[this.blockCount - 1] >= indent) ||
        (this.chainCount > 0 && this.chainIndent[this.chainCount - 1] >= indent)) {
        this.endBlocks(indent);
      }
      return i;
    }
    this.semicolonCount = semicolonCount;
    this.logicalLine(start, end, indent, startLine, startLineStart, colon, unclosed);
    return i;
  }

  /**
   * After the scan, for a reader of its logical lines: the string at `quote` lexed again as the
   * scan lexed it. The memo of triple-quoted strings left open gives the same answer for every
   * string the scan read after setting it; fields span lines as they did when the scan read this
   * string; the line counters and the problems (which the scan has reported) are left as they were.
   */
  stringEnd(quote: number): number {
    const line = this.line;
    const lineStart = this.lineStart;
    const problems = this.problems.length;
    const multilineFields = this.multilineFields;
    this.multilineFields = quote <= this.multilineFieldsUntil;
    const end = this.string(quote, 0);
    this.line = line;
    this.lineStart = lineStart;
    this.problems.length = problems;
    this.multilineFields = multilineFields;
    return end;
  }

  commentEnd(hash: number): number {
    return this.lineEnd(hash);
  }

  /** Ends the blocks and `if` chains at indentation `indent` or deeper. */
  private endBlocks(indent: number): void {
    while (this.blockCount > 0 && this.blockIndent[this.blockCount - 1] >= indent) this.blockCount--;
    while (this.chainCount > 0 && this.chainIndent[this.chainCount - 1] >= indent) this.chainCount--;
  }

  private mismatched(close: number, depth: number, line: number, lineStart: number, at: number): void {
    const open = String.fromCharCode(openerOf(this.openCloser[depth]));
    this.problem(line, lineStart, at, `closing '${String.fromCharCode(close)}' does not match '${open}' opened at line ${this.openLine[depth] + 1}`);
  }

  private growSemicolons(): void {
    const grown = new Int32Array(this.semicolons.length * 2);
    grown.set(this.semicolons);
    SEMICOLONS = this.semicolons = grown;
  }

  private reportUnclosed(): void {
    const open = String.fromCharCode(openerOf(this.openCloser[0]));
    this.problem(this.openLine[0], this.openLineStart[0], this.openColumn[0], `unclosed '${open}' opened at line ${this.openLine[0] + 1}`);
  }

  /** A problem at byte `at` of `line`, which starts at byte `lineStart`. */
  private problem(line: number, lineStart: number, at: number, message: string): void {
    this.problems.push(new Problem(positionAt(line, columnAt(this.codes, lineStart, at)), message));
  }

  /** Index of the line break (CR or LF) that ends the physical line containing `i`, or n. */
  private lineEnd(i: number): number {
    const codes = this.codes;
    const n = this.n;
    if (!this.loneCR) {
      const e = this.newlineFrom(i);
      if (e > n) return n;
      return e > i && codes[e - 1] === Ch.CR ? e - 1 : e;
    }
    while (i < n) {
      const c = codes[i];
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

  /** First LF at or after index `i`, or n + 1: a line of many strings asks once per string. */
  private newlineFrom(i: number): number {
    if (this.newlineSearchFrom > i || this.newlineFound < i) {
      const k = this.text.indexOf('\n', i);
      this.newlineSearchFrom = i;
      this.newlineFound = k < 0 ? this.n + 1 : k;
    }
    return this.newlineFound;
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
    const eol = this.lineEnd(i + 1);
    // Nearly every comment: the word after its `#` does not start with `s`, and it holds no other `#`.
    if (this.codes[skipBlanks(this.codes, i + 1, eol)] !== 115 /* s */ && this.hashAfter(i) >= eol) return eol;
    this.markers(i, eol, line, lineStart);
    return eol;
  }

  /** Reads the suppression markers of the comment `[i, eol)` (see `comment`). */
  private markers(i: number, eol: number, line: number, lineStart: number): void {
    const text = this.text;
    const codes = this.codes;
    let rules: string[] | undefined;
    let hash = i;
    for (;;) {
      const word = skipBlanks(codes, hash + 1, eol);
      if (codes[word] === 115 /* s */ && text.startsWith('strata', word)) {
        const reading = readSuppression(text, codes, hash, eol, word);
        if (reading.kind === 'rules') {
          if (rules === undefined) rules = reading.rules;
          else if (rules.length > 0 && reading.rules.length > 0) rules = [...new Set([...rules, ...reading.rules])];
          else rules = [];
        } else if (reading.kind === 'malformed') {
          this.problem(line, lineStart, reading.at, reading.message);
        }
      }
      hash = this.hashAfter(hash);
      if (hash >= eol) break;
    }
    if (rules !== undefined) this.suppressions.push(new SuppressionRecord(line, rules));
  }

  // ---------------------------------------------------------------- strings

  /**
   * Scans the string whose opening quote is at `q0` and returns the index after it. On a string
   * left open, an outermost string (`nest` 0) is reported and the scan resumes at the end of its
   * first line; a nested one sets `failed` and lets its enclosing string report.
   *
   * The body of a string without replacement fields is read here too (f-strings in
   * `formattedBody`): kept in one function, the general string path is too large for V8 to copy
   * into the lexer's hot function, which is then quicker to compile.
   */
  private string(q0: number, nest: number): number {
    const codes = this.codes;
    const n = this.n;
    const q = codes[q0];
    const prefix = stringPrefix(codes, q0);
    const triple = codes[q0 + 1] === q && codes[q0 + 2] === q;
    const startLine = this.line;
    const startLineStart = this.lineStart;
    let j = q0 + (triple ? 3 : 1);
    this.failed = false;
    if (triple && q0 >= (q === Ch.DQuote ? this.tripleFailedFromDouble : this.tripleFailedFromSingle)) {
      // Already known to run to end of file: the earlier scan passed over this very opening.
      this.failed = true;
      j = n;
    } else if ((prefix & PREFIX_FORMAT) !== 0 && nest < MAX_STRING_NESTING) {
      j = this.formattedBody(j, q, triple, (prefix & PREFIX_RAW) !== 0, nest);
    } else {
      // Docstrings are a large share of Python text: their end is found natively when no
      // backslash can escape a quote on the way.
      const end = triple ? this.tripleEnd(j, q) : -1;
      if (end >= 0) return end;
      // A body without replacement fields. Escapes never end it, raw or not.
      let line = this.line;
      let lineStart = this.lineStart;
      for (;;) {
        if (j >= n) {
          this.failed = true;
          j = n;
          break;
        }
        const c = codes[j];
        if (c === q) {
          if (!triple) {
            j++;
            break;
          }
          if (codes[j + 1] === q && codes[j + 2] === q) {
            j += 3;
            break;
          }
          j++;
        } else if (c === Ch.Backslash) {
          const d = codes[j + 1];
          if (d === Ch.LF) {
            j += 2;
          } else if (d === Ch.CR) {
            j += codes[j + 2] === Ch.LF ? 3 : 2;
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
          j += c === Ch.CR && codes[j + 1] === Ch.LF ? 2 : 1;
          line++;
          lineStart = j;
        } else {
          j++;
        }
      }
      this.line = line;
      this.lineStart = lineStart;
    }
    if (!this.failed) return j;
    if (j >= n) {
      if (triple) {
        if (q === Ch.DQuote) this.tripleFailedFromDouble = Math.min(this.tripleFailedFromDouble, q0);
        else this.tripleFailedFromSingle = Math.min(this.tripleFailedFromSingle, q0);
      }
      if ((prefix & PREFIX_FORMAT) !== 0) {
        this.multilineFields = false;
        this.multilineFieldsUntil = Math.min(this.multilineFieldsUntil, q0);
      }
    }
    if (nest > 0) return j;
    this.failed = false;
    this.problem(
      startLine, startLineStart, q0 - (prefix >> 2),
      triple ? `unterminated triple-quoted string starting at line ${startLine + 1}` : `unterminated string at line ${startLine + 1}`,
    );
    this.line = startLine;
    this.lineStart = startLineStart;
    return this.lineEnd(q0);
  }

  /**
   * The end (after the closing quotes) of the triple-quoted string whose body starts at `j`, when
   * it closes with no backslash on the way (nor a lone CR in the text); else -1. Counts the lines.
   */
  private tripleEnd(j: number, q: number): number {
    const text = this.text;
    const close = text.indexOf(q === Ch.DQuote ? '"""' : "'''", j);
    if (close < 0 || this.loneCR || this.backslashFrom(j) < close) return -1;
    let line = this.line;
    let lineStart = this.lineStart;
    for (let nl = this.newlineFrom(j); nl < close; nl = this.newlineFrom(nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    this.line = line;
    this.lineStart = lineStart;
    return close + 3;
  }

  /** Body of an f-/t-string: literal text with `{…}` replacement fields (PEP 701 rules). */
  private formattedBody(j: number, q: number, triple: boolean, raw: boolean, nest: number): number {
    const codes = this.codes;
    const n = this.n;
    for (;;) {
      if (j >= n) {
        this.failed = true;
        return n;
      }
      const c = codes[j];
      if (c === q) {
        if (!triple) return j + 1;
        if (codes[j + 1] === q && codes[j + 2] === q) return j + 3;
        j++;
      } else if (c === Ch.LBrace) {
        if (codes[j + 1] === Ch.LBrace) {
          j += 2;
          continue;
        }
        j = this.replacementField(j + 1, q, triple, nest);
        if (this.failed) return j;
      } else if (c === Ch.Backslash) {
        const d = codes[j + 1];
        if (d === Ch.LBrace) {
          // `\{`: the backslash stays literal and the brace still opens a field.
          j++;
        } else if (d === 78 /* N */ && !raw && codes[j + 2] === Ch.LBrace) {
          // `\N{EM DASH}` is an escape, not a field.
          j += 3;
          while (j < n) {
            const e = codes[j];
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
    const codes = this.codes;
    const n = this.n;
    let depth = 0;
    for (;;) {
      if (j >= n) {
        this.failed = true;
        return n;
      }
      const c = codes[j];
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
          j = this.escapedNewline(j, codes[j + 1]);
          break;
        case Ch.LF:
        case Ch.CR:
          if (!triple && !this.multilineFields) {
            this.failed = true;
            return j;
          }
          j = this.newline(j, c);
          if (startsStatementOnlyKeyword(codes, j, n)) {
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
    const codes = this.codes;
    const n = this.n;
    for (;;) {
      if (j >= n) {
        this.failed = true;
        return n;
      }
      const c = codes[j];
      if (c === Ch.RBrace) return j + 1;
      if (c === Ch.LBrace && nest < MAX_STRING_NESTING) {
        j = this.replacementField(j + 1, q, triple, nest + 1);
        if (this.failed) return j;
      } else if (c === q) {
        // The enclosing string's quote cannot end a spec: the field is left open.
        if (!triple || (codes[j + 1] === q && codes[j + 2] === q)) {
          this.failed = true;
          return j;
        }
        j++;
      } else if (c === Ch.Backslash) {
        j = this.escapedNewline(j, codes[j + 1]);
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
    j += c === Ch.CR && this.codes[j + 1] === Ch.LF ? 2 : 1;
    this.line++;
    this.lineStart = j;
    return j;
  }

  // ---------------------------------------------------------------- logical lines

  /**
   * A logical line that may matter: its first word is one the scanner looks for, or it has a
   * header `:` or a `;` after which another statement may follow. `[start, end)` is the line
   * without its final line break; it starts on 0-based `line`, whose first character is at
   * `lineStart`, indented `indent` columns.
   */
  private logicalLine(
    start: number, end: number, indent: number, line: number, lineStart: number, colon: number, unclosed: boolean,
  ): void {
    const codes = this.codes;
    const blockIndent = this.blockIndent;
    let blockCount = this.blockCount;
    while (blockCount > 0 && blockIndent[blockCount - 1] >= indent) blockCount--;
    this.blockCount = blockCount;
    const chainIndent = this.chainIndent;
    let chainCount = this.chainCount;
    while (chainCount > 0 && chainIndent[chainCount - 1] > indent) chainCount--;
    /** The `if` chain open at this very indentation, or -1. */
    const chain = chainCount > 0 && chainIndent[chainCount - 1] === indent ? chainCount - 1 : -1;
    this.cursorIndex = start;
    this.cursorLine = line;
    this.cursorLineStart = lineStart;
    // A line opened by a bare continuation (`\` then newline) starts where its first word is.
    if (codes[start] === Ch.Backslash) start = skipInline(codes, start, end);
    const word = leadingWord(codes, start);
    // Any statement but `elif`/`else` ends the `if` chain at its indentation.
    if (chain >= 0 && word !== W_ELIF && word !== W_ELSE) chainCount--;
    this.chainCount = chainCount;
    const semicolons = this.semicolons;
    const count = this.semicolonCount;
    if (word === W_OTHER && colon < 0 && count === 0) return;

    /** The block whose body this line is in (see `setBlock`), or -1 at module level. */
    const context = blockCount - 1;
    if (word === W_IMPORT || word === W_FROM) {
      this.importAt(start, count > 0 ? semicolons[0] : end, context, unclosed);
      for (let k = 0; k < count; k++) {
        this.segment(semicolons[k] + 1, k + 1 < count ? semicolons[k + 1] : end, context, unclosed);
      }
      return;
    }

    // The body a header opens is written to the slot past the innermost block, where statements
    // on the header's own line can refer to it; it is pushed only if the body is an indented block.
    let body = context;
    if (word === W_DEF) {
      const nameStart = defNameStart(codes, start, end);
      this.setBlock(blockCount, indent, this.typeCheckingAt(context), nameStart, identEnd(codes, nameStart, end));
      body = blockCount;
    } else if (word !== W_OTHER) {
      // if / elif / else: a branch never runs when its own condition is TYPE_CHECKING or an
      // earlier branch always runs (`if not TYPE_CHECKING:`).
      let guard: GuardKind = GUARD_NONE;
      if (word !== W_ELSE && colon >= 0) {
        guard = this.guards.classify(this.text, codes, start + (word === W_IF ? 2 : 4), colon);
      }
      let dead: boolean;
      if (word === W_IF) {
        dead = guard === GUARD_TYPE_CHECKING;
        this.pushChain(indent, guard === GUARD_NEGATED);
      } else {
        dead = (chain >= 0 && this.chainDeadAfter[chain] !== 0) || guard === GUARD_TYPE_CHECKING;
        if (chain >= 0) {
          if (word === W_ELSE) this.chainCount = chain;
          else if (guard === GUARD_NEGATED) this.chainDeadAfter[chain] = 1;
        }
      }
      const nameStart = context >= 0 ? this.blockNameStart[context] : -1;
      const nameEnd = context >= 0 ? this.blockNameEnd[context] : -1;
      this.setBlock(blockCount, indent, this.typeCheckingAt(context) || dead, nameStart, nameEnd);
      body = blockCount;
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
    if (body !== context && colon >= 0 && !bodyOnSameLine) this.blockCount = blockCount + 1;
  }

  /** Whether the body of block `k` (-1: module level) is under a TYPE_CHECKING guard. */
  private typeCheckingAt(k: number): boolean {
    return k >= 0 && this.blockTypeChecking[k] !== 0;
  }

  /** Writes block slot `k`: a body indented deeper than `indent`, in the function named `[nameStart, nameEnd)` (-1: none). */
  private setBlock(k: number, indent: number, typeChecking: boolean, nameStart: number, nameEnd: number): void {
    if (k === this.blockIndent.length) this.growBlocks();
    this.blockIndent[k] = indent;
    this.blockTypeChecking[k] = typeChecking ? 1 : 0;
    this.blockNameStart[k] = nameStart;
    this.blockNameEnd[k] = nameEnd;
  }

  private pushChain(indent: number, deadAfter: boolean): void {
    const k = this.chainCount;
    if (k === this.chainIndent.length) this.growChains();
    this.chainIndent[k] = indent;
    this.chainDeadAfter[k] = deadAfter ? 1 : 0;
    this.chainCount = k + 1;
  }

  private growBlocks(): void {
    const size = this.blockIndent.length * 2;
    BLOCK_INDENT = this.blockIndent = grownInt32(this.blockIndent, size);
    BLOCK_NAME_START = this.blockNameStart = grownInt32(this.blockNameStart, size);
    BLOCK_NAME_END = this.blockNameEnd = grownInt32(this.blockNameEnd, size);
    const typeChecking = new Uint8Array(size);
    typeChecking.set(this.blockTypeChecking);
    BLOCK_TYPE_CHECKING = this.blockTypeChecking = typeChecking;
  }

  private growChains(): void {
    const size = this.chainIndent.length * 2;
    CHAIN_INDENT = this.chainIndent = grownInt32(this.chainIndent, size);
    const deadAfter = new Uint8Array(size);
    deadAfter.set(this.chainDeadAfter);
    CHAIN_DEAD_AFTER = this.chainDeadAfter = deadAfter;
  }

  /** Reads the simple statement in `[start, end)` if it is an import; false when it is empty. */
  private segment(start: number, end: number, context: number, unclosed: boolean): boolean {
    const codes = this.codes;
    const i = skipInline(codes, start, end);
    if (i >= end) return false;
    const c = codes[i];
    if (c === Ch.Hash || c === Ch.LF || c === Ch.CR) return false;
    if (startsImport(codes, i)) {
      this.importAt(i, end, context, unclosed);
    }
    return true;
  }

  /** Parses the import statement in `[start, end)`, in the body of block `context` (-1: module level). */
  private importAt(start: number, end: number, context: number, unclosed: boolean): void {
    this.advanceCursor(start);
    const nameStart = context >= 0 ? this.blockNameStart[context] : -1;
    const functionName = nameStart >= 0 ? pooledSlice(this.text, this.codes, nameStart, this.blockNameEnd[context]) : undefined;
    const parser = this.parser;
    const statement = parser.parse(
      this.text, this.codes, start, end, this.cursorLine, this.cursorLineStart, this.typeCheckingAt(context), functionName, unclosed,
    );
    if (statement !== undefined) {
      this.imports.push(statement);
      this.guards.register(statement);
    } else if (parser.problem !== undefined) {
      this.problems.push(parser.problem);
    }
  }

  private advanceCursor(target: number): void {
    const codes = this.codes;
    let i = this.cursorIndex;
    let line = this.cursorLine;
    let lineStart = this.cursorLineStart;
    while (i < target) {
      const c = codes[i];
      i++;
      if (c === Ch.LF || (c === Ch.CR && codes[i] !== Ch.LF)) {
        line++;
        lineStart = i;
      }
    }
    this.cursorIndex = i;
    this.cursorLine = line;
    this.cursorLineStart = lineStart;
  }
}

function grownInt32(array: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}
