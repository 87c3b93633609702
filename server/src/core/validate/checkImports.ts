import type { ImportStatement, Suppression } from '../extract/python/importStatement';
import { isModuleOrBelow, type LayerModel } from '../layers/layerModel';
import type { Placement } from '../layers/placement';
import type { ImportTarget, ResolvedImport } from '../resolve/resolvedImport';
import type { ImportRule } from '../ruleset/ruleset';
import { isCounted, type CheckOptions } from './checkOptions';
import type { Violation } from './violation';

export interface CheckResult {
  readonly violations: readonly Violation[];
  /** Violations silenced by a `# strata: ignore[…]` comment: reported in counts, never as problems. */
  readonly suppressed: readonly Violation[];
}

/**
 * The result of most files, shared: the index keeps one per file, and two empty lists each were
 * some 4 MB of a 20,000-file tree.
 */
const NOTHING_FOUND: CheckResult = Object.freeze({ violations: Object.freeze([]), suppressed: Object.freeze([]) });

/** The file whose imports are checked: where it sits, and its path from the source root (for `ignore-files`). */
export interface Importer {
  placement: Placement;
  relPath: string;
}

/**
 * Applies the rules of a file's layer to its imports, in statement order then rule order: one
 * violation per rule per statement, on the first target (or imported name) that breaks it.
 */
export function checkImports(
  model: LayerModel,
  importer: Importer,
  imports: readonly ResolvedImport[],
  suppressions: readonly Suppression[],
  options: CheckOptions,
): CheckResult {
  const rules = model.rulesForFile(importer.placement.layer?.id, importer.relPath);
  if (rules.length === 0) return NOTHING_FOUND;
  const violations: Violation[] = [];
  const suppressed: Violation[] = [];
  for (const resolved of imports) {
    if (!isCounted(resolved.statement, options, true)) continue;
    for (const rule of rules) {
      if (!ruleCounts(rule, resolved.statement, options)) continue;
      const target = forbiddenTarget(model, rule, resolved, importer.placement);
      if (!target) continue;
      const violation: Violation = { rule, statement: resolved.statement, target };
      (isSuppressed(violation, suppressions) ? suppressed : violations).push(violation);
    }
  }
  return violations.length === 0 && suppressed.length === 0 ? NOTHING_FOUND : { violations, suppressed };
}

/** Whether a rule looks at a statement: lazy imports unless `lazy = false` (or module-level-only), TYPE_CHECKING ones only with `type-checking`. */
export function ruleCounts(rule: ImportRule, statement: ImportStatement, options: CheckOptions): boolean {
  if (statement.typeCheckingOnly && !rule.typeChecking) return false;
  if (statement.scope === 'function' && (!rule.lazy || options.moduleLevelOnly)) return false;
  return true;
}

/** The first target of a statement that a rule forbids and does not except; for a `names` target, the name's span on its module. */
function forbiddenTarget(model: LayerModel, rule: ImportRule, resolved: ResolvedImport, importer: Placement): ImportTarget | undefined {
  const excepted = (module: string) => rule.except.some((prefix) => isModuleOrBelow(module, prefix));
  for (const matcher of rule.forbid) {
    if (matcher.names) {
      const from = resolved.from;
      if (from === undefined || excepted(from)) continue;
      const name = model.forbiddenName(matcher, from, resolved.statement.names, importer);
      if (name) return { module: from, span: name.span };
      continue;
    }
    const target = resolved.targets.find((t) => !excepted(t.module) && model.targetMatches(matcher, t.module, importer));
    if (target) return target;
  }
  return undefined;
}

/** A suppression applies on any line of the statement, so a multi-line import can carry it on its last line. */
function isSuppressed(violation: Violation, suppressions: readonly Suppression[]): boolean {
  const { start, end } = violation.statement.span;
  return suppressions.some(
    (s) => s.line >= start.line && s.line <= end.line && (s.rules.length === 0 || s.rules.includes(violation.rule.id)),
  );
}
