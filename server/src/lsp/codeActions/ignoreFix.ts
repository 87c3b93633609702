import { planIgnoreComment } from '../../core/generate/suppressionEdit';
import type { Violation } from '../../core/validate/violation';
import type { CodeAction, Diagnostic } from '../lsp';
import type { FixContext } from './fixContext';
import { planAction } from './fixPlan';

/** Every violation: `# strata: ignore[<rule>]` on the import's (last) line. */
export function ignoreFixes(ctx: Omit<FixContext, 'conventions'>, violation: Violation, diagnostics: Diagnostic[]): CodeAction[] {
  const change = planIgnoreComment(ctx.text, violation.statement, violation.rule.id);
  if (!change) return [];
  return [planAction(ctx.state, ctx.support, `Ignore here: \`# strata: ignore[${violation.rule.id}]\``, { creates: [], edits: [{ path: ctx.file.path, changes: [change] }] }, diagnostics)];
}
