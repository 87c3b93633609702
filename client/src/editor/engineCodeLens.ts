import * as vscode from 'vscode';
import type { TopologyStore } from '../topology/topologyStore';

/** On an engine's first line: `→ L6: cus_health_driver.py` (opens it) or `→ L6: create cus_health_driver.py`. */
export class EngineCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: TopologyStore) {
    this.subscription = store.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const engine = this.store.places(document.uri).find((p) => p.file.engine)?.file.engine;
    if (!engine) return [];
    const range = new vscode.Range(0, 0, 0, 0);
    if (engine.drivers.length === 0) {
      return [
        new vscode.CodeLens(range, {
          title: `→ L6: create ${engine.driverFileName}`,
          tooltip: `No L6 driver matches this engine: create ${engine.driverFileName} (never overwrites)`,
          command: 'strata.createDriver',
          arguments: [document.uri],
        }),
      ];
    }
    return engine.drivers.map((driver) => {
      const uri = vscode.Uri.parse(driver);
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      return new vscode.CodeLens(range, {
        title: `→ L6: ${name}`,
        tooltip: `Open the matching L6 driver ${vscode.workspace.asRelativePath(uri)}`,
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
