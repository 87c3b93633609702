import * as vscode from 'vscode';
import { ServerCommands, type GapNode } from '../../../server/src/protocol/strataProtocol';
import type { StrataServer } from '../connection/strataServer';
import type { ActiveFile } from '../editor/activeFile';
import type { CounterpartPicker } from '../editor/counterparts';
import { statusText } from '../editor/statusBar';
import { domainDescription, type TopologyTreeProvider, type TreeNode } from '../topology/topologyTree';
import type { TopologyStore } from '../topology/topologyStore';

export interface CommandDeps {
  server: StrataServer;
  store: TopologyStore;
  tree: TopologyTreeProvider;
  active: ActiveFile;
  picker: CounterpartPicker;
  output: vscode.LogOutputChannel;
}

/** A domain as commands take it: from a tree row, `{ audience?, domain }`, or picked. */
interface DomainRef {
  audience?: string;
  domain: string;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { server, store, tree, active, picker, output } = deps;
  const reg = (id: string, fn: (arg?: unknown) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await fn(args[0]);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        output.error(`${id} failed: ${message}`);
        void vscode.window.showErrorMessage(`Strata: ${message}`);
        return undefined;
      }
    });

  return [
    reg('strata.goToCounterpart', async (arg?: unknown) => {
      const uri = uriFrom(arg) ?? active.currentUri ?? vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage('Strata: open a Python file of a layer first.');
        return undefined;
      }
      return picker.show(uri);
    }),

    reg('strata.showLayer', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Strata: no file is open.');
        return undefined;
      }
      const info = await server.fileInfo(editor.document.uri);
      const name = editor.document.uri.path.slice(editor.document.uri.path.lastIndexOf('/') + 1);
      let text: string;
      if (!info.layer) {
        text = `${name} is in no layer: Strata does not check it.`;
      } else {
        const rules = info.mayNotImport.map((r) => r.message).join('; ');
        text =
          `${name}: ${statusText(info)}${info.audienceName ? ` (${info.audienceName})` : ''}. ` +
          (rules ? `Rules: ${rules}.` : 'No import rule applies to this layer.') +
          (info.violationCount ? ` ${info.violationCount} violation(s) here.` : '');
      }
      void vscode.window.showInformationMessage(text);
      return text;
    }),

    reg('strata.exportWiringMap', async (arg?: unknown) => {
      const ref = domainFrom(arg) ?? (await pickDomain(store, 'Export the wiring map of…'));
      if (!ref) return undefined;
      const map = await server.wiringMap(ref.domain, ref.audience);
      // An untitled document with the map's file name: nothing is written until saved.
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = folder
        ? vscode.Uri.joinPath(folder, map.fileName).with({ scheme: 'untitled' })
        : vscode.Uri.from({ scheme: 'untitled', path: map.fileName });
      const doc = await vscode.workspace.openTextDocument(target);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), map.markdown);
      await vscode.workspace.applyEdit(edit);
      const shown = await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
      await vscode.window.showTextDocument(shown, { preview: false });
      return shown.uri;
    }),

    reg('strata.checkWorkspace', async () => {
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Strata: checking the workspace' },
        () => server.executeCommand(ServerCommands.checkWorkspace),
      );
      void store.refresh();
      const text =
        summary.violations === 0
          ? `Strata: no violations in ${summary.files} files.`
          : `Strata: ${summary.violations} violation${summary.violations === 1 ? '' : 's'} in ${summary.filesWithViolations} of ${summary.files} files.`;
      void vscode.window.showInformationMessage(text, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return summary;
    }),

    reg('strata.createCounterpart', async (arg?: unknown) => {
      const uri = uriFrom(arg) ?? vscode.window.activeTextEditor?.document.uri;
      const hasCounterparts = uri && (store.places(uri).some((p) => p.file.counterpart) || active.current?.counterpartLayer);
      if (!uri || !hasCounterparts) {
        void vscode.window.showInformationMessage('Strata: "Create Counterpart" works on a file of a layer that has counterparts in the ruleset.');
        return undefined;
      }
      return server.executeCommand(ServerCommands.createCounterpart, uri.toString());
    }),

    reg('strata.closeGap', async (arg?: unknown) => {
      // From a domain row (or `{ domain, audience?, type? }`): that domain's gaps, of that type.
      const only = domainFrom(arg);
      const type = typeof (arg as { type?: unknown } | undefined)?.type === 'string' ? (arg as { type: string }).type : undefined;
      const fixable = store
        .domains()
        .filter((d) => !only || (d.domain === only.domain && d.audience === only.audience))
        .flatMap((domain) => domain.gaps.filter((gap) => gap.command && (!type || gap.type === type)).map((gap) => ({ domain, gap })));
      if (fixable.length === 0) {
        void vscode.window.showInformationMessage(`Strata: no gap${only ? ` of ${only.domain}` : ''} that Strata can close.`);
        return undefined;
      }
      const choice =
        type && fixable.length === 1
          ? fixable[0]
          : await vscode.window.showQuickPick(
              fixable.map(({ domain, gap }) => ({ label: gap.command?.title ?? gap.action, description: domain.domain, detail: gap.description, domain, gap })),
              { placeHolder: 'Close a gap: create what it misses', matchOnDescription: true, matchOnDetail: true },
            );
      if (!choice?.gap.command) return undefined;
      return server.executeCommandRef(choice.gap.command);
    }),

    reg('strata.applyGapAction', async (arg?: unknown) => {
      const gap = gapFrom(arg);
      if (!gap?.command) {
        void vscode.window.showInformationMessage(`Strata: this gap needs a person: ${gap?.action ?? ''}`);
        return undefined;
      }
      return server.executeCommandRef(gap.command);
    }),

    reg('strata.restartServer', async () => {
      await server.restart();
      await store.refresh();
    }),

    reg('strata.refresh', () => store.refresh()),
    reg('strata.showOnlyProblems', () => tree.setOnlyProblems(true)),
    reg('strata.showEverything', () => tree.setOnlyProblems(false)),
  ];
}

function uriFrom(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  const node = arg as TreeNode | undefined;
  if (node && typeof node === 'object' && 'kind' in node && node.kind === 'file') return vscode.Uri.parse(node.file.uri);
  return undefined;
}

function domainFrom(arg: unknown): DomainRef | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as TreeNode;
  if ('kind' in node && node.kind === 'domain') return { audience: node.domain.audience, domain: node.domain.domain };
  const ref = arg as Partial<DomainRef>;
  if (typeof ref.domain === 'string') return { audience: typeof ref.audience === 'string' ? ref.audience : undefined, domain: ref.domain };
  return undefined;
}

function gapFrom(arg: unknown): GapNode | undefined {
  const node = arg as TreeNode | undefined;
  if (node && typeof node === 'object' && 'kind' in node && node.kind === 'gap') return node.gap;
  return undefined;
}

async function pickDomain(store: TopologyStore, placeHolder: string): Promise<DomainRef | undefined> {
  if (!store.current) await store.refresh();
  const all = store.domains();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('Strata: no layered domain in this workspace.');
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    all.map((domain) => {
      const audience = store.audienceOf(domain);
      return {
        label: domain.domain,
        description: `${audience ? `${audience.name} · ` : ''}${domainDescription(domain)}`,
        ref: { audience: domain.audience, domain: domain.domain },
      };
    }),
    { placeHolder, matchOnDescription: true },
  );
  return choice?.ref;
}
