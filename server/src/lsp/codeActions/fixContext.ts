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

/** `L3 Adapter` → `L3`: how titles name a layer. */
export function layerShortName(ctx: Pick<FixContext, 'state'>, layerId: string | undefined): string {
  const label = (layerId !== undefined ? ctx.state.model.layer(layerId)?.label : undefined) ?? layerId ?? '';
  return label.split(' ')[0];
}
