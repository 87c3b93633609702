import { RequestType } from 'vscode-jsonrpc';
import type { Range } from './positions';
import type { CommandRef } from './serverCommands';

/** Request `strata/topology`: the whole workspace, audiences → domains → layers → files. */
export const TopologyRequest = new RequestType<TopologyParams, TopologyResult, void>('strata/topology');

export type TopologyParams = Record<string, never>;

export interface TopologyResult {
  /** Increases with every change of the index; `strata/topologyChanged` carries the same number. */
  version: number;
  /** Source roots found in the workspace folders (folders holding the top package). */
  sourceRoots: string[];
  /** True while the initial index is still being built. */
  indexing: boolean;
  audiences: AudienceNode[];
}

export interface AudienceNode {
  id: string;
  /** CUSTOMER, FOUNDER, INTERNAL. */
  name: string;
  domains: DomainNode[];
}

export interface DomainNode {
  audience: string;
  domain: string;
  fileCount: number;
  /** Violations the baseline (`strata-baseline.json`) does not know. */
  violationCount: number;
  /** Violations the baseline knows, counted apart. */
  baselinedCount: number;
  gapCount: number;
  /** Every layer of the ruleset in report order (L2.1, L2, L3, L4, L5 engines, L5 schemas, L5 other, L6, L7). */
  layers: LayerNode[];
  gaps: GapNode[];
  violations: ViolationNode[];
}

/**
 * `present`: has files; `gap`: empty and a gap names it; `toBuild`: an expected layer not built yet
 * (no facade for a domain with routers); `empty`: empty and nothing expects it.
 */
export type LayerState = 'present' | 'gap' | 'toBuild' | 'empty';

export interface LayerNode {
  id: string;
  /** `L5 Engines`. */
  heading: string;
  state: LayerState;
  files: FileNode[];
}

export interface FileNode {
  uri: string;
  /** Base name, `dispatcher.py`. */
  name: string;
  /** Path from the source root, with `/`. */
  relPath: string;
  violationCount: number;
  /** Engines only: their L6 counterpart. */
  engine?: EngineStatus;
}

export interface EngineStatus {
  /** URIs of the drivers of the domain that match the engine's stem. */
  drivers: string[];
  /** The file name a new driver would get: `cus_health_driver.py`. */
  driverFileName: string;
  hasDatabaseImports: boolean;
}

export interface GapNode {
  type: string;
  description: string;
  action: string;
  /** URI of what the action would create (a file or a folder), when it names one. */
  creates?: string;
  /** For a per-engine gap: the engine's URI. */
  engine?: string;
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
