import * as path from 'node:path';
import type { AnalyzedFile } from '../../core/analysis/analyzedFile';
import { movedImportNote, planDriver, type DriverPlan } from '../../core/generate/driverFile';
import { planImportRemoval } from '../../core/generate/importRemoval';
import type { Violation } from '../../core/validate/violation';
import { toDiagnostic } from '../diagnostics';
import type { CodeAction, Diagnostic } from '../lsp';
import type { WorkspaceState } from '../workspaceState';
import { layerLabel, type FixContext } from './fixContext';
import { openAction, pathTaken, planAction, sameDiagnostic, type FixPlan } from './fixPlan';

/**
 * What "Create L6 driver" comes to for a file, shared by the quick-fix and the server command
 * `createDriver` (engine CodeLens, the tree's gap action, the palette), so both do the same:
 * - `open`: drivers to open instead, the matching ones of the domain, or the file already at the
 *   new driver's path (`matching` says which);
 * - `create`: the driver created and the offending imports moved out of the file (see {@link driverCreation});
 * - `outside`: the new driver's path lies outside the file's workspace folder; nothing is created.
 * Undefined when the file has no domain to put a driver in.
 */
export type DriverChoice =
  | { kind: 'open'; plan: DriverPlan; paths: string[]; matching: boolean }
  | { kind: 'create'; plan: DriverPlan; title: string; fix: FixPlan }
  | { kind: 'outside'; plan: DriverPlan };

export function driverChoice(state: WorkspaceState, file: AnalyzedFile, text: string): DriverChoice | undefined {
  const plan = planDriver(state.index, file);
  if (!plan) return undefined;
  if (plan.matching.length > 0) return { kind: 'open', plan, paths: plan.matching.map((d) => d.path), matching: true };
  if (pathTaken(state, plan.path)) return { kind: 'open', plan, paths: [plan.path], matching: false };
  if (!state.mayCreate(plan.path, file.path)) return { kind: 'outside', plan };
  return { kind: 'create', plan, title: `Create ${counterpartLabel(state)} \`${plan.fileName}\``, fix: driverCreation(plan, file.path, text) };
}

/**
 * One edit (one undo step), spec §5: create the driver, and move the offending imports out of the
 * file (`text`, its current text): every statement breaking a driver rule leaves it, a comment in
 * its place saying where it went, so their diagnostics clear. The driver opens beside.
 */
export function driverCreation(plan: DriverPlan, file: string, text: string): FixPlan {
  const removal = planImportRemoval(text, plan.moving, (s) => movedImportNote(s, plan.shownPath));
  return {
    creates: [{ path: plan.path, content: plan.content }],
    edits: removal.length > 0 ? [{ path: file, changes: removal }] : [],
    open: { path: plan.path, options: { beside: true } },
  };
}

/**
 * Database and model imports (L3, L5) and L6/L7 imports in L2: open the matching driver of the
 * file's domain; or create `<stem>_driver.py` and move the offending imports into it
 * ({@link driverChoice}).
 */
export function driverFixes(ctx: FixContext, violation: Violation, diagnostics: Diagnostic[]): CodeAction[] {
  if (!ctx.conventions.driverRules.includes(violation.rule.id)) return [];
  const { state, file } = ctx;
  const choice = driverChoice(state, file, ctx.text);
  if (!choice || choice.kind === 'outside') return [];
  if (choice.kind === 'open') {
    return choice.matching
      ? choice.paths.slice(0, 3).map((p) => openAction(`Open matching ${counterpartLabel(state)} \`${path.basename(p)}\``, p, diagnostics, { beside: true }))
      : [openAction(`Open ${counterpartLabel(state)} \`${choice.plan.fileName}\``, choice.paths[0], diagnostics, { beside: true })];
  }
  // It answers the diagnostics of every statement it moves, not only the one asked about.
  const moving = new Set(choice.plan.moving);
  const answered = [...diagnostics];
  for (const v of file.check.violations) {
    if (!moving.has(v.statement) || !ctx.conventions.driverRules.includes(v.rule.id)) continue;
    const d = toDiagnostic(state.index, file, v);
    if (!answered.some((a) => sameDiagnostic(a, d))) answered.push(d);
  }
  return [planAction(state, ctx.support, choice.title, choice.fix, answered)];
}

/** The ruleset's label of a counterpart's layer (`L6 Driver`): what the titles call the file. */
function counterpartLabel(state: WorkspaceState): string {
  return layerLabel({ state }, state.model.ruleset.counterparts?.driverLayer);
}
