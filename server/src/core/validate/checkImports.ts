import type { Suppression } from '../extract/python/importStatement';
import type { LayerModel } from '../layers/layerModel';
import type { ResolvedImport } from '../resolve/resolvedImport';
import { isCounted, type CheckOptions } from './checkOptions';
import type { Violation } from './violation';

export interface CheckResult {
  violations: Violation[];
  /** Violations silenced by a `# strata: ignore[…]` comment: reported in counts, never as problems. */
  suppressed: Violation[];
}

/** Applies the rules of a file's layer to its imports, in statement order then rule order. */
export function checkImports(
  model: LayerModel,
  layerId: string | undefined,
  imports: ResolvedImport[],
  suppressions: Suppression[],
  options: CheckOptions,
): CheckResult {
  const result: CheckResult = { violations: [], suppressed: [] };
  const rules = model.rulesFor(layerId);
  if (rules.length === 0) return result;
  for (const resolved of imports) {
    if (!isCounted(resolved.statement, options)) continue;
    for (const rule of rules) {
      const target = resolved.targets.find((t) => model.targetMatches(rule.target, t.module));
      if (!target) continue;
      const violation: Violation = { rule, statement: resolved.statement, target };
      (isSuppressed(violation, suppressions) ? result.suppressed : result.violations).push(violation);
    }
  }
  return result;
}

/** A suppression applies on any line of the statement, so a multi-line import can carry it on its last line. */
function isSuppressed(violation: Violation, suppressions: Suppression[]): boolean {
  const { start, end } = violation.statement.span;
  return suppressions.some(
    (s) => s.line >= start.line && s.line <= end.line && (s.rules.length === 0 || s.rules.includes(violation.rule.id)),
  );
}
