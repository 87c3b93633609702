import { existingFacades, planFacade } from '../../core/generate/facadeFile';
import type { CodeAction } from '../lsp';
import { layerLabel, type FixContext } from './fixContext';
import { pathTaken, planAction } from './fixPlan';

/** An L2 file of a domain without a facade: build the domain's L2.1 facade. */
export function facadeFix(ctx: FixContext): CodeAction | undefined {
  const { state, file, conventions } = ctx;
  const { layer, audience, domain } = file.placement;
  if (layer?.id !== conventions.routerLayer || !audience || !domain) return undefined;
  if (existingFacades(state.index, audience, domain).length > 0) return undefined;
  const plan = planFacade(state.index, audience, domain, (p) => state.textOf(p));
  if (!plan || pathTaken(state, plan.path) || !state.mayCreate(plan.path, file.path)) return undefined;
  return planAction(
    state,
    ctx.support,
    `Build ${layerLabel(ctx, conventions.facadeLayer)} for \`${domain}\``,
    { creates: [{ path: plan.path, content: plan.content }], edits: [], open: { path: plan.path } },
    [],
  );
}
