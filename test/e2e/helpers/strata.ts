// Shared helpers for the e2e tests: they run inside the extension host (VS Code 1.139 in
// code-server, or a downloaded VS Code via @vscode/test-electron) and talk to the real
// extension through the `vscode` API only. Every wait polls a condition with a timeout.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { declaredSuites } from './declaredTests';

/** The extension's id (publisher.name in package.json). */
export const EXTENSION_ID = 'strata.strata-layers';

/** What `activate` returns (client/src/testApi.ts); declared here so the tests import nothing from client/. */
export interface StrataApi {
  topologyRows(): Promise<string[]>;
  topologyVersion(): number | undefined;
  topologySelection(): string[];
  statusBarText(): string | undefined;
  statusBarTooltip(): string | undefined;
  counterpartPickItems(): string[] | undefined;
  serverRunning(): boolean;
}

export function log(text: string): void {
  console.log(`[strata-test]   · ${text}`);
}

/**
 * Polls `probe` every `interval` ms until it returns something other than undefined/false/null,
 * and returns that. On timeout it throws, naming `what` and the last value seen.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeout = 30_000, interval = 100, describe }: { timeout?: number; interval?: number; describe?: () => unknown } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value as T;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      let seen = '';
      try {
        seen = describe ? `; last seen: ${JSON.stringify(await describe(), null, 1)}` : '';
      } catch {
        /* ignore */
      }
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}${seen}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Registers a fixture's suite, only when that fixture is the open workspace (each launch opens
 * one), with the number of tests it declares: the run fails when it registers another number.
 */
export function fixtureSuite(fixture: string, declaredTests: number, body: (this: Mocha.Suite) => void): void {
  if (workspaceName() !== fixture) return;
  declaredSuites.push({ fixture, tests: declaredTests, suite: describe(`${fixture} fixture`, body) });
}

/** The workspace folder's name (the fixture's folder name): tests pick their fixture by it. */
export function workspaceName(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.basename(folder.uri.fsPath) : undefined;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

/** A file of the workspace, from a path relative to the workspace folder. */
export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

export function exists(uri: vscode.Uri): boolean {
  return fs.existsSync(uri.fsPath);
}

/** Activates the extension (as installed) and returns its API, once its server answers. */
export async function strata(): Promise<StrataApi> {
  const ext = await waitFor('the Strata extension to be installed', () => vscode.extensions.getExtension<StrataApi>(EXTENSION_ID), {
    timeout: 20_000,
  });
  const api = await ext.activate();
  assert.ok(api && typeof api.topologyRows === 'function', 'activate() returns the test API');
  return api;
}

export async function open(rel: string, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false, viewColumn: column });
}

/** Waits until Strata's diagnostics for `uri` satisfy `ok`, and returns them. */
export async function diagnosticsOf(
  uri: vscode.Uri,
  ok: (d: vscode.Diagnostic[]) => boolean,
  what = 'diagnostics',
  timeout = 30_000,
): Promise<vscode.Diagnostic[]> {
  const strataOnly = () => vscode.languages.getDiagnostics(uri).filter((d) => !d.source || /strata/i.test(d.source));
  return waitFor(`${what} of ${path.basename(uri.fsPath)}`, () => (ok(strataOnly()) ? strataOnly() : undefined), {
    timeout,
    describe: () => strataOnly().map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
  });
}

/** The text of a hover's contents, joined. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

/** Runs a code action the way VS Code does: its edit first, then its command. */
export async function applyCodeAction(action: vscode.CodeAction | vscode.Command): Promise<void> {
  if ('edit' in action || 'kind' in action || 'diagnostics' in action || 'isPreferred' in action) {
    const ca = action as vscode.CodeAction;
    if (ca.edit) assert.ok(await vscode.workspace.applyEdit(ca.edit), `the edit of "${ca.title}" applies`);
    if (ca.command) await vscode.commands.executeCommand(ca.command.command, ...(ca.command.arguments ?? []));
    return;
  }
  const cmd = action as vscode.Command;
  await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Row of the topology, located by its trimmed text start (e.g. `integrations — `). */
export function findRow(rows: string[], start: string | RegExp): string | undefined {
  return rows.find((r) => (typeof start === 'string' ? r.trim().startsWith(start) : start.test(r.trim())));
}

/** The rows under the row at `index` (more deeply indented, until the next row at its level). */
export function childrenOf(rows: string[], index: number): string[] {
  const indent = (r: string) => r.length - r.trimStart().length;
  const level = indent(rows[index]);
  const out: string[] = [];
  for (let i = index + 1; i < rows.length && indent(rows[i]) > level; i++) if (indent(rows[i]) === level + 2) out.push(rows[i].trim());
  return out;
}
