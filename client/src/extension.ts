import * as vscode from 'vscode';
import { registerCommands } from './commands/commands';
import { StrataServer } from './connection/strataServer';
import { ActiveFile } from './editor/activeFile';
import { CounterpartPicker } from './editor/counterparts';
import { CounterpartCodeLensProvider } from './editor/counterpartCodeLens';
import { LayerStatusBar } from './editor/statusBar';
import { readSettings } from './settings';
import type { StrataApi } from './testApi';
import { TopologyTreeProvider, type TreeNode } from './topology/topologyTree';
import { TopologyStore } from './topology/topologyStore';

let server: StrataServer | undefined;

export function activate(context: vscode.ExtensionContext): StrataApi {
  const output = vscode.window.createOutputChannel('Strata', { log: true });
  server = new StrataServer(context, output);
  const store = new TopologyStore(server, output);
  const tree = new TopologyTreeProvider(store, context.workspaceState);
  const view = vscode.window.createTreeView<TreeNode>('strata.topology', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  const active = new ActiveFile(server, store, output);
  const statusBar = new LayerStatusBar(active);
  const picker = new CounterpartPicker(server);
  const codeLens = new CounterpartCodeLensProvider(store);

  const updateViewState = () => {
    // The welcome view (package.json viewsWelcome) is chosen by `strata.state`.
    const state =
      store.state === 'failed' ? 'failed' : store.state === 'starting' || store.current?.indexing ? 'indexing' : store.hasLayeredCode ? 'ready' : 'empty';
    void vscode.commands.executeCommand('setContext', 'strata.state', state);
    const t = store.current;
    view.message =
      t?.indexing && store.hasLayeredCode ? 'Indexing…' : store.state === 'failed' && store.current ? `Strata: ${store.error}` : undefined;
  };
  updateViewState();

  /** Follow the active editor: select its file in the tree (without stealing focus). */
  const revealActive = () => {
    if (!view.visible || !readSettings().followActiveEditor) return;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const node = uri && tree.fileNode(uri);
    if (!node) return;
    if (view.selection.length === 1 && view.selection[0].id === node.id) return;
    view.reveal(node, { select: true, focus: false, expand: false }).then(undefined, (err) =>
      output.debug(`reveal ${uri.toString()}: ${String(err)}`),
    );
  };

  context.subscriptions.push(
    output,
    { dispose: () => void server?.dispose() },
    store,
    tree,
    view,
    active,
    statusBar,
    codeLens,
    store.onDidChange(() => {
      updateViewState();
      revealActive();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => revealActive()),
    view.onDidChangeVisibility(() => revealActive()),
    vscode.languages.registerCodeLensProvider({ scheme: 'file', language: 'python' }, codeLens),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('strata.followActiveEditor')) revealActive();
      // moduleLevelOnly reaches the server as workspace/didChangeConfiguration; it answers with
      // strata/topologyChanged. Ask again anyway, in case the version did not move.
      if (e.affectsConfiguration('strata.moduleLevelOnly')) setTimeout(() => void store.refresh(), 200);
    }),
    ...registerCommands({ server, store, tree, active, picker, output }),
  );

  server.start().then(
    () => store.refresh(),
    (err) => {
      store.state = 'failed';
      output.error(`the Strata language server did not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      updateViewState();
    },
  );

  return {
    topologyRows: async () => {
      const rows: string[] = [];
      const walk = async (nodes: TreeNode[], depth: number) => {
        for (const node of nodes) {
          const item = await tree.getTreeItem(node);
          const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
          const description = typeof item.description === 'string' && item.description ? ` — ${item.description}` : '';
          rows.push(`${'  '.repeat(depth)}${label}${description}`);
          await walk(await tree.getChildren(node), depth + 1);
        }
      };
      await walk(await tree.getChildren(), 0);
      return rows;
    },
    topologyVersion: () => store.current?.version,
    topologySelection: () =>
      view.selection.map((node) => {
        const label = tree.getTreeItem(node).label;
        return typeof label === 'string' ? label : label?.label ?? '';
      }),
    statusBarText: () => statusBar.text,
    statusBarTooltip: () => statusBar.tooltipText,
    counterpartPickItems: () => picker.openItems,
    serverRunning: () => server?.running ?? false,
  };
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = undefined;
}
