import * as path from 'node:path';
import { movedImportNote, planDriver } from '../../core/generate/driverFile';
import { planImportRemoval } from '../../core/generate/importRemoval';
import type { Violation } from '../../core/validate/violation';
import { toDiagnostic } from '../diagnostics';
import type { CodeAction, Diagnostic } from '../lsp';
import { layerShortName, type FixContext } from './fixContext';
import { openAction, pathTaken, planAction, sameDiagnostic, type FixPlan } from './fixPlan';

/**
 * Database and model imports (L3, L5) and L6/L7 imports in L2: open the matching driver of the
 * file's domain; or create `<stem>_driver.py` and move the offending imports into it (spec §5):
 * every statement of the file breaking a driver rule leaves it, a comment in its place saying
 * where it went, so their diagnostics clear. One edit, one undo step; the driver opens beside.
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
  const removal = planImportRemoval(ctx.text, plan.moving, (s) => movedImportNote(s, plan.shownPath));
  const fix: FixPlan = {
    creates: [{ path: plan.path, content: plan.content }],
    edits: removal.length > 0 ? [{ path: file.path, changes: removal }] : [],
    open: { path: plan.path, options: { beside: true } },
  };
  // It answers the diagnostics of every statement it moves, not only the one asked about.
  const moving = new Set(plan.moving);
  const answered = [...diagnostics];
  for (const v of file.check.violations) {
    if (!moving.has(v.statement) || !ctx.conventions.driverRules.includes(v.rule.id)) continue;
    const d = toDiagnostic(state.index, file, v);
    if (!answered.some((a) => sameDiagnostic(a, d))) answered.push(d);
  }
  return [planAction(state, ctx.support, `Create ${layer} driver \`${plan.fileName}\``, fix, answered)];
}
