import type { LayerDefinition } from '../ruleset/ruleset';

/** Where a file or module sits in the architecture. Every field is absent for unclassified code. */
export interface Placement {
  layer?: LayerDefinition;
  audience?: string;
  /** The domain folder (`integrations`), or a shared domain (`shared` for models). */
  domain?: string;
  /**
   * For files that group domains by name (facades): the file stem. The file belongs to every
   * domain of its audience whose name it contains, which only the whole workspace knows.
   */
  groupingStem?: string;
}
