import type { ClientCapabilities } from './lsp';

/** What the connected client can do, read once from `initialize`; every feature degrades without it. */
export interface ClientSupport {
  /** WorkspaceEdit.documentChanges (versioned edits, resource operations). */
  documentChanges: boolean;
  /** CreateFile inside a WorkspaceEdit. */
  createFiles: boolean;
  /** window/showDocument. */
  showDocument: boolean;
  /** window/workDoneProgress/create. */
  workDoneProgress: boolean;
  /** workspace/configuration (pull settings). */
  configuration: boolean;
  /** Registering workspace/didChangeWatchedFiles watchers at run time. */
  watchedFilesRegistration: boolean;
  /** workspace/didChangeConfiguration may be registered for. */
  configurationRegistration: boolean;
  /** workspace/applyEdit. */
  applyEdit: boolean;
  /** Markdown in hovers. */
  markdownHover: boolean;
  /** workspace/didChangeWorkspaceFolders (multi-root): the library refuses the handler without it. */
  workspaceFolders: boolean;
}

export function readClientSupport(c: ClientCapabilities | undefined): ClientSupport {
  const edit = c?.workspace?.workspaceEdit;
  return {
    documentChanges: edit?.documentChanges === true,
    createFiles: edit?.documentChanges === true && (edit.resourceOperations ?? []).includes('create'),
    showDocument: c?.window?.showDocument?.support === true,
    workDoneProgress: c?.window?.workDoneProgress === true,
    configuration: c?.workspace?.configuration === true,
    watchedFilesRegistration: c?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationRegistration: c?.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    applyEdit: c?.workspace?.applyEdit === true,
    markdownHover: (c?.textDocument?.hover?.contentFormat ?? ['markdown']).includes('markdown'),
    workspaceFolders: c?.workspace?.workspaceFolders === true,
  };
}
