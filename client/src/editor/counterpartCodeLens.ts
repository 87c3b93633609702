import * as vscode from 'vscode';
import type { TopologyStore } from '../topology/topologyStore';

/**
 * On the first line of a file whose layer has counterparts: `→ <counterpart layer>: <file>`
 * (opens it) or `→ <counterpart layer>: create <file>`; the words are the ruleset's, from the server.
 */
export class CounterpartCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: TopologyStore) {
    this.subscription = store.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const counterpart = this.store.places(document.uri).find((p) => p.file.counterpart)?.file.counterpart;
    if (!counterpart) return [];
    const range = new vscode.Range(0, 0, 0, 0);
    const label = counterpart.layerLabel;
    if (counterpart.files.length === 0) {
      return [
        new vscode.CodeLens(range, {
          title: `→ ${label}: create ${counterpart.newFileName}`,
          tooltip: `No ${label} matches this file: create ${counterpart.newFileName} (never overwrites)`,
          command: 'strata.createCounterpart',
          arguments: [document.uri],
        }),
      ];
    }
    return counterpart.files.map((file) => {
      const uri = vscode.Uri.parse(file);
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      return new vscode.CodeLens(range, {
        title: `→ ${label}: ${name}`,
        tooltip: `Open the matching ${label} ${vscode.workspace.asRelativePath(uri)}`,
        command: 'vscode.open',
        arguments: [uri],
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
