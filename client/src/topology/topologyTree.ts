import * as vscode from 'vscode';
import type {
  AudienceNode,
  DomainNode,
  FileNode,
  GapNode,
  LayerNode,
  ViolationNode,
} from '../../../server/src/protocol/strataProtocol';
import { normalizeUri, type TopologyStore } from './topologyStore';

/** One row of the Topology view. Ids are stable across refreshes, so VS Code keeps expansion state. */
export type TreeNode =
  | { kind: 'audience'; id: string; parent?: undefined; audience: AudienceNode; domainCount: number; children: TreeNode[] }
  | { kind: 'domain'; id: string; parent?: TreeNode; audience?: AudienceNode; domain: DomainNode; children: TreeNode[] }
  | { kind: 'layer'; id: string; parent: TreeNode; domain: DomainNode; layer: LayerNode; children: TreeNode[] }
  | { kind: 'file'; id: string; parent: TreeNode; domain: DomainNode; layer: LayerNode; file: FileNode; children: TreeNode[] }
  | { kind: 'gaps'; id: string; parent: TreeNode; domain: DomainNode; children: TreeNode[] }
  | { kind: 'gap'; id: string; parent: TreeNode; domain: DomainNode; gap: GapNode; children: TreeNode[] }
  | { kind: 'violations'; id: string; parent: TreeNode; domain: DomainNode; children: TreeNode[] }
  | { kind: 'violation'; id: string; parent: TreeNode; domain: DomainNode; violation: ViolationNode; children: TreeNode[] }
  | { kind: 'message'; id: string; parent?: undefined; text: string; children: TreeNode[] };

export type DomainTreeNode = Extract<TreeNode, { kind: 'domain' }>;
export type FileTreeNode = Extract<TreeNode, { kind: 'file' }>;
export type GapTreeNode = Extract<TreeNode, { kind: 'gap' }>;

const ONLY_PROBLEMS_KEY = 'strata.onlyProblems';

/**
 * domain → layers (report order) → files, plus a Gaps and a Violations node per domain; under
 * an audience level when the ruleset has audiences. Every word comes from the server.
 * The whole node model is rebuilt from the store on each change (it is small), with the
 * "only problems" filter applied while building.
 */
export class TopologyTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private roots: TreeNode[] = [];
  private fileNodes = new Map<string, FileTreeNode[]>();
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private onlyProblemsValue: boolean;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly store: TopologyStore,
    private readonly memento: vscode.Memento,
  ) {
    this.onlyProblemsValue = memento.get<boolean>(ONLY_PROBLEMS_KEY, false);
    void vscode.commands.executeCommand('setContext', ONLY_PROBLEMS_KEY, this.onlyProblemsValue);
    this.disposables.push(store.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  get onlyProblems(): boolean {
    return this.onlyProblemsValue;
  }

  async setOnlyProblems(on: boolean): Promise<void> {
    this.onlyProblemsValue = on;
    await this.memento.update(ONLY_PROBLEMS_KEY, on);
    await vscode.commands.executeCommand('setContext', ONLY_PROBLEMS_KEY, on);
    this.rebuild();
  }

  /** The file's row (first domain listing it), for reveal; undefined when filtered out or unknown. */
  fileNode(uri: vscode.Uri): FileTreeNode | undefined {
    return this.fileNodes.get(normalizeUri(uri))?.[0];
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? node.children : this.roots;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'audience':
        return audienceItem(node);
      case 'domain':
        return domainItem(node);
      case 'layer':
        return layerItem(node);
      case 'file':
        return fileItem(node);
      case 'gaps':
        return groupItem(node, 'Gaps', node.domain.gaps.length, 'warning', 'list.warningForeground');
      case 'gap':
        return gapItem(node);
      case 'violations':
        return groupItem(node, 'Violations', node.domain.violations.length, 'error', 'list.errorForeground');
      case 'violation':
        return violationItem(node);
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
        return item;
      }
    }
  }

  private rebuild(): void {
    const fileNodes = new Map<string, FileTreeNode[]>();
    const roots: TreeNode[] = [];
    const only = this.onlyProblemsValue;
    const result = this.store.current;
    const audienceNodes = new Map<string, Extract<TreeNode, { kind: 'audience' }>>();
    for (const audience of result?.audiences ?? []) {
      const count = result?.domains.filter((d) => d.audience === audience.id).length ?? 0;
      audienceNodes.set(audience.id, { kind: 'audience', id: `a:${audience.id}`, audience, domainCount: count, children: [] });
    }
    for (const domain of result?.domains ?? []) {
      if (only && domain.violationCount === 0 && domain.gapCount === 0) continue;
      const aNode = domain.audience === undefined ? undefined : audienceNodes.get(domain.audience);
      const key = `${domain.audience ?? ''}/${domain.domain}`;
      const dNode: DomainTreeNode = { kind: 'domain', id: `d:${key}`, parent: aNode, audience: aNode?.audience, domain, children: [] };
      const gapFiles = new Set(domain.gaps.flatMap((g) => (g.file ? [normalizeUri(g.file)] : [])));
      for (const layer of domain.layers) {
        const lNode: TreeNode = { kind: 'layer', id: `l:${key}/${layer.id}`, parent: dNode, domain, layer, children: [] };
        for (const file of layer.files) {
          const uri = normalizeUri(file.uri);
          if (only && file.violationCount === 0 && !gapFiles.has(uri)) continue;
          const fNode: FileTreeNode = { kind: 'file', id: `f:${key}/${file.relPath}`, parent: lNode, domain, layer, file, children: [] };
          lNode.children.push(fNode);
          const list = fileNodes.get(uri) ?? [];
          list.push(fNode);
          fileNodes.set(uri, list);
        }
        if (only && layer.state !== 'missing' && lNode.children.length === 0) continue;
        dNode.children.push(lNode);
      }
      const gNode: TreeNode = { kind: 'gaps', id: `gs:${key}`, parent: dNode, domain, children: [] };
      domain.gaps.forEach((gap, i) => {
        gNode.children.push({ kind: 'gap', id: `g:${key}/${i}:${gap.type}:${gap.creates ?? gap.file ?? ''}`, parent: gNode, domain, gap, children: [] });
      });
      const vNode: TreeNode = { kind: 'violations', id: `vs:${key}`, parent: dNode, domain, children: [] };
      domain.violations.forEach((violation) => {
        const at = `${violation.uri}:${violation.range.start.line}:${violation.range.start.character}:${violation.rule}`;
        vNode.children.push({ kind: 'violation', id: `v:${key}/${at}`, parent: vNode, domain, violation, children: [] });
      });
      if (!only || gNode.children.length) dNode.children.push(gNode);
      if (!only || vNode.children.length) dNode.children.push(vNode);
      if (aNode) aNode.children.push(dNode);
      else roots.push(dNode);
    }
    for (const aNode of audienceNodes.values()) if (aNode.children.length) roots.push(aNode);
    if (only && roots.length === 0 && this.store.hasLayeredCode) {
      roots.push({ kind: 'message', id: 'm:no-problems', text: 'No violations and no gaps', children: [] });
    }
    this.roots = roots;
    this.fileNodes = fileNodes;
    this.changed.fire(undefined);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.changed.dispose();
  }
}

// ---------------------------------------------------------------- tree items

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function domainDescription(domain: DomainNode): string {
  const baselined = domain.baselinedCount > 0 ? ` · ${domain.baselinedCount} baselined` : '';
  return `${plural(domain.violationCount, 'violation')}${baselined} · ${plural(domain.gapCount, 'gap')}`;
}

function audienceItem(node: Extract<TreeNode, { kind: 'audience' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.audience.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = `${node.audience.id} · ${plural(node.domainCount, 'domain')}`;
  item.iconPath = new vscode.ThemeIcon('organization');
  item.contextValue = 'strata.audience';
  return item;
}

function domainItem(node: DomainTreeNode): vscode.TreeItem {
  const { domain } = node;
  const item = new vscode.TreeItem(domain.domain, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = domainDescription(domain);
  item.iconPath =
    domain.violationCount > 0
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
      : domain.gapCount > 0
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(domain.domain)}**${node.audience ? ` · ${escapeMd(node.audience.name)}` : ''}\n\n`);
  md.appendMarkdown(`${plural(domain.fileCount, 'file')} · ${plural(domain.violationCount, 'violation')} · ${plural(domain.gapCount, 'gap')}`);
  item.tooltip = md;
  item.contextValue = 'strata.domain';
  return item;
}

function layerDescription(layer: LayerNode): string {
  const count = plural(layer.files.length, 'file');
  return layer.state === 'missing' ? `${count} · GAP` : count;
}

function layerItem(node: Extract<TreeNode, { kind: 'layer' }>): vscode.TreeItem {
  const { layer } = node;
  const item = new vscode.TreeItem(
    layer.heading,
    node.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.description = layerDescription(layer);
  switch (layer.state) {
    case 'present':
      item.iconPath = new vscode.ThemeIcon('layers');
      item.tooltip = `${layer.heading}: ${plural(layer.files.length, 'file')}`;
      break;
    case 'missing':
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.tooltip = `${layer.heading}: GAP — this layer is missing (see Gaps)`;
      break;
    default:
      item.iconPath = new vscode.ThemeIcon('circle-small');
      item.tooltip = `${layer.heading}: empty`;
  }
  item.contextValue = `strata.layer.${layer.state}`;
  return item;
}

/** `→ <counterpart layer> ✅` / `❌` for files of a layer with counterparts, and the violation count. */
export function fileDescription(file: FileNode): string {
  const parts: string[] = [];
  if (file.counterpart) parts.push(`→ ${file.counterpart.layerLabel} ${file.counterpart.files.length > 0 ? '✅' : '❌'}`);
  if (file.violationCount > 0) parts.push(plural(file.violationCount, 'violation'));
  return parts.join(' · ');
}

function fileItem(node: FileTreeNode): vscode.TreeItem {
  const { file, domain } = node;
  const uri = vscode.Uri.parse(file.uri);
  const item = new vscode.TreeItem(file.name, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.resourceUri = uri;
  item.description = fileDescription(file);
  item.iconPath =
    file.violationCount > 0 ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')) : vscode.ThemeIcon.File;
  item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(file.relPath)}**\n\n${escapeMd(node.layer.heading)} · ${escapeMd(domain.domain)}\n\n`);
  const counterpart = file.counterpart;
  if (counterpart) {
    const label = escapeMd(counterpart.layerLabel);
    if (counterpart.files.length) {
      md.appendMarkdown(`${label}: ${counterpart.files.map((d) => code(baseName(d))).join(', ')}\n\n`);
    } else {
      md.appendMarkdown(`${label}: none matches — would be ${code(counterpart.newFileName)}${counterpart.needed ? ' (needed by its imports)' : ''}\n\n`);
    }
  }
  const key = normalizeUri(uri);
  const violations = domain.violations.filter((v) => normalizeUri(v.uri) === key);
  if (violations.length) {
    md.appendMarkdown(`${plural(violations.length, 'violation')}:\n`);
    for (const v of violations) {
      md.appendMarkdown(`- line ${v.range.start.line + 1}: ${escapeMd(v.message)} — ${code(v.statement)}\n`);
    }
  } else if (file.violationCount > 0) {
    md.appendMarkdown(plural(file.violationCount, 'violation'));
  } else {
    md.appendMarkdown('No violations');
  }
  item.tooltip = md;
  item.contextValue = !counterpart ? 'strata.file' : counterpart.files.length ? 'strata.file.paired' : 'strata.file.unpaired';
  return item;
}

function groupItem(node: TreeNode, label: string, count: number, icon: string, color: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = count ? String(count) : 'none';
  item.iconPath = count ? new vscode.ThemeIcon(icon, new vscode.ThemeColor(color)) : new vscode.ThemeIcon('pass');
  item.contextValue = `strata.${label.toLowerCase()}`;
  return item;
}

function gapItem(node: GapTreeNode): vscode.TreeItem {
  const { gap } = node;
  const item = new vscode.TreeItem(gap.description, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = gap.action;
  item.iconPath = gap.command ? new vscode.ThemeIcon('lightbulb-autofix') : new vscode.ThemeIcon('info');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(gap.type)}** — ${escapeMd(gap.description)}\n\nAction: ${escapeMd(gap.action)}`);
  if (gap.command) md.appendMarkdown(`\n\nRight-click → **${escapeMd(gap.command.title)}** does it (same as the quick-fix).`);
  item.tooltip = md;
  if (gap.file) {
    item.command = { command: 'vscode.open', title: 'Open File', arguments: [vscode.Uri.parse(gap.file)] };
  }
  item.contextValue = gap.command ? 'strata.gap.fixable' : 'strata.gap';
  return item;
}

function violationItem(node: Extract<TreeNode, { kind: 'violation' }>): vscode.TreeItem {
  const v = node.violation;
  const uri = vscode.Uri.parse(v.uri);
  const item = new vscode.TreeItem(`${baseName(v.uri)}:${v.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = v.message;
  item.iconPath = v.baselined ? new vscode.ThemeIcon('info') : new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  const range = new vscode.Range(v.range.start.line, v.range.start.character, v.range.end.line, v.range.end.character);
  item.command = { command: 'vscode.open', title: 'Open Import', arguments: [uri, { selection: range }] };
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(v.rule)}** — ${escapeMd(v.message)}\n\n`);
  md.appendCodeblock(v.statement, 'python');
  md.appendMarkdown(`\nTarget: ${code(v.target)}\n\nFix: ${escapeMd(v.fix)}`);
  item.tooltip = md;
  item.contextValue = 'strata.violation';
  return item;
}

function baseName(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A Markdown code span (no escapes inside one). */
function code(text: string): string {
  const fence = text.includes('`') ? '`` ' : '`';
  return `${fence}${text}${fence.split('').reverse().join('')}`;
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
