import { planIgnoreRemoval } from '../../core/generate/suppressionEdit';
import { UNUSED_IGNORE, type IgnoreProblem } from '../../core/validate/unusedIgnores';
import type { CodeAction, Diagnostic } from '../lsp';
import type { FixContext } from './fixContext';
import { planAction } from './fixPlan';

/**
 * An unused ignore: remove it (or just its rule ids that match nothing); an unknown rule id:
 * remove that id. The edit touches only the comment.
 */
export function ignoreRemovalFixes(ctx: Omit<FixContext, 'conventions'>, problem: IgnoreProblem, diagnostic: Diagnostic): CodeAction[] {
  const change = planIgnoreRemoval(ctx.text, problem.line, problem.ruleIds);
  if (!change) return [];
  const whole = problem.ruleIds.length === 0 || problem.ruleIds.length === problem.listed.length;
  const ids = problem.ruleIds.map((id) => `\`${id}\``).join(', ');
  const title =
    problem.rule === UNUSED_IGNORE
      ? whole ? 'Remove unused `# strata: ignore`' : `Remove ${ids} from \`# strata: ignore\` (${problem.ruleIds.length === 1 ? 'it matches' : 'they match'} nothing)`
      : `Remove unknown rule ${ids} from \`# strata: ignore\``;
  return [planAction(ctx.state, ctx.support, title, { creates: [], edits: [{ path: ctx.file.path, changes: [change] }] }, [diagnostic], true)];
}
