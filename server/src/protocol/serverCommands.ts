import type { Range } from './positions';

/**
 * A server command (`workspace/executeCommand`) as a typed object: its id, the arguments it takes
 * and what it answers, so the server's handler and every caller (the client, the server's own
 * code actions and gap commands) agree at compile time. The two type parameters are carried by a
 * property that never exists at run time.
 */
export class ServerCommand<Args extends unknown[], Result> {
  declare readonly types?: { args: Args; result: Result };
  constructor(readonly command: string) {}
}

export type ArgsOf<C> = C extends ServerCommand<infer A, unknown> ? A : never;
export type ResultOf<C> = C extends ServerCommand<unknown[], infer R> ? R : never;

/** A command as LSP carries it (a code action's or a gap's `command`). */
export interface CommandRef {
  title: string;
  command: string;
  arguments: unknown[];
}

/** A `CommandRef` whose arguments are checked against the command's. */
export function commandRef<A extends unknown[], R>(command: ServerCommand<A, R>, title: string, args: A): CommandRef {
  return { title, command: command.command, arguments: args };
}

/** What `createCounterpart` and `createGroupFile` answer: the file, and whether this call created it (false: it existed and was opened). */
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

/** Server commands, used by quick-fixes and by the client's commands. */
export const ServerCommands = {
  /**
   * Creates the file's counterpart (the ruleset's `counterparts`; never overwrites), moves into it
   * the imports the counterpart fix answers (as the quick-fix does) and opens it beside the file.
   * An existing counterpart is opened instead.
   */
  createCounterpart: new ServerCommand<[fileUri: string], CreatedFile>('strata.server.createCounterpart'),
  /** Creates the file that groups a domain's files (the ruleset's `fixes.group`; never overwrites). */
  createGroupFile: new ServerCommand<[domain: string, audience?: string], CreatedFile>('strata.server.createGroupFile'),
  /** Re-reads every workspace folder from disk and republishes diagnostics. */
  checkWorkspace: new ServerCommand<[], CheckSummary>('strata.server.checkWorkspace'),
  /**
   * Shows a file (window/showDocument). Quick-fixes that open a file use it; a
   * client may handle it itself (e.g. to open beside).
   */
  openFile: new ServerCommand<[uri: string, options?: OpenFileOptions], boolean>('strata.server.openFile'),
  /**
   * Only for clients that cannot create files through a WorkspaceEdit: the server creates the
   * quick-fix's files itself (never overwriting), then applies its text edits. The plan is the
   * server's own, handed back unchanged.
   */
  applyFix: new ServerCommand<[plan: unknown], boolean>('strata.server.applyFix'),
} as const;

/** Every server command id, for the `executeCommandProvider` capability. */
export const SERVER_COMMAND_IDS: string[] = Object.values(ServerCommands).map((c) => c.command);
