import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type StrataSettings } from '../../server/src/protocol/strataProtocol';

/** The `strata.*` settings (the protocol's one settings type), read fresh each time so changes apply without a restart. */
export function readSettings(scope?: vscode.ConfigurationScope): StrataSettings {
  const config = vscode.workspace.getConfiguration('strata', scope);
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof StrataSettings)[]) (settings as Record<string, unknown>)[key] = config.get(key, DEFAULT_SETTINGS[key]);
  return settings;
}
