/**
 * Recognises `if TYPE_CHECKING:` guards. Imports under such a guard never run, so runtime layer
 * rules must not fire on them; getting an alias wrong would either hide a real violation or
 * report one that cannot happen, hence the alias tracking.
 */
import type { ImportStatement } from './importStatement';
import { Ch, identEnd } from './pythonChars';

/** The condition is unrelated to TYPE_CHECKING. */
export const GUARD_NONE = 0;
/** The condition is TYPE_CHECKING: false at run time, so the body never runs. */
export const GUARD_TYPE_CHECKING = 1;
/** The condition is `not TYPE_CHECKING`: true at run time, so later `elif`/`else` branches never run. */
export const GUARD_NEGATED = 2;

export type GuardKind = typeof GUARD_NONE | typeof GUARD_TYPE_CHECKING | typeof GUARD_NEGATED;

const TYPING_MODULES = ['typing', 'typing_extensions'];

export class TypeCheckingNames {
  /**
   * Bare names bound to the flag besides `TYPE_CHECKING` itself (`from typing import
   * TYPE_CHECKING as TC`), and names bound to a typing module besides `typing` and
   * `typing_extensions` (`import typing as t`). Created on first use: most files have none.
   */
  private flags: Set<string> | undefined;
  private modules: Set<string> | undefined;

  private isFlag(name: string): boolean {
    return name === 'TYPE_CHECKING' || (this.flags !== undefined && this.flags.has(name));
  }

  private isTypingModule(name: string): boolean {
    return TYPING_MODULES.includes(name) || (this.modules !== undefined && this.modules.has(name));
  }

  /**
   * Learns aliases from an import. Bindings are taken file-wide in source order, whatever the
   * scope of the import: a guard that uses a name before or outside its import is broken code
   * for which any answer is acceptable.
   */
  register(statement: ImportStatement): void {
    if (statement.level !== 0) return;
    if (statement.kind === 'import') {
      for (const n of statement.names) {
        if (n.alias !== undefined && TYPING_MODULES.includes(n.name)) (this.modules ??= new Set()).add(n.alias);
      }
    } else if (TYPING_MODULES.includes(statement.module)) {
      for (const n of statement.names) {
        if (n.name === 'TYPE_CHECKING' && n.alias !== undefined) (this.flags ??= new Set()).add(n.alias);
      }
    }
  }

  /**
   * Classifies the condition `[start, end)` of an `if`/`elif`: `[not] NAME` or `[not] MOD.TYPE_CHECKING`,
   * with any parentheses around either part. Anything more complex (`TYPE_CHECKING and x`) is
   * treated as an ordinary condition.
   */
  classify(text: string, start: number, end: number): GuardKind {
    let i = start;
    let negations = 0;
    let open = 0;
    let name = '';
    for (;;) {
      i = skipTrivia(text, i, end);
      if (i >= end) return GUARD_NONE;
      if (text.charCodeAt(i) === Ch.LParen) {
        open++;
        i++;
        continue;
      }
      const e = identEnd(text, i, end);
      if (e === i) return GUARD_NONE;
      name = text.slice(i, e);
      i = e;
      if (name !== 'not') break;
      negations++;
    }
    i = skipTrivia(text, i, end);
    let matched: boolean;
    if (i < end && text.charCodeAt(i) === Ch.Dot) {
      i = skipTrivia(text, i + 1, end);
      const e = identEnd(text, i, end);
      matched = e - i === 13 && text.startsWith('TYPE_CHECKING', i) && this.isTypingModule(name);
      i = e;
    } else {
      matched = this.isFlag(name);
    }
    for (;;) {
      i = skipTrivia(text, i, end);
      if (i >= end || text.charCodeAt(i) !== Ch.RParen) break;
      open--;
      i++;
    }
    if (!matched || open !== 0 || i < end) return GUARD_NONE;
    return negations % 2 === 0 ? GUARD_TYPE_CHECKING : GUARD_NEGATED;
  }
}

/** Skips what may separate tokens inside a condition: blanks, bracketed newlines, continuations, comments. */
function skipTrivia(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === Ch.Space || c === Ch.Tab || c === Ch.FF || c === Ch.LF || c === Ch.CR || c === Ch.Backslash) {
      i++;
    } else if (c === Ch.Hash) {
      while (i < end && text.charCodeAt(i) !== Ch.LF && text.charCodeAt(i) !== Ch.CR) i++;
    } else {
      break;
    }
  }
  return i;
}
