import type { AnalyzedFile } from '../core/analysis/analyzedFile';
import type { WorkspaceIndex } from '../core/analysis/workspaceIndex';
import { fileOfModule } from '../core/generate/domainFiles';
import type { LayerModel } from '../core/layers/layerModel';
import { withArticle } from '../core/report/article';
import { describePlacement, describeTarget } from '../core/report/describeImport';
import type { ImportTarget, ResolvedImport } from '../core/resolve/resolvedImport';
import type { ImportRule, TargetMatcher } from '../core/ruleset/ruleset';
import { isCounted, type CheckOptions } from '../core/validate/checkOptions';
import { toRange } from './diagnostics';
import type { Hover } from './lsp';
import type { WorkspaceState } from './workspaceState';

interface Position {
  line: number;
  character: number;
}

/** Hover: on an import, what it loads and the verdict; on the first line, the file's own place and rules. */
export function hoverAt(state: WorkspaceState, filePath: string, position: Position): Hover | null {
  const index = state.index;
  const file = index.file(filePath);
  if (!file) return null;
  const hit = importAt(file, position);
  if (hit) return { contents: { kind: 'markdown', value: importHover(state, file, hit.resolved, hit.target) }, range: toRange(hit.target?.span ?? hit.resolved.statement.span) };
  if (position.line === 0) {
    return {
      contents: { kind: 'markdown', value: fileHover(index.model, file) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLineLength(state, filePath) } },
    };
  }
  return null;
}

/** The import statement at a position, and the target under it (the from-module when between names). */
export function importAt(file: AnalyzedFile, position: Position): { resolved: ResolvedImport; target?: ImportTarget } | undefined {
  for (const resolved of file.imports) {
    const span = resolved.statement.span;
    if (!within(span, position)) continue;
    const target = resolved.targets.find((t) => within(t.span, position)) ?? resolved.targets[0];
    return { resolved, target };
  }
  return undefined;
}

function importHover(state: WorkspaceState, file: AnalyzedFile, resolved: ResolvedImport, target: ImportTarget | undefined): string {
  const index = state.index;
  const model = index.model;
  const lines: string[] = [];
  if (target) {
    const targetFile = fileOfModule(index, file.rootDir, target.module);
    const name = targetFile ? `[\`${target.module}\`](${state.uriOf(targetFile.path)})` : `\`${target.module}\``;
    const isWorkspace = index.isWorkspaceModule(file.rootDir, target.module);
    const placement = model.classifyModule(target.module);
    const audience = placement.layer ? model.audienceName(placement.audience) : undefined;
    lines.push(`${name} is ${describeTarget(model, target.module, isWorkspace)}${audience ? ` · ${audience}` : ''}`);
  } else {
    lines.push(`\`${resolved.statement.text}\``);
  }
  lines.push('', verdict(index, file, resolved, state.checkOptions));
  return lines.join('\n');
}

function verdict(index: WorkspaceIndex, file: AnalyzedFile, resolved: ResolvedImport, options: CheckOptions): string {
  const { statement } = resolved;
  if (statement.typeCheckingOnly) return '✔ **exempt**: under `TYPE_CHECKING`, never runs';
  if (!file.placement.layer) return '✔ not checked: this file is in no layer';
  if (!isCounted(statement, options)) return `✔ not checked: imported inside \`${statement.functionName ?? 'a function'}()\` (\`strata.moduleLevelOnly\`)`;
  if (resolved.problem) return `⚠ ${resolved.problem}`;
  const broken = file.check.violations.filter((v) => v.statement === statement);
  if (broken.length > 0) {
    const lazy = statement.scope === 'function' ? ` (imported inside \`${statement.functionName ?? 'a function'}()\`)` : '';
    return broken.map((v) => `✖ **${v.rule.id}** ${v.rule.message}${lazy}  \nFix: ${v.rule.fix}`).join('\n\n');
  }
  const silenced = file.check.suppressed.filter((v) => v.statement === statement);
  if (silenced.length > 0) return `✔ silenced here by \`# strata: ignore[${silenced.map((v) => v.rule.id).join(', ')}]\` (${silenced.map((v) => v.rule.message).join('; ')})`;
  return `✔ **allowed** for ${withArticle(file.placement.layer.label)}`;
}

/** The file's place, role, and what its layer may and may not import. */
export function fileHover(model: LayerModel, file: AnalyzedFile): string {
  const layer = file.placement.layer;
  if (!layer) return `**Not in any layer**: \`${file.identity.module}\`  \nStrata does not check this file's imports.`;
  const lines = [`**${describePlacement(model, file)}**: \`${file.identity.module}\`  `, `${capitalise(layer.role)}`, ''];
  const rules = model.rulesFor(layer.id);
  if (rules.length === 0) {
    lines.push('**May import** anything: no rule restricts this layer.');
    return lines.join('\n');
  }
  lines.push(`**May import:** ${mayImport(model, rules)}  `, '**May not import:**');
  for (const rule of rules) lines.push(`- ${rule.forbid.map((m) => describeMatcher(model, m)).join('; ')}: ${rule.message} → ${rule.fix} (\`${rule.id}\`)`);
  return lines.join('\n');
}

function mayImport(model: LayerModel, rules: ImportRule[]): string {
  // Only targets forbidden outright take a layer off the list (not those of another domain only, say).
  const outright = rules.flatMap((r) => r.forbid).filter((m) => !m.names && !m.domain && !m.modules && !m.namePrefixes);
  const forbiddenLayers = new Set(outright.flatMap((m) => m.layers ?? []));
  const allowed = model.ruleset.layerOrder.filter((id) => !forbiddenLayers.has(id)).map((id) => model.layer(id)?.heading ?? id);
  const modules = rules.flatMap((r) => r.forbid).filter((m) => !m.names && !m.domain && !m.layers).flatMap((m) => [...(m.modules ?? []), ...(m.namePrefixes ?? []).map((p) => `${p}…`)]);
  const external = modules.length > 0 ? `other packages except ${[...new Set(modules)].map((m) => `\`${m}\``).join(', ')}` : 'other packages';
  return [...allowed, external].join(', ');
}

function describeMatcher(model: LayerModel, matcher: TargetMatcher): string {
  const parts: string[] = [];
  if (matcher.layers) parts.push(matcher.layers.map((id) => model.layer(id)?.heading ?? id).join(', '));
  const modules = [...(matcher.modules ?? []).map((m) => `\`${m}\``), ...(matcher.namePrefixes ?? []).map((p) => `\`${p}…\``)];
  if (matcher.names) parts.push(`${matcher.names.map((n) => `\`${n}\``).join(', ')}${modules.length > 0 ? ` from ${modules.join(', ')}` : ''}`);
  else if (modules.length > 0) parts.push(modules.join(', '));
  if (matcher.domain) parts.push(matcher.domain === 'other' ? 'of another domain' : 'of the same domain');
  return parts.join(' ');
}

function within(span: { start: { line: number; column: number }; end: { line: number; column: number } }, p: Position): boolean {
  const afterStart = p.line > span.start.line || (p.line === span.start.line && p.character >= span.start.column);
  const beforeEnd = p.line < span.end.line || (p.line === span.end.line && p.character <= span.end.column);
  return afterStart && beforeEnd;
}

function firstLineLength(state: WorkspaceState, filePath: string): number {
  const text = state.textOf(filePath) ?? '';
  const end = text.search(/\r|\n/);
  return end < 0 ? text.length : end;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
