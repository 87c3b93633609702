/**
 * `PythonScan`s as a compact message: one `Int32Array` of numbers and one table of distinct
 * strings, for handing scans from a worker thread to the thread that keeps them.
 *
 * Why not post the objects themselves: structured cloning copies them one property at a time
 * into objects of other hidden classes than the scanner's, which makes every later reader of
 * statements (resolution, checks, reports) polymorphic; and it repeats each string. Decoding
 * here builds the objects exactly as the parser does (same constructors, see `scanRecords.ts`;
 * one pooled copy of each string), so nothing downstream can tell where a scan came from.
 */
import type { ImportedName, ImportStatement, PythonScan, ScanProblem, SourcePosition, SourceSpan, Suppression } from './importStatement';
import { nameOf, namesList, positionAt, Problem, Scan, spanOf, Statement, SuppressionRecord } from './scanRecords';
import { pooled } from './stringPool';

/** Statement flags. */
const FROM = 1;
const TYPE_CHECKING_ONLY = 2;
const IN_FUNCTION = 4;

/** Kinds of records, one per file. */
const SCANNED = 0;
const SKIPPED = 1;

/** Why a file was not scanned, as `readSource` says. */
export type SkipReason = 'unreadable' | 'binary' | 'too large';
const SKIP_REASONS: readonly SkipReason[] = ['unreadable', 'binary', 'too large'];

/** One file's outcome, in the order files were added. */
export type FileOutcome = { ok: true; scan: PythonScan } | { ok: false; reason: SkipReason; message: string };

export interface EncodedScans {
  ints: Int32Array;
  strings: string[];
}

export class ScanEncoder {
  private ints = new Int32Array(4096);
  private length = 0;
  private readonly strings: string[] = [];
  private readonly indexOf = new Map<string, number>();

  addScan(scan: PythonScan): void {
    this.push(SCANNED);
    this.push(scan.imports.length);
    for (const statement of scan.imports) {
      const from = statement.kind === 'from';
      let flags = from ? FROM : 0;
      if (statement.typeCheckingOnly) flags |= TYPE_CHECKING_ONLY;
      if (statement.functionName !== undefined) flags |= IN_FUNCTION;
      this.push(flags);
      this.push(statement.level);
      this.string(statement.module);
      // The scanner gives every from-import a module span; the fallback only keeps the layout.
      if (from) this.span(statement.moduleSpan ?? statement.span);
      this.span(statement.span);
      if (statement.functionName !== undefined) this.string(statement.functionName);
      this.string(statement.text);
      this.push(statement.names.length);
      for (const name of statement.names) {
        this.string(name.name);
        this.push(name.alias === undefined ? -1 : this.stringIndex(name.alias));
        this.span(name.span);
      }
    }
    this.push(scan.suppressions.length);
    for (const suppression of scan.suppressions) {
      this.push(suppression.line);
      this.push(suppression.rules.length);
      for (const rule of suppression.rules) this.string(rule);
    }
    this.push(scan.problems.length);
    for (const problem of scan.problems) {
      this.position(problem.position);
      this.string(problem.message);
    }
  }

  addSkipped(reason: SkipReason, message: string): void {
    this.push(SKIPPED);
    this.push(SKIP_REASONS.indexOf(reason));
    this.string(message);
  }

  /** What was added since the last call; the encoder starts over. */
  take(): EncodedScans {
    const encoded = { ints: this.ints.slice(0, this.length), strings: this.strings.slice() };
    this.length = 0;
    this.strings.length = 0;
    this.indexOf.clear();
    return encoded;
  }

  private span(span: SourceSpan): void {
    this.position(span.start);
    this.position(span.end);
  }

  private position(position: SourcePosition): void {
    this.push(position.line);
    this.push(position.column);
  }

  private string(s: string): void {
    this.push(this.stringIndex(s));
  }

  private stringIndex(s: string): number {
    let k = this.indexOf.get(s);
    if (k === undefined) {
      k = this.strings.length;
      this.strings.push(s);
      this.indexOf.set(s, k);
    }
    return k;
  }

  private push(value: number): void {
    if (this.length === this.ints.length) {
      const grown = new Int32Array(this.ints.length * 2);
      grown.set(this.ints);
      this.ints = grown;
    }
    this.ints[this.length++] = value;
  }
}

/** The outcomes `ScanEncoder` encoded, in order. */
export function decodeScans(encoded: EncodedScans): FileOutcome[] {
  return new ScanDecoder(encoded).files();
}

class ScanDecoder {
  private readonly ints: Int32Array;
  private readonly strings: string[];
  private at = 0;
  private readonly names: ImportedName[] = [];

  constructor(encoded: EncodedScans) {
    this.ints = encoded.ints;
    // Each distinct string once, shared with every scan of this thread.
    this.strings = encoded.strings.map(pooled);
  }

  files(): FileOutcome[] {
    const outcomes: FileOutcome[] = [];
    while (this.at < this.ints.length) {
      if (this.next() === SKIPPED) {
        const reason = SKIP_REASONS[this.next()];
        outcomes.push({ ok: false, reason, message: this.string() });
      } else {
        outcomes.push({ ok: true, scan: this.scan() });
      }
    }
    return outcomes;
  }

  private scan(): PythonScan {
    const imports: ImportStatement[] = [];
    for (let k = this.next(); k > 0; k--) imports.push(this.statement());
    const suppressions: Suppression[] = [];
    for (let k = this.next(); k > 0; k--) {
      const line = this.next();
      const rules: string[] = [];
      for (let r = this.next(); r > 0; r--) rules.push(this.string());
      suppressions.push(new SuppressionRecord(line, rules));
    }
    const problems: ScanProblem[] = [];
    for (let k = this.next(); k > 0; k--) {
      const position = this.position();
      problems.push(new Problem(position, this.string()));
    }
    return new Scan(imports.slice(), suppressions.slice(), problems.slice());
  }

  /** As `ImportStatementParser.parse` builds it. */
  private statement(): ImportStatement {
    const flags = this.next();
    const from = (flags & FROM) !== 0;
    const typeCheckingOnly = (flags & TYPE_CHECKING_ONLY) !== 0;
    const level = this.next();
    const module = this.string();
    const moduleSpan = from ? this.span() : undefined;
    const span = this.span();
    const functionName = (flags & IN_FUNCTION) !== 0 ? this.string() : undefined;
    const text = this.string();
    const count = this.next();
    const scratch = this.names;
    scratch.length = 0;
    for (let k = 0; k < count; k++) {
      const name = this.string();
      const alias = this.next();
      scratch.push(nameOf(name, alias >= 0 ? this.strings[alias] : undefined, this.span()));
    }
    return new Statement(from ? 'from' : 'import', level, module, moduleSpan, namesList(scratch), span, typeCheckingOnly, functionName, text);
  }

  private span(): SourceSpan {
    const start = this.position();
    return spanOf(start, this.position());
  }

  private position(): SourcePosition {
    const line = this.next();
    return positionAt(line, this.next());
  }

  private string(): string {
    return this.strings[this.next()];
  }

  private next(): number {
    return this.ints[this.at++];
  }
}
