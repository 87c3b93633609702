import * as vscode from 'vscode';

/** The `strata.*` settings, read fresh each time so changes apply without a restart. */
export interface StrataSettings {
  /** Check only module-level imports (skip imports inside function bodies). */
  moduleLevelOnly: boolean;
  /** The Topology view reveals the active editor's file. */
  followActiveEditor: boolean;
}

export function readSettings(scope?: vscode.ConfigurationScope): StrataSettings {
  const config = vscode.workspace.getConfiguration('strata', scope);
  return {
    moduleLevelOnly: config.get<boolean>('moduleLevelOnly', false),
    followActiveEditor: config.get<boolean>('followActiveEditor', true),
  };
}
