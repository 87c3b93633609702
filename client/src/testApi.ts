/**
 * What `activate` returns: a small read-only window on the real view state, for the integration
 * tests (test/e2e). Every method reads the live TreeDataProvider / StatusBarItem / QuickPick.
 */
export interface StrataApi {
  /** Every row of the Topology view, depth-first, as `<indent>label — description` (two spaces per level). */
  topologyRows(): Promise<string[]>;
  /** Labels of the rows selected in the Topology view (following the active editor selects its file). */
  topologySelection(): string[];
  /** The version of the topology the view shows (undefined before the first answer). */
  topologyVersion(): number | undefined;
  /** The status bar item's text, undefined while it is hidden. */
  statusBarText(): string | undefined;
  /** The status bar item's tooltip (Markdown source), undefined while it is hidden. */
  statusBarTooltip(): string | undefined;
  /** Rows of the open Go to Counterpart pick (separators as `-- label --`), undefined when none is open. */
  counterpartPickItems(): string[] | undefined;
  /** Whether the language client is running. */
  serverRunning(): boolean;
}
