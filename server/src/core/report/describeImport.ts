import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { LayerModel } from '../layers/layerModel';
import type { Violation } from '../validate/violation';
import { withArticle } from './article';

/**
 * What a target module is, in words: `an L5 Engine (activity)`, `an external package`,
 * `not in any layer`. Shared by diagnostics, hovers and CLI reports so they never disagree.
 */
export function describeTarget(model: LayerModel, module: string, isWorkspaceModule: boolean): string {
  const placement = model.classifyModule(module);
  if (placement.layer) {
    const where = placement.domain ?? placement.groupingStem;
    return `${withArticle(placement.layer.label)}${where ? ` (${where})` : ''}`;
  }
  return isWorkspaceModule ? 'not in any layer' : 'an external package';
}

/** `L2 MUST NOT import L5 directly: app.x.L5_engines.y is an L5 Engine (activity) (imported inside f())` */
export function describeViolation(model: LayerModel, violation: Violation, isWorkspaceModule: boolean): string {
  const { rule, target, statement } = violation;
  const what = describeTarget(model, target.module, isWorkspaceModule);
  const lazy = statement.scope === 'function' ? ` (imported inside ${statement.functionName ?? 'a function'}())` : '';
  return `${rule.message}: ${target.module} is ${what}${lazy}`;
}

/** The file's own place, for hovers and `explain`: `L5 Engine · integrations · CUSTOMER`. */
export function describePlacement(model: LayerModel, file: AnalyzedFile): string {
  const { layer, domain, audience, groupingStem } = file.placement;
  if (!layer) return 'not in any layer';
  const parts = [layer.label];
  if (domain ?? groupingStem) parts.push(domain ?? `domains named in "${groupingStem}"`);
  const audienceName = model.audienceName(audience);
  if (audienceName) parts.push(audienceName);
  return parts.join(' · ');
}
