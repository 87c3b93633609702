/**
 * Constructors for the plain objects a scan is made of (`importStatement.ts`). Everything that
 * builds scan objects (the parser, the scanner, the decoder of scans from a worker) uses these,
 * so that every statement, span and position has the same hidden classes wherever it was made.
 *
 * Why constructors rather than object literals: V8 tracks each literal's allocation site and,
 * once it sees that the objects outlive a few garbage collections (scans are kept), switches the
 * site to allocating in old space, discarding all optimised code that inlined the site. On a cold
 * CLI run that means compiling the parser, the scanner and the decoder again, mid-run, for nothing.
 * Objects made by `new` carry no allocation site.
 *
 * The constructors' prototype is `Object.prototype`: the objects are indistinguishable from
 * literals (same prototype, own enumerable properties in the declared order) for JSON,
 * structured cloning and deep equality.
 *
 * Equal positions, spans, imported names and one-name lists are made once and shared by every
 * statement and file that has them (see `positionAt`, `SpanTable`), as strings are
 * (`stringPool.ts`): a CLI run keeps the scan of every file, and most of a scan's memory was these
 * small objects. Scans are therefore never to be modified, by anyone.
 */
import type { ImportedName, ImportStatement, PythonScan, ScanProblem, SourcePosition, SourceSpan, Suppression } from './importStatement';
import { sharingScanValues } from './stringPool';

type Constructor<T, A extends unknown[]> = new (...args: A) => T;

/** A scan record while its constructor fills it in: the one moment its fields are written. */
type Building<T> = { -readonly [K in keyof T]: T[K] };

function plain<T, A extends unknown[]>(init: (this: Building<T>, ...args: A) => void): Constructor<T, A> {
  (init as unknown as { prototype: object }).prototype = Object.prototype;
  return init as unknown as Constructor<T, A>;
}

export const Position = plain(function (this: Building<SourcePosition>, line: number, column: number) {
  this.line = line;
  this.column = column;
});

/**
 * The position `line:column`, shared with every equal one: imports sit mostly near the top of
 * files, so a large tree repeats the same few thousand positions over and over. Bounded like the
 * string pool, for a long-running language server.
 */
export function positionAt(line: number, column: number): SourcePosition {
  if (line >= 1 << 15 || column >= 1 << 15 || !sharingScanValues()) return new Position(line, column);
  const key = (line << 15) | column;
  let position = POSITIONS.get(key);
  if (position === undefined) {
    if (POSITIONS.size >= MAX_POSITIONS) POSITIONS.clear();
    position = new Position(line, column);
    POSITIONS.set(key, position);
  }
  return position;
}

const MAX_POSITIONS = 200_000;
const POSITIONS = new Map<number, SourcePosition>();

/** A shared position's number in `POSITIONS`, or -1 for one too far out to be shared. */
function positionKey(position: SourcePosition): number {
  return position.line < 1 << 15 && position.column < 1 << 15 ? (position.line << 15) | position.column : -1;
}

export const Span = plain(function (this: Building<SourceSpan>, start: SourcePosition, end: SourcePosition) {
  this.start = start;
  this.end = end;
});

/** An imported name; an alias is added afterwards (`entry.alias = …`), as the parser reads it. */
export const Name = plain(function (this: Building<ImportedName>, name: string, span: SourceSpan) {
  this.name = name;
  this.span = span;
});

/**
 * Spans and imported names (and one-name lists of them) are shared when equal too, like
 * positions: the same import written at the same place in many files (common in a layered code
 * base) then costs one span, one name and one list. An open-addressing table keyed by the span's
 * two positions (as `positionAt` numbers them), holding with each span the first name seen there:
 * a lookup allocates nothing, and an entry costs less than the span it saves, so sharing costs no
 * memory even where little repeats.
 */
class SpanTable {
  private capacity = 0;
  private size = 0;
  private startKeys = new Int32Array(0);
  private endKeys = new Int32Array(0);
  private spans: (SourceSpan | undefined)[] = [];
  /** The first name seen at each span, and the one-element list of it. */
  private names: (ImportedName | undefined)[] = [];
  private lists: (ImportedName[] | undefined)[] = [];

  constructor() {
    this.reset(MIN_SPANS);
  }

  span(start: SourcePosition, end: SourcePosition): SourceSpan {
    const slot = this.slot(start, end);
    if (slot < 0) return new Span(start, end);
    let span = this.spans[slot];
    if (span === undefined) {
      span = this.spans[slot] = new Span(start, end);
      this.startKeys[slot] = positionKey(start);
      this.endKeys[slot] = positionKey(end);
      if (++this.size * 2 > this.capacity) this.grow();
    }
    return span;
  }

  name(name: string, alias: string | undefined, span: SourceSpan): ImportedName {
    const slot = this.slot(span.start, span.end);
    if (slot < 0 || this.spans[slot] !== span) return newName(name, alias, span);
    const seen = this.names[slot];
    if (seen !== undefined && seen.name === name && seen.alias === alias) return seen;
    const made = newName(name, alias, span);
    if (seen === undefined) this.names[slot] = made;
    return made;
  }

  list(name: ImportedName): ImportedName[] {
    const slot = this.slot(name.span.start, name.span.end);
    if (slot < 0 || this.names[slot] !== name) return [name];
    return (this.lists[slot] ??= [name]);
  }

  /** The slot for the span `start`–`end` (free or holding it), or -1 when such spans are not shared. */
  private slot(start: SourcePosition, end: SourcePosition): number {
    const startKey = positionKey(start);
    const endKey = positionKey(end);
    if (startKey < 0 || endKey < 0 || !sharingScanValues()) return -1;
    // Positions differ mostly in their high bits (the line): mix them all into the low ones.
    let h = Math.imul(startKey, 0x9e3779b1) ^ endKey;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    const mask = this.capacity - 1;
    let slot = (h ^ (h >>> 16)) & mask;
    while (this.spans[slot] !== undefined && (this.startKeys[slot] !== startKey || this.endKeys[slot] !== endKey)) slot = (slot + 1) & mask;
    return slot;
  }

  /** Doubles the table; past `MAX_SPANS` (a long-running language server) starts it over. */
  private grow(): void {
    const { spans, names, lists } = this;
    if (this.capacity >= MAX_SPANS) {
      this.reset(MIN_SPANS);
      return;
    }
    this.reset(this.capacity * 2);
    for (let k = 0; k < spans.length; k++) {
      const span = spans[k];
      if (span === undefined) continue;
      const slot = this.slot(span.start, span.end);
      this.spans[slot] = span;
      this.names[slot] = names[k];
      this.lists[slot] = lists[k];
      this.startKeys[slot] = positionKey(span.start);
      this.endKeys[slot] = positionKey(span.end);
      this.size++;
    }
  }

  private reset(capacity: number): void {
    this.capacity = capacity;
    this.size = 0;
    this.startKeys = new Int32Array(capacity);
    this.endKeys = new Int32Array(capacity);
    this.spans = new Array<SourceSpan | undefined>(capacity).fill(undefined);
    this.names = new Array<ImportedName | undefined>(capacity).fill(undefined);
    this.lists = new Array<ImportedName[] | undefined>(capacity).fill(undefined);
  }
}

const MIN_SPANS = 1 << 12;
const MAX_SPANS = 1 << 18;
const SPANS = new SpanTable();

function newName(name: string, alias: string | undefined, span: SourceSpan): ImportedName {
  const entry = new Name(name, span);
  if (alias !== undefined) (entry as Building<ImportedName>).alias = alias;
  return entry;
}

/** The span from `start` to `end`, shared with every equal one (see `SpanTable`). */
export function spanOf(start: SourcePosition, end: SourcePosition): SourceSpan {
  return SPANS.span(start, end);
}

/** The imported name `name` (`as alias`, when defined) at `span`, shared with every equal one. */
export function nameOf(name: string, alias: string | undefined, span: SourceSpan): ImportedName {
  return SPANS.name(name, alias, span);
}

/**
 * A statement's list of names: one-name lists (of a name from `nameOf`) are shared too, longer
 * ones copied out of `names` (which the caller reuses).
 */
export function namesList(names: ImportedName[]): ImportedName[] {
  return names.length === 1 && sharingScanValues() ? SPANS.list(names[0]) : names.slice();
}

/**
 * A statement, with properties in the order of `ImportStatement`: `moduleSpan` only for
 * from-imports, `functionName` only inside a function (whose scope is then 'function').
 */
export const Statement = plain(function (
  this: Building<ImportStatement>, kind: 'import' | 'from', level: number, module: string, moduleSpan: SourceSpan | undefined,
  names: ImportedName[], span: SourceSpan, typeCheckingOnly: boolean, functionName: string | undefined, text: string,
) {
  this.kind = kind;
  this.level = level;
  this.module = module;
  if (moduleSpan !== undefined) this.moduleSpan = moduleSpan;
  this.names = names;
  this.span = span;
  this.typeCheckingOnly = typeCheckingOnly;
  this.scope = functionName === undefined ? 'module' : 'function';
  if (functionName !== undefined) this.functionName = functionName;
  this.text = text;
});

export const SuppressionRecord = plain(function (this: Building<Suppression>, line: number, rules: string[]) {
  this.line = line;
  this.rules = rules;
});

export const Problem = plain(function (this: Building<ScanProblem>, position: SourcePosition, message: string) {
  this.position = position;
  this.message = message;
});

export const Scan = plain(function (this: Building<PythonScan>, imports: ImportStatement[], suppressions: Suppression[], problems: ScanProblem[]) {
  this.imports = imports;
  this.suppressions = suppressions;
  this.problems = problems;
});
