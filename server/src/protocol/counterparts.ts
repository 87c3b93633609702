import { RequestType } from 'vscode-jsonrpc';

/** Request `strata/counterparts`: the files related to one file, grouped for navigation. */
export const CounterpartsRequest = new RequestType<CounterpartsParams, CounterpartsResult, void>('strata/counterparts');

export interface CounterpartsParams {
  uri: string;
}

export interface FileRef {
  uri: string;
  name: string;
  relPath: string;
  layer?: string;
  layerLabel?: string;
}

export interface LayerGroup {
  layer: string | null;
  layerLabel: string;
  files: FileRef[];
}

export interface CounterpartsResult {
  uri: string;
  /** For an engine: its matching drivers. For a driver: the engines it matches. */
  counterparts: FileRef[];
  /** For an engine without a driver: the driver file it should have (URI), so a client can offer to create it. */
  missingDriver?: string;
  /** Files of the workspace that import this one, grouped by their layer (report order). */
  importedBy: LayerGroup[];
  /** Workspace files this one imports, grouped by their layer (report order). */
  imports: LayerGroup[];
}
