import type { ImportStatement } from '../extract/python/importStatement';

export interface CheckOptions {
  /** Ignore imports inside function bodies (tach's `local_imports`); they still run, lazily. */
  moduleLevelOnly: boolean;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = { moduleLevelOnly: false };

/**
 * Whether an import counts for rules and for facts like "has DB imports": it must run
 * (not under TYPE_CHECKING) and, with moduleLevelOnly, run at import time.
 */
export function isCounted(statement: ImportStatement, options: CheckOptions): boolean {
  if (statement.typeCheckingOnly) return false;
  return !(options.moduleLevelOnly && statement.scope === 'function');
}
