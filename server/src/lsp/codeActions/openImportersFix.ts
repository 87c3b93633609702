import * as path from 'node:path';
import { compareBytes } from '../../core/ordering';
import type { Violation } from '../../core/validate/violation';
import { toRange } from '../diagnostics';
import type { CodeAction, Diagnostic } from '../lsp';
import type { FixContext } from './fixContext';
import { openAction } from './fixPlan';

/**
 * The ruleset's `fixes.open-importers` (hoc-v2: "Open L4 handler"): for a violation of one of its
 * rules, open a file of its layer that already imports the target, at that import, so the
 * import can go through it instead. Offered only when there is one (at most three, by path).
 */
export function openImportersFixes(ctx: FixContext, violation: Violation, diagnostics: Diagnostic[]): CodeAction[] {
  const fix = ctx.state.model.ruleset.fixes.openImporters;
  if (!fix || !fix.rules.includes(violation.rule.id)) return [];
  const target = violation.target.module;
  const found: CodeAction[] = [];
  const files = ctx.state.index
    .files()
    .filter((f) => f.placement.layer?.id === fix.layer && f.path !== ctx.file.path)
    .sort((a, b) => compareBytes(a.identity.relPath, b.identity.relPath));
  for (const file of files) {
    const hit = file.imports.find((i) => i.targets.some((t) => t.module === target || t.module.startsWith(`${target}.`)));
    if (!hit) continue;
    found.push(openAction(`${fix.title} \`${path.basename(file.path)}\``, file.path, diagnostics, { selection: toRange(hit.statement.span) }));
    if (found.length === 3) break;
  }
  return found;
}
