import { planTypeCheckingMove } from '../../core/generate/typeCheckingMove';
import type { Violation } from '../../core/validate/violation';
import type { CodeAction, Diagnostic } from '../lsp';
import type { FixContext } from './fixContext';
import { planAction } from './fixPlan';

export const TYPE_CHECKING_TITLE = 'Move import under `if TYPE_CHECKING:`';

/** `sqlmodel` / `sqlalchemy` / model imports used only in annotations: move them under `if TYPE_CHECKING:`, where safe. */
export function typeCheckingFixes(ctx: FixContext, violation: Violation, diagnostics: Diagnostic[]): CodeAction[] {
  const model = ctx.state.model;
  if (!ctx.conventions.typeOnlyTargets.some((m) => model.targetMatches(m, violation.target.module))) return [];
  const change = planTypeCheckingMove(ctx.text, ctx.file.scan, violation.statement);
  if (!change) return [];
  return [planAction(ctx.state, ctx.support, TYPE_CHECKING_TITLE, { creates: [], edits: [{ path: ctx.file.path, changes: [change] }] }, diagnostics, true)];
}
