import * as fs from 'node:fs';
import type { TextChange } from '../../core/generate/textEdits';
import { commandRef, ServerCommands, type OpenFileOptions } from '../../protocol/strataProtocol';
import type { ClientSupport } from '../clientSupport';
import type { CodeAction, Command, Diagnostic, TextEdit, WorkspaceEdit } from '../lsp';
import { pathToUri } from '../uris';
import type { WorkspaceState } from '../workspaceState';

/**
 * What a quick-fix does, as plain data: files to create (never over an existing one), text
 * changes, and a file to show afterwards. It becomes one WorkspaceEdit (one undoable step), or,
 * for a client that cannot create files in an edit, the argument of the `applyFix` command.
 */
export interface FixPlan {
  creates: { path: string; content: string }[];
  edits: { path: string; changes: TextChange[] }[];
  open?: { path: string; options?: OpenFileOptions };
}

export const QUICKFIX = 'quickfix';

export function toTextEdit(change: TextChange): TextEdit {
  return {
    range: { start: { line: change.start.line, character: change.start.column }, end: { line: change.end.line, character: change.end.column } },
    newText: change.newText,
  };
}

/** The plan as one WorkspaceEdit: created files first (overwrite: false, ignoreIfExists: true), then their text, then edits. */
export function toWorkspaceEdit(state: WorkspaceState, plan: FixPlan, support: ClientSupport): WorkspaceEdit {
  if (!support.documentChanges && plan.creates.length === 0) {
    const changes: Record<string, TextEdit[]> = {};
    for (const e of plan.edits) changes[state.uriOf(e.path)] = e.changes.map(toTextEdit);
    return { changes };
  }
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const created of plan.creates) {
    const uri = state.uriOf(created.path);
    documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: created.content }] });
  }
  for (const e of plan.edits) {
    documentChanges.push({ textDocument: { uri: state.uriOf(e.path), version: state.openVersion(e.path) ?? null }, edits: e.changes.map(toTextEdit) });
  }
  return { documentChanges };
}

export function openCommand(title: string, path: string, options?: OpenFileOptions): Command {
  return commandRef(ServerCommands.openFile, title, options ? [pathToUri(path), options] : [pathToUri(path)]);
}

/** A quick-fix from a plan: an edit (plus a command that shows the new file), or the server-side fallback. */
export function planAction(
  state: WorkspaceState,
  support: ClientSupport,
  title: string,
  plan: FixPlan,
  diagnostics: Diagnostic[],
  isPreferred = false,
): CodeAction {
  const action: CodeAction = { title, kind: QUICKFIX, diagnostics };
  if (isPreferred) action.isPreferred = true;
  if (plan.creates.length > 0 && !support.createFiles) {
    action.command = commandRef(ServerCommands.applyFix, title, [plan]);
    return action;
  }
  action.edit = toWorkspaceEdit(state, plan, support);
  if (plan.open) action.command = commandRef(ServerCommands.openFile, title, [state.uriOf(plan.open.path), plan.open.options ?? {}]);
  return action;
}

/** An action that only shows a file. */
export function openAction(title: string, path: string, diagnostics: Diagnostic[], options?: OpenFileOptions): CodeAction {
  return { title, kind: QUICKFIX, diagnostics, command: openCommand(title, path, options) };
}

/** Whether a path is taken: on disk, or open in the editor (maybe not saved yet). */
export function pathTaken(state: WorkspaceState, path: string): boolean {
  return state.isOpen(path) || fs.existsSync(path);
}

/** Whether two diagnostics are the same problem: same rule, same range (a client's copy and the server's count as one). */
export function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  const r = a.range;
  const q = b.range;
  return a.code === b.code && r.start.line === q.start.line && r.start.character === q.start.character && r.end.line === q.end.line && r.end.character === q.end.character;
}
