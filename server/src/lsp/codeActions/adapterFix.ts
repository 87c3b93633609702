import * as path from 'node:path';
import { planAdapterRoute } from '../../core/generate/adapterFile';
import { endOf } from '../../core/generate/textEdits';
import type { Violation } from '../../core/validate/violation';
import { toRange } from '../diagnostics';
import type { CodeAction, Diagnostic } from '../lsp';
import { layerLabel, type FixContext } from './fixContext';
import { openAction, pathTaken, planAction, type FixPlan } from './fixPlan';

/**
 * L2 → L5: open an adapter of the engine's domain that already imports the engine; or route the
 * import through `<stem>_adapter.py` (created with the re-export, or appended to when it exists)
 * and rewrite the L2 import to it.
 */
export function adapterFixes(ctx: FixContext, violation: Violation, diagnostics: Diagnostic[]): CodeAction[] {
  if (!ctx.conventions.adapterRules.includes(violation.rule.id)) return [];
  const { state, file } = ctx;
  const plan = planAdapterRoute(state.index, file, violation, (p) => state.textOf(p));
  if (!plan) return [];
  const actions: CodeAction[] = [];
  const layer = layerLabel(ctx, ctx.conventions.adapterLayer);
  for (const route of plan.existingRoutes.slice(0, 3)) {
    actions.push(openAction(`Open ${layer} \`${path.basename(route.adapter.path)}\``, route.adapter.path, diagnostics, { selection: toRange(route.span) }));
  }
  const rewrite = { path: file.path, changes: [{ start: plan.rewrite.span.start, end: plan.rewrite.span.end, newText: plan.rewrite.newText }] };
  if (plan.exists) {
    const text = state.textOf(plan.path);
    if (text === undefined) return actions;
    const end = endOf(text);
    const fix: FixPlan = { creates: [], edits: plan.append ? [{ path: plan.path, changes: [{ start: end, end, newText: plan.append }] }, rewrite] : [rewrite] };
    actions.push(planAction(state, ctx.support, `Route through ${layer} \`${plan.fileName}\``, fix, diagnostics, true));
  } else if (!pathTaken(state, plan.path) && state.mayCreate(plan.path, file.path)) {
    const fix: FixPlan = { creates: [{ path: plan.path, content: plan.content }], edits: [rewrite] };
    actions.push(planAction(state, ctx.support, `Route through a new ${layer} \`${plan.fileName}\``, fix, diagnostics, true));
  }
  return actions;
}
