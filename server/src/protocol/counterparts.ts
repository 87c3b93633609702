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
  /** Its counterparts, both ways: for a file of the ruleset's `from` layer, its `to` files; for a `to` file, the `from` files it pairs with. */
  counterparts: FileRef[];
  /** For a `from` file without a counterpart: the file a new one would be, so a client can offer to create it. */
  missingCounterpart?: { uri: string; name: string; layer: string; layerLabel: string };
  /** Files of the workspace that import this one, grouped by their layer (report order). */
  importedBy: LayerGroup[];
  /** Workspace files this one imports, grouped by their layer (report order). */
  imports: LayerGroup[];
}
