import * as vscode from 'vscode';
import type { FileInfoResult } from '../../../server/src/protocol/strataProtocol';
import type { ActiveFile } from './activeFile';

/** `$(layers) <layer label> · <domain>` for the active file, in the ruleset's words; hidden for files in no layer. */
export class LayerStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private visible = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(active: ActiveFile) {
    this.item = vscode.window.createStatusBarItem('strata.layer', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Strata Layer';
    this.item.command = { command: 'strata.goToCounterpart', title: 'Go to Counterpart…' };
    this.disposables.push(active.onDidChange((info) => this.render(info)));
    this.render(active.current);
  }

  /** What the status bar shows now (undefined while hidden). */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  get tooltipText(): string | undefined {
    if (!this.visible) return undefined;
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : t?.value;
  }

  private render(info: FileInfoResult | undefined): void {
    if (!info?.layer) {
      this.item.hide();
      this.visible = false;
      return;
    }
    this.item.text = `$(layers) ${statusText(info)}`;
    this.item.tooltip = layerTooltip(info);
    this.item.accessibilityInformation = { label: `Strata layer: ${statusText(info)}`, role: 'button' };
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.item.dispose();
  }
}

/** `<layer label> · <domain>` (no domain for files outside one). */
export function statusText(info: FileInfoResult): string {
  const label = info.layer?.label ?? '';
  return info.domain ? `${label} · ${info.domain}` : label;
}

export function layerTooltip(info: FileInfoResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  const layer = info.layer;
  if (!layer) return md;
  md.appendMarkdown(`**${layer.label}**`);
  if (info.domain) md.appendMarkdown(` · domain **${info.domain}**`);
  md.appendMarkdown('\n\n');
  if (info.audienceName || info.audience) {
    md.appendMarkdown(`Audience: ${info.audienceName ?? ''}${info.audience ? ` (\`${info.audience}\`)` : ''}\n\n`);
  }
  if (layer.role) md.appendMarkdown(`Role: ${layer.role}\n\n`);
  if (info.mayNotImport.length) {
    md.appendMarkdown('May not import:\n');
    for (const r of info.mayNotImport) md.appendMarkdown(`- ${r.message} → ${r.fix} (\`${r.rule}\`)\n`);
    md.appendMarkdown('\nMay import anything else.\n\n');
  } else {
    md.appendMarkdown('May import anything: no import rule applies to this layer.\n\n');
  }
  if (info.violationCount > 0) {
    md.appendMarkdown(`$(error) ${info.violationCount} violation${info.violationCount === 1 ? '' : 's'} in this file\n\n`);
  }
  md.appendMarkdown('Click: Go to Counterpart…');
  return md;
}
