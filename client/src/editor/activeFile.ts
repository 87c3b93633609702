import * as vscode from 'vscode';
import type { FileInfoResult } from '../../../server/src/protocol/strataProtocol';
import type { StrataServer } from '../connection/strataServer';
import type { TopologyStore } from '../topology/topologyStore';

/**
 * Where the active editor's file sits (`strata/fileInfo`), kept current as the editor, the
 * topology or the server change. Sets the context keys `strata.activeLayer` (the layer id, or
 * empty) and `strata.activeFileHasCounterparts` (its layer has counterparts in the ruleset) for
 * menus and keybindings.
 */
export class ActiveFile implements vscode.Disposable {
  private info: FileInfoResult | undefined;
  private uri: vscode.Uri | undefined;
  private seq = 0;
  private readonly changed = new vscode.EventEmitter<FileInfoResult | undefined>();
  private readonly disposables: vscode.Disposable[] = [];

  readonly onDidChange = this.changed.event;

  constructor(
    private readonly server: StrataServer,
    store: TopologyStore,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      store.onDidChange(() => void this.update()),
    );
    void this.update();
  }

  /** The active file's place, when it is in a layer. */
  get current(): FileInfoResult | undefined {
    return this.info;
  }

  get currentUri(): vscode.Uri | undefined {
    return this.uri;
  }

  async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document;
    const seq = ++this.seq;
    if (!doc || doc.uri.scheme !== 'file' || doc.languageId !== 'python') {
      // Keep showing the last Python file while focus is in an output panel or a non-file editor.
      if (doc && doc.uri.scheme === 'file') this.set(undefined, undefined);
      else if (!editor) this.set(undefined, undefined);
      return;
    }
    try {
      const info = await this.server.fileInfo(doc.uri);
      if (seq !== this.seq) return; // the editor changed meanwhile
      this.set(doc.uri, info.layer ? info : undefined);
    } catch (err) {
      if (seq !== this.seq) return;
      this.output.warn(`strata/fileInfo ${doc.uri.toString()} failed: ${String(err)}`);
      this.set(doc.uri, undefined);
    }
  }

  private set(uri: vscode.Uri | undefined, info: FileInfoResult | undefined): void {
    this.uri = uri;
    this.info = info;
    void vscode.commands.executeCommand('setContext', 'strata.activeLayer', info?.layer?.id ?? '');
    void vscode.commands.executeCommand('setContext', 'strata.activeFileHasCounterparts', !!info?.counterpartLayer);
    this.changed.fire(info);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.changed.dispose();
  }
}
