import type { ImportStatement } from '../extract/python/importStatement';

export interface CheckOptions {
  /** Ignore imports inside function bodies (tach's `local_imports`); they still run, lazily. */
  moduleLevelOnly: boolean;
}

/**
 * Whether an import counts for facts like "has DB imports": it must run (not under
 * TYPE_CHECKING, unless `typeChecking` asks for those too) and, with moduleLevelOnly, run at
 * import time. Each rule narrows this further with its own `lazy` and `type-checking`.
 */
export function isCounted(statement: ImportStatement, options: CheckOptions, typeChecking = false): boolean {
  if (statement.typeCheckingOnly && !typeChecking) return false;
  return !(options.moduleLevelOnly && statement.scope === 'function');
}
