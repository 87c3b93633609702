import { RequestType } from 'vscode-jsonrpc';
import type { Range } from './positions';
import type { CommandRef } from './serverCommands';

/**
 * Request `strata/topology`: the whole workspace, domains → layers → files, in the active
 * ruleset's own words (layer ids, labels and headings, audience names, gap texts). Nothing in
 * it is specific to one ruleset: a client shows what it is given.
 */
export const TopologyRequest = new RequestType<TopologyParams, TopologyResult, void>('strata/topology');

export type TopologyParams = Record<string, never>;

export interface TopologyResult {
  /** Increases with every change of the index; `strata/topologyChanged` carries the same number. */
  version: number;
  /** Source roots found in the workspace folders (folders holding the top package). */
  sourceRoots: string[];
  /** True while the initial index is still being built. */
  indexing: boolean;
  /**
   * The audiences of the ruleset that have domains, in ruleset order. Empty for a layout without
   * audiences: then `domains` is the top of the tree.
   */
  audiences: AudienceNode[];
  /** Every domain, in report order (grouped by audience when there are audiences). */
  domains: DomainNode[];
}

export interface AudienceNode {
  /** The audience's path segment. */
  id: string;
  /** The name reports give it. */
  name: string;
}

export interface DomainNode {
  /** The audience's id, for a layout with audiences. */
  audience?: string;
  domain: string;
  fileCount: number;
  /** Violations the baseline (`strata-baseline.json`) does not know. */
  violationCount: number;
  /** Violations the baseline knows, counted apart. */
  baselinedCount: number;
  gapCount: number;
  /** Every layer of the ruleset, in report order. */
  layers: LayerNode[];
  gaps: GapNode[];
  violations: ViolationNode[];
}

/** `present`: has files; `missing`: empty and one of the domain's gaps names it; `empty`: empty and nothing expects it. */
export type LayerState = 'present' | 'missing' | 'empty';

export interface LayerNode {
  id: string;
  /** How the ruleset names one file's layer. */
  label: string;
  /** Its plural, for the tree. */
  heading: string;
  state: LayerState;
  files: FileNode[];
}

export interface FileNode {
  uri: string;
  /** Base name. */
  name: string;
  /** Path from the source root, with `/`. */
  relPath: string;
  violationCount: number;
  /** Files of a layer that has counterparts (the ruleset's `counterparts`): theirs. */
  counterpart?: CounterpartStatus;
}

/** A file's counterparts in the layer the ruleset pairs its layer with. */
export interface CounterpartStatus {
  /** The counterpart layer's id and label. */
  layer: string;
  layerLabel: string;
  /** URIs of the files of the domain that are its counterparts. */
  files: string[];
  /** The file name a new counterpart would get. */
  newFileName: string;
  /** One of its imports makes it need a counterpart (the ruleset's `needed-when`). */
  needed: boolean;
}

export interface GapNode {
  type: string;
  description: string;
  action: string;
  /** URI of what the action would create (a file or a folder), when it names one. */
  creates?: string;
  /** For a gap about one file (a missing counterpart): that file's URI. */
  file?: string;
  /** A server command (workspace/executeCommand) that performs the action, when Strata can. */
  command?: CommandRef;
}

export interface ViolationNode {
  uri: string;
  /** The module name's span in the import statement, where the diagnostic is. */
  range: Range;
  rule: string;
  message: string;
  fix: string;
  statement: string;
  target: string;
  /** Known to the baseline. */
  baselined: boolean;
}
