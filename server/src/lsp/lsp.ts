/** The LSP library, in one place (see packageEntries.d.ts for how its entry point is typed). */
import * as lsp from 'vscode-languageserver/node';

export { lsp };

export type {
  ClientCapabilities, CodeAction, CodeActionParams, Command, Connection, Diagnostic, ExecuteCommandParams, Hover,
  InitializeParams, InitializeResult, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver/node';
