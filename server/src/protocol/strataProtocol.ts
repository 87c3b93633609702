/**
 * Strata's own LSP extensions: the only way the VS Code client (or any LSP client) learns
 * about the topology. Plain types, shared by client and server; positions are LSP's
 * (0-based line, UTF-16 character), URIs are `file://` URIs.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Request `strata/topology`: the whole workspace, audiences → domains → layers → files. */
export const TopologyRequest = 'strata/topology';
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
  violationCount: number;
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
}

export interface CommandRef {
  title: string;
  command: string;
  arguments: unknown[];
}

/** Request `strata/fileInfo`: where one file sits. `null` layer for files Strata does not classify. */
export const FileInfoRequest = 'strata/fileInfo';
export interface FileInfoParams {
  uri: string;
}

export interface FileInfoResult {
  uri: string;
  /** Absent when the file is in no layer (or outside every source root). */
  layer?: { id: string; label: string; role: string };
  domain?: string;
  audience?: string;
  /** CUSTOMER, FOUNDER, INTERNAL. */
  audienceName?: string;
  module?: string;
  /** The rules of the file's layer: what it may not import. */
  mayNotImport: { rule: string; message: string; fix: string }[];
  violationCount: number;
}

/** Request `strata/counterparts`: the files related to one file, grouped for navigation. */
export const CounterpartsRequest = 'strata/counterparts';
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

/** Request `strata/wiringMap`: a domain's Prescriptive Wiring Map, Markdown (the CLI's `strata map`). */
export const WiringMapRequest = 'strata/wiringMap';
export interface WiringMapParams {
  audience: string;
  domain: string;
}
export interface WiringMapResult {
  markdown: string;
  /** The file name the team's maps use: `integrations.DOMAIN_WIRING_MAP.md`. */
  fileName: string;
}

/** Notification `strata/topologyChanged`, server → client: ask for `strata/topology` again. */
export const TopologyChangedNotification = 'strata/topologyChanged';
export interface TopologyChangedParams {
  version: number;
}

/** Server commands (workspace/executeCommand), used by quick-fixes and by the client's commands. */
export const ServerCommands = {
  /** Arguments: [engineUri]. Creates the engine's L6 driver (never overwrites), moves the engine's DB/model imports into it (like the quick-fix) and opens it beside the engine. */
  createDriver: 'strata.server.createDriver',
  /** Arguments: [audience, domain]. Creates the domain's L2.1 facade (never overwrites). */
  buildFacade: 'strata.server.buildFacade',
  /** No arguments. Re-reads every workspace folder from disk and republishes diagnostics; returns a CheckSummary. */
  checkWorkspace: 'strata.server.checkWorkspace',
  /**
   * Arguments: [uri, OpenFileOptions?]. Shows a file (window/showDocument). Quick-fixes that open
   * an adapter or a driver use it; a client may handle it itself (e.g. to open beside).
   */
  openFile: 'strata.server.openFile',
  /**
   * Arguments: [a quick-fix's plan]. Only for clients that cannot create files through a
   * WorkspaceEdit: the server creates the files itself (never overwriting), then applies the text edits.
   */
  applyFix: 'strata.server.applyFix',
} as const;

/** What `createDriver` and `buildFacade` answer: the file, and whether this call created it (false: it existed and was opened). */
export interface CreatedFile {
  uri: string;
  created: boolean;
}

export interface OpenFileOptions {
  /** What to select (and reveal) in the opened file. */
  selection?: Range;
  /** Open beside the current editor (a hint: window/showDocument cannot say it). */
  beside?: boolean;
}

export interface CheckSummary {
  files: number;
  violations: number;
  filesWithViolations: number;
}
