import type { AnalyzedFile } from '../../core/analysis/analyzedFile';
import type { FileConventions } from '../../core/generate/fileConventions';
import type { ClientSupport } from '../clientSupport';
import type { WorkspaceState } from '../workspaceState';

/** Everything a quick-fix looks at: the file as analysed, its current text, the ruleset's conventions. */
export interface FixContext {
  state: WorkspaceState;
  support: ClientSupport;
  file: AnalyzedFile;
  text: string;
  conventions: FileConventions;
}

/**
 * How quick-fix titles name a layer: by the ruleset's label of one of its files (`L6 Driver`,
 * `Adapter`), so that a title speaks the ruleset's words, whichever ruleset it is.
 */
export function layerLabel(ctx: Pick<FixContext, 'state'>, layerId: string | undefined): string {
  return (layerId !== undefined ? ctx.state.model.layer(layerId)?.label : undefined) ?? layerId ?? '';
}
