import { lsp, type Connection, type Diagnostic } from './lsp';
import type { AnalyzedFile } from '../core/analysis/analyzedFile';
import type { WorkspaceIndex } from '../core/analysis/workspaceIndex';
import type { SourceSpan } from '../core/extract/python/importStatement';
import { describeViolation } from '../core/report/describeImport';
import { splitLines, withoutTerminator } from '../core/generate/textEdits';
import { describeIgnoreProblem, findIgnoreMarker, findIgnoreProblems, IGNORE_RULES, type IgnoreProblem } from '../core/validate/unusedIgnores';
import type { Violation } from '../core/validate/violation';
import type { BaselineSeverity, Range } from '../protocol/strataProtocol';
import type { Severity } from '../core/ruleset/rulesetConfig';
import type { WorkspaceState } from './workspaceState';

export const DIAGNOSTIC_SOURCE = 'strata';

/** What a diagnostic carries for code actions (`data`), so a client can hand it back. */
export interface ViolationData {
  rule: string;
  target: string;
  fix: string;
}

export function toRange(span: SourceSpan): Range {
  return { start: { line: span.start.line, character: span.start.column }, end: { line: span.end.line, character: span.end.column } };
}

/** A rule's severity (`[rules.X] severity` in the config) as the editor shows it: the CLI's error, warning or info. */
const RULE_DIAGNOSTIC_SEVERITY: Record<Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  info: lsp.DiagnosticSeverity.Information,
};

/**
 * One diagnostic per violation, on the module name the rule is about (the exact span, not the
 * line), with its rule's severity; a violation the baseline knows shows with the
 * `strata.baselineSeverity` it is given.
 */
export function toDiagnostic(index: WorkspaceIndex, file: AnalyzedFile, violation: Violation, severity: lsp.DiagnosticSeverity = RULE_DIAGNOSTIC_SEVERITY[violation.rule.severity]): Diagnostic {
  const data: ViolationData = { rule: violation.rule.id, target: violation.target.module, fix: violation.rule.fix };
  return {
    range: toRange(violation.target.span),
    severity,
    source: DIAGNOSTIC_SOURCE,
    code: violation.rule.id,
    message: describeViolation(index.model, violation, index.isWorkspaceModule(file.rootDir, violation.target.module)),
    data,
  };
}

/** A file's text as the editor has it (open documents) or the disk (the others). */
export type TextSource = (file: string) => string | undefined;

/** Violations and unused ignores known to the baseline, and how they show (`none`: not at all). */
export interface BaselineView {
  baselined(file: AnalyzedFile): Set<Violation>;
  known<T>(filePath: string, findings: readonly { item: T; rule: string; target: string; statement: string }[]): Set<T>;
  severity: BaselineSeverity;
}

const BASELINE_DIAGNOSTIC_SEVERITY = { information: lsp.DiagnosticSeverity.Information, hint: lsp.DiagnosticSeverity.Hint };

export function fileDiagnostics(index: WorkspaceIndex, file: AnalyzedFile, textOf: TextSource, baseline?: BaselineView): Diagnostic[] {
  const known = baseline?.baselined(file) ?? new Set<Violation>();
  const diagnostics: Diagnostic[] = [];
  for (const v of file.check.violations) {
    if (!known.has(v)) diagnostics.push(toDiagnostic(index, file, v));
    else if (baseline && baseline.severity !== 'none') diagnostics.push(toDiagnostic(index, file, v, BASELINE_DIAGNOSTIC_SEVERITY[baseline.severity]));
  }
  const ignores = ignoreDiagnostics(index, file, textOf);
  // Found as the CLI's records are (target: the rule ids, statement: the comment), so the baseline knows them as CI does.
  const knownIgnores = baseline?.known(file.path, ignores.map(({ problem, statement, diagnostic }) => ({ item: diagnostic, rule: problem.rule.id, target: problem.ruleIds.join(', '), statement }))) ?? new Set<Diagnostic>();
  for (const { diagnostic } of ignores) {
    if (!knownIgnores.has(diagnostic)) diagnostics.push(diagnostic);
    else if (baseline && baseline.severity !== 'none') diagnostics.push({ ...diagnostic, severity: BASELINE_DIAGNOSTIC_SEVERITY[baseline.severity] });
  }
  return diagnostics;
}

/**
 * Ignore comments that silence nothing (`unused-ignore`) or name unknown rules (`unknown-rule`):
 * warnings on the comment, shown faded (`Unnecessary`), as the CLI reports them.
 */
export function ignoreDiagnostics(index: WorkspaceIndex, file: AnalyzedFile, textOf: TextSource): { problem: IgnoreProblem; diagnostic: Diagnostic; statement: string }[] {
  if (file.scan.suppressions.length === 0) return [];
  const known = new Set([...index.model.ruleset.rules.map((r) => r.id), ...IGNORE_RULES.map((r) => r.id)]);
  const problems = findIgnoreProblems(file, known, index.checkOptions);
  if (problems.length === 0) return [];
  const lines = splitLines(textOf(file.path) ?? '');
  return problems.map((problem) => {
    const line = withoutTerminator(lines[problem.line] ?? '');
    const marker = findIgnoreMarker(line);
    const data: ViolationData = { rule: problem.rule.id, target: problem.ruleIds.join(', '), fix: problem.rule.fix };
    const diagnostic: Diagnostic = {
      range: { start: { line: problem.line, character: marker?.start ?? 0 }, end: { line: problem.line, character: marker?.end ?? line.length } },
      severity: lsp.DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: problem.rule.id,
      message: describeIgnoreProblem(problem),
      tags: [lsp.DiagnosticTag.Unnecessary],
      data,
    };
    return { problem, diagnostic, statement: line.slice(diagnostic.range.start.character, diagnostic.range.end.character) };
  });
}

/**
 * Sends diagnostics: for open documents always (stamped with the version they were computed
 * for), for other files when they have violations or had some before. Remembers which files
 * have diagnostics showing, so a rebuild can clear the ones that are gone.
 */
export class DiagnosticsPublisher {
  private readonly showing = new Set<string>();
  /** The baseline's view, once the server has read it. */
  baseline: BaselineView | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly state: WorkspaceState,
  ) {}

  publish(files: Iterable<AnalyzedFile>): void {
    for (const file of files) this.publishOne(file);
  }

  clear(paths: Iterable<string>): void {
    for (const file of paths) {
      if (!this.showing.delete(file) && !this.state.isOpen(file)) continue;
      void this.connection.sendDiagnostics({ uri: this.state.uriOf(file), diagnostics: [] });
    }
  }

  /** After a rebuild: every file with violations, and an empty list where diagnostics went away. */
  publishAll(): number {
    const index = this.state.index;
    const stale = new Set(this.showing);
    let published = 0;
    for (const file of index.files()) {
      stale.delete(file.path);
      if (file.check.violations.length > 0 || file.scan.suppressions.length > 0 || this.showing.has(file.path) || this.state.isOpen(file.path)) {
        this.publishOne(file);
        published++;
      }
    }
    this.clear(stale);
    return published;
  }

  private publishOne(file: AnalyzedFile): void {
    const diagnostics = fileDiagnostics(this.state.index, file, (p) => this.state.textOf(p), this.baseline);
    const open = this.state.isOpen(file.path);
    if (diagnostics.length === 0 && !open && !this.showing.has(file.path)) return;
    if (diagnostics.length > 0) this.showing.add(file.path);
    else this.showing.delete(file.path);
    void this.connection.sendDiagnostics({ uri: this.state.uriOf(file.path), version: open ? this.state.openVersion(file.path) : undefined, diagnostics });
  }
}
