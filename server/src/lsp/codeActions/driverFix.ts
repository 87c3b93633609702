import * as path from 'node:path';
import { planDriver } from '../../core/generate/driverFile';
import type { Violation } from '../../core/validate/violation';
import type { CodeAction, Diagnostic } from '../lsp';
import { layerShortName, type FixContext } from './fixContext';
import { openAction, pathTaken, planAction } from './fixPlan';

/**
 * Database and model imports (L3, L5) and L6/L7 imports in L2: open the matching driver of the
 * file's domain, or create `<stem>_driver.py` with the offending imports, opened beside.
 */
export function driverFixes(ctx: FixContext, violation: Violation, diagnostics: Diagnostic[]): CodeAction[] {
  if (!ctx.conventions.driverRules.includes(violation.rule.id)) return [];
  const { state, file } = ctx;
  const plan = planDriver(state.index, file);
  if (!plan) return [];
  if (plan.matching.length > 0) {
    return plan.matching.slice(0, 3).map((d) => openAction(`Open matching driver \`${path.basename(d.path)}\``, d.path, diagnostics, { beside: true }));
  }
  if (pathTaken(state, plan.path)) return [openAction(`Open driver \`${plan.fileName}\``, plan.path, diagnostics, { beside: true })];
  if (!state.mayCreate(plan.path, file.path)) return [];
  const layer = layerShortName(ctx, state.model.ruleset.counterparts.driverLayer);
  return [
    planAction(
      state,
      ctx.support,
      `Create ${layer} driver \`${plan.fileName}\``,
      { creates: [{ path: plan.path, content: plan.content }], edits: [], open: { path: plan.path, options: { beside: true } } },
      diagnostics,
    ),
  ];
}
