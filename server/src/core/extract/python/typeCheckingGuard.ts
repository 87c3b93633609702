/**
 * Recognises `if TYPE_CHECKING:` guards. Imports under such a guard never run, so runtime layer
 * rules must not fire on them; getting an alias wrong would either hide a real violation or
 * report one that cannot happen, hence the alias tracking.
 */
import type { ImportStatement } from './importStatement';
import { Ch, codesOf, decodedSlice, identEnd, spells, utf8SourceOf } from './pythonChars';

/** The condition is unrelated to TYPE_CHECKING. */
export const GUARD_NONE = 0;
/** The condition is TYPE_CHECKING: false at run time, so the body never runs. */
export const GUARD_TYPE_CHECKING = 1;
/** The condition is `not TYPE_CHECKING`: true at run time, so later `elif`/`else` branches never run. */
export const GUARD_NEGATED = 2;

export type GuardKind = typeof GUARD_NONE | typeof GUARD_TYPE_CHECKING | typeof GUARD_NEGATED;


const NOT = codesOf('not');
const TYPE_CHECKING = codesOf('TYPE_CHECKING');
const TYPING = codesOf('typing');
const TYPING_EXTENSIONS = codesOf('typing_extensions');

function isTypingModuleName(name: string): boolean {
  return name === 'typing' || name === 'typing_extensions';
}

export class TypeCheckingNames {
  /**
   * Bare names bound to the flag besides `TYPE_CHECKING` itself (`from typing import
   * TYPE_CHECKING as TC`), and names bound to a typing module besides `typing` and
   * `typing_extensions` (`import typing as t`). Created on first use: most files have none.
   */
  private flags: Set<string> | undefined;
  private modules: Set<string> | undefined;
  /** Memo of `mentionFrom`: the first `TYPE_CHECKING` at or after `mentionSearchFrom` is at `mentionFound`. */
  private mentionSearchFrom = 0;
  private mentionFound = -1;

  /** Whether the name `[start, end)` is bound to the flag. */
  private isFlag(text: string, codes: Uint8Array, start: number, end: number): boolean {
    if (spells(codes, start, end, TYPE_CHECKING)) return true;
    return this.flags !== undefined && this.flags.has(decodedSlice(text, codes, start, end));
  }

  /** Whether the name `[start, end)` is bound to a typing module. */
  private isTypingModule(text: string, codes: Uint8Array, start: number, end: number): boolean {
    if (spells(codes, start, end, TYPING) || spells(codes, start, end, TYPING_EXTENSIONS)) return true;
    return this.modules !== undefined && this.modules.has(decodedSlice(text, codes, start, end));
  }

  /**
   * Learns aliases from an import. Bindings are taken file-wide in source order, whatever the
   * scope of the import: a guard that uses a name before or outside its import is broken code
   * for which any answer is acceptable.
   */
  register(statement: ImportStatement): void {
    if (statement.level !== 0) return;
    const names = statement.names;
    if (statement.kind === 'import') {
      for (let k = 0; k < names.length; k++) {
        const n = names[k];
        if (n.alias !== undefined && isTypingModuleName(n.name)) this.addModule(n.alias);
      }
    } else if (isTypingModuleName(statement.module)) {
      for (let k = 0; k < names.length; k++) {
        const n = names[k];
        if (n.name === 'TYPE_CHECKING' && n.alias !== undefined) this.addFlag(n.alias);
      }
    }
  }

  private addModule(alias: string): void {
    (this.modules ??= new Set()).add(alias);
  }

  private addFlag(alias: string): void {
    (this.flags ??= new Set()).add(alias);
  }

  /** The names a file binds to the flag and to the typing modules, learnt from its imports (a scan's). */
  static of(imports: readonly ImportStatement[]): TypeCheckingNames {
    const names = new TypeCheckingNames();
    for (const statement of imports) names.register(statement);
    return names;
  }

  /**
   * Whether a condition written as text (`TYPE_CHECKING`, `(typing.TYPE_CHECKING)`, an alias) is
   * the flag: the one test of an `if TYPE_CHECKING:` header, for the scanner's callers (the
   * annotation reader, the quick-fix that moves imports under the guard) as for the scanner.
   */
  isTypeChecking(condition: string): boolean {
    const { text, codes } = utf8SourceOf(condition);
    return this.classifyCondition(text, codes, 0, codes.length) === GUARD_TYPE_CHECKING;
  }

  /**
   * Classifies the condition `[start, end)` of an `if`/`elif`: `[not] NAME` or `[not] MOD.TYPE_CHECKING`,
   * with any parentheses around either part. Anything more complex (`TYPE_CHECKING and x`) is
   * treated as an ordinary condition. Names are compared in place: most conditions are neither,
   * and a cold run should not allocate a string per `if`.
   */
  classify(text: string, codes: Uint8Array, start: number, end: number): GuardKind {
    // Most conditions do not mention the flag at all, and without aliases only those that do can
    // be guards: that costs a search (continuing the last one), not a look at every token.
    if (this.flags === undefined && this.mentionFrom(text, start) + 13 > end) return GUARD_NONE;
    return this.classifyCondition(text, codes, start, end);
  }

  /** The first `TYPE_CHECKING` at or after `i`, or the text's length. Searches pick up where the last one ended. */
  private mentionFrom(text: string, i: number): number {
    if (this.mentionSearchFrom > i || this.mentionFound < i) {
      const k = text.indexOf('TYPE_CHECKING', i);
      this.mentionSearchFrom = i;
      this.mentionFound = k < 0 ? text.length : k;
    }
    return this.mentionFound;
  }

  private classifyCondition(text: string, codes: Uint8Array, start: number, end: number): GuardKind {
    let i = start;
    let negations = 0;
    let open = 0;
    let nameStart = 0;
    let nameEnd = 0;
    for (;;) {
      i = skipTrivia(codes, i, end);
      if (i >= end) return GUARD_NONE;
      if (codes[i] === Ch.LParen) {
        open++;
        i++;
        continue;
      }
      const e = identEnd(codes, i, end);
      if (e === i) return GUARD_NONE;
      nameStart = i;
      nameEnd = e;
      i = e;
      if (!spells(codes, nameStart, nameEnd, NOT)) break;
      negations++;
    }
    i = skipTrivia(codes, i, end);
    let matched: boolean;
    if (i < end && codes[i] === Ch.Dot) {
      i = skipTrivia(codes, i + 1, end);
      const e = identEnd(codes, i, end);
      matched = spells(codes, i, e, TYPE_CHECKING) && this.isTypingModule(text, codes, nameStart, nameEnd);
      i = e;
    } else {
      matched = this.isFlag(text, codes, nameStart, nameEnd);
    }
    for (;;) {
      i = skipTrivia(codes, i, end);
      if (i >= end || codes[i] !== Ch.RParen) break;
      open--;
      i++;
    }
    if (!matched || open !== 0 || i < end) return GUARD_NONE;
    return negations % 2 === 0 ? GUARD_TYPE_CHECKING : GUARD_NEGATED;
  }
}

/** Skips what may separate tokens inside a condition: blanks, bracketed newlines, continuations, comments. */
function skipTrivia(codes: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = codes[i];
    if (c === Ch.Space || c === Ch.Tab || c === Ch.FF || c === Ch.LF || c === Ch.CR || c === Ch.Backslash) {
      i++;
    } else if (c === Ch.Hash) {
      while (i < end && codes[i] !== Ch.LF && codes[i] !== Ch.CR) i++;
    } else {
      break;
    }
  }
  return i;
}
