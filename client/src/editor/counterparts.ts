import * as vscode from 'vscode';
import type { CounterpartsResult, FileRef, LayerGroup } from '../../../server/src/protocol/strataProtocol';
import type { StrataServer } from '../connection/strataServer';

interface PickItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
  /** Runs instead of opening (create the missing counterpart). */
  run?: () => Thenable<unknown>;
}

/**
 * "Strata: Go to Counterpart…": a QuickPick grouped by relation (the file's counterparts as the
 * ruleset pairs them, files importing this one, files it imports, each by layer); opens the choice.
 */
export class CounterpartPicker {
  private open: vscode.QuickPick<PickItem> | undefined;

  constructor(private readonly server: StrataServer) {}

  /** Labels (separators as `-- label --`) of the Go to Counterpart pick while it is open. */
  get openItems(): string[] | undefined {
    return this.open?.items.map((i) => (i.kind === vscode.QuickPickItemKind.Separator ? `-- ${i.label} --` : i.label));
  }

  async show(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    const result = await this.server.counterparts(uri);
    const items = buildItems(result);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    if (!items.some((i) => i.kind !== vscode.QuickPickItemKind.Separator)) {
      void vscode.window.showInformationMessage(`Strata: ${name} has no counterpart, imports no workspace file and is imported by none.`);
      return undefined;
    }
    this.open?.dispose();
    const pick = vscode.window.createQuickPick<PickItem>();
    this.open = pick;
    pick.title = `Counterparts of ${name}`;
    pick.placeholder = 'Open a related file (counterparts, importers, imports)';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = items;
    const chosen = await new Promise<PickItem | undefined>((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0] ?? pick.activeItems[0]);
        pick.hide();
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    if (this.open === pick) this.open = undefined;
    if (!chosen) return undefined;
    if (chosen.run) {
      await chosen.run();
      return undefined;
    }
    if (chosen.uri) {
      await vscode.window.showTextDocument(chosen.uri);
      return chosen.uri;
    }
    return undefined;
  }
}

function buildItems(result: CounterpartsResult): PickItem[] {
  const items: PickItem[] = [];
  const separator = (label: string): PickItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const missing = result.missingCounterpart;
  if (result.counterparts.length || missing) {
    const label = result.counterparts[0]?.layerLabel ?? missing?.layerLabel ?? 'counterpart';
    items.push(separator(`Matching ${label}`));
    for (const f of result.counterparts) items.push(fileItem(f, '$(arrow-swap)'));
    if (missing) {
      const source = vscode.Uri.parse(result.uri);
      items.push({
        label: `$(add) Create ${missing.name}`,
        description: `no matching ${missing.layerLabel} yet`,
        detail: 'Runs the same creation as the quick-fix',
        run: () => vscode.commands.executeCommand('strata.createCounterpart', source),
      });
    }
  }
  addGroups(items, 'Imported by', result.importedBy, '$(arrow-left)');
  addGroups(items, 'Imports', result.imports, '$(arrow-right)');
  return items;
}

function addGroups(items: PickItem[], relation: string, groups: LayerGroup[], icon: string): void {
  for (const group of groups) {
    if (!group.files.length) continue;
    items.push({ label: `${relation} · ${group.layerLabel}`, kind: vscode.QuickPickItemKind.Separator });
    for (const f of group.files) items.push(fileItem(f, icon));
  }
}

function fileItem(f: FileRef, icon: string): PickItem {
  return { label: `${icon} ${f.name}`, description: f.layerLabel, detail: f.relPath, uri: vscode.Uri.parse(f.uri) };
}
