import * as vscode from 'vscode';
import type { CounterpartsResult, FileRef, LayerGroup } from '../../../server/src/protocol/strataProtocol';
import type { StrataServer } from '../connection/strataServer';

interface PickItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
  /** Runs instead of opening (create the missing driver). */
  run?: () => Thenable<unknown>;
}

/**
 * "Strata: Go to Counterpart…": a QuickPick grouped by relation (matching driver or engine,
 * files importing this one, files it imports, each by layer); opens the choice.
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
    pick.placeholder = 'Open a related file (matching driver or engine, importers, imports)';
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
  if (result.counterparts.length || result.missingDriver) {
    const heading = result.counterparts[0]?.layer === 'L5_engines' ? 'Matching engine' : 'Matching driver';
    items.push(separator(result.counterparts.length > 1 ? `${heading}s` : heading));
    for (const f of result.counterparts) items.push(fileItem(f, '$(arrow-swap)'));
    if (result.missingDriver) {
      const missing = vscode.Uri.parse(result.missingDriver);
      const fileName = missing.path.slice(missing.path.lastIndexOf('/') + 1);
      const engine = vscode.Uri.parse(result.uri);
      items.push({
        label: `$(add) Create ${fileName}`,
        description: 'no matching L6 driver yet',
        detail: 'Runs the same creation as the quick-fix "Create L6 driver"',
        run: () => vscode.commands.executeCommand('strata.createDriver', engine),
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
