import { conventionsFor } from '../../core/generate/fileConventions';
import type { Violation } from '../../core/validate/violation';
import type { ClientSupport } from '../clientSupport';
import { DIAGNOSTIC_SOURCE, ignoreDiagnostics, toDiagnostic, toRange } from '../diagnostics';
import type { CodeAction, CodeActionParams, Diagnostic } from '../lsp';
import { uriToPath } from '../uris';
import type { WorkspaceState } from '../workspaceState';
import { adapterFixes } from './adapterFix';
import { driverFixes } from './driverFix';
import { facadeFix } from './facadeFix';
import type { FixContext } from './fixContext';
import { QUICKFIX, sameDiagnostic } from './fixPlan';
import { ignoreFixes } from './ignoreFix';
import { openImportersFixes } from './openImportersFix';
import { typeCheckingFixes } from './typeCheckingFix';
import { ignoreRemovalFixes } from './unusedIgnoreFix';

type Range = CodeActionParams['range'];

/**
 * Quick-fixes for the violations in the requested range (or named by the request's
 * diagnostics), each attached to its diagnostic; plus, in an L2 file of a domain without a facade,
 * building that facade (offered on the first line and beside every fix in the file).
 */
export function codeActions(state: WorkspaceState, support: ClientSupport, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && only.length > 0 && !only.some((k) => k === '' || k === QUICKFIX || QUICKFIX.startsWith(k + '.'))) return [];
  const filePath = uriToPath(params.textDocument.uri);
  const file = filePath ? state.index.file(filePath) : undefined;
  const conventions = conventionsFor(state.model.ruleset);
  if (!filePath || !file || file.skipped) return [];
  const text = state.textOf(filePath);
  if (text === undefined) return [];

  const given = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  const picked: { violation: Violation; diagnostic: Diagnostic }[] = [];
  for (const violation of file.check.violations) {
    const range = toRange(violation.target.span);
    const named = given.find((d) => d.code === violation.rule.id && sameRange(d.range, range));
    if (named || overlaps(range, params.range)) picked.push({ violation, diagnostic: named ?? toDiagnostic(state.index, file, violation) });
  }

  const actions: CodeAction[] = [];
  const byTitle = new Map<string, CodeAction>();
  const add = (list: CodeAction[]) => {
    for (const action of list) {
      const same = byTitle.get(action.title);
      if (same) {
        for (const d of action.diagnostics ?? []) if (!same.diagnostics?.some((x) => x === d || sameDiagnostic(x, d))) (same.diagnostics ??= []).push(d);
        continue;
      }
      byTitle.set(action.title, action);
      actions.push(action);
    }
  };
  // Diagnostics of one statement travel together: moving it fixes them all.
  const statementDiagnostics = (v: Violation) => picked.filter((p) => p.violation.statement === v.statement).map((p) => p.diagnostic);
  for (const { violation, diagnostic } of picked) {
    if (conventions) {
      const ctx: FixContext = { state, support, file, text, conventions };
      add(typeCheckingFixes(ctx, violation, statementDiagnostics(violation)));
      add(adapterFixes(ctx, violation, [diagnostic]));
      add(openImportersFixes(ctx, violation, [diagnostic]));
      add(driverFixes(ctx, violation, [diagnostic]));
    }
  }
  for (const { violation, diagnostic } of picked) {
    add(ignoreFixes({ state, support, file, text }, violation, [diagnostic]));
  }
  for (const { problem, diagnostic } of ignoreDiagnostics(state.index, file, () => text)) {
    const named = given.find((d) => d.code === diagnostic.code && sameRange(d.range, diagnostic.range));
    if (named || overlaps(diagnostic.range, params.range)) add(ignoreRemovalFixes({ state, support, file, text }, problem, named ?? diagnostic));
  }
  if (conventions && (picked.length > 0 || params.range.start.line === 0)) {
    const facade = facadeFix({ state, support, file, text, conventions });
    if (facade) add([facade]);
  }
  return actions;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
