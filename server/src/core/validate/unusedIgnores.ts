import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { Severity } from '../ruleset/ruleset';
import { isCounted, type CheckOptions } from './checkOptions';

/**
 * The rules about `# strata: ignore[…]` comments themselves. They are not import rules of a
 * ruleset: every ruleset gets them, so their descriptions live here, with the code that applies them.
 */
export const UNUSED_IGNORE = {
  id: 'unused-ignore',
  severity: 'warning' as Severity,
  message: 'This strata: ignore silences nothing',
  fix: 'Remove the ignore (or the rule ids that match nothing)',
};

export const UNKNOWN_RULE = {
  id: 'unknown-rule',
  severity: 'warning' as Severity,
  message: 'This strata: ignore names a rule the ruleset does not have',
  fix: 'Use a rule id of the ruleset (strata explain <file> lists them)',
};

export const IGNORE_RULES = [UNUSED_IGNORE, UNKNOWN_RULE];

/** A problem with one ignore comment: its line (0-based) and the rule ids concerned (empty: the bare form). */
export interface IgnoreProblem {
  rule: typeof UNUSED_IGNORE | typeof UNKNOWN_RULE;
  line: number;
  ruleIds: string[];
  /** Every rule id the comment lists; an unused-ignore whose ids are all of them makes the whole comment removable. */
  listed: readonly string[];
}

/**
 * Ignore comments that silence nothing, and rule ids in them the ruleset does not know. A comment
 * counts for every import statement whose lines it is on (as `checkImports` applies it). Nothing is
 * said about a comment on a statement that is not checked in this run (imports inside functions with
 * module-level-only): it may well be needed when they are.
 */
export function findIgnoreProblems(file: AnalyzedFile, knownRuleIds: ReadonlySet<string>, options: CheckOptions): IgnoreProblem[] {
  if (file.skipped) return [];
  const problems: IgnoreProblem[] = [];
  for (const suppression of file.scan.suppressions) {
    const covers = (span: { start: { line: number }; end: { line: number } }) => span.start.line <= suppression.line && suppression.line <= span.end.line;
    const statements = file.scan.imports.filter((s) => covers(s.span));
    if (statements.some((s) => !s.typeCheckingOnly && !isCounted(s, options))) continue;
    const silenced = file.check.suppressed.filter((v) => covers(v.statement.span));
    const unknown = suppression.rules.filter((id) => !knownRuleIds.has(id));
    if (unknown.length > 0) problems.push({ rule: UNKNOWN_RULE, line: suppression.line, ruleIds: unknown, listed: suppression.rules });
    const unused =
      suppression.rules.length === 0
        ? silenced.length === 0 ? [] : undefined
        : suppression.rules.filter((id) => knownRuleIds.has(id) && !silenced.some((v) => v.rule.id === id));
    if (unused !== undefined && (unused.length > 0 || suppression.rules.length === 0)) {
      problems.push({ rule: UNUSED_IGNORE, line: suppression.line, ruleIds: unused, listed: suppression.rules });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

/** `L5-DB, L2-L5 match nothing here` and the like: the message that names the ids concerned. */
export function describeIgnoreProblem(problem: IgnoreProblem): string {
  const ids = problem.ruleIds.join(', ');
  if (problem.rule === UNKNOWN_RULE) return `${UNKNOWN_RULE.message}: ${ids}`;
  return problem.ruleIds.length === 0 ? `${UNUSED_IGNORE.message}: no rule is broken on this line` : `${UNUSED_IGNORE.message}: ${ids} ${problem.ruleIds.length === 1 ? 'matches' : 'match'} no violation on this line`;
}

/** Where the `# strata: ignore…` marker sits on its line: [start, end) columns and the ids as written. */
export interface IgnoreMarker {
  start: number;
  end: number;
  listed: string[];
}

/** Finds the marker on a line of source (the last one, as the scanner keeps the one a line ends with). */
export function findIgnoreMarker(line: string): IgnoreMarker | undefined {
  const pattern = /#\s*strata\s*:\s*ignore\b(?:\s*\[([^\]]*)\])?/g;
  let found: IgnoreMarker | undefined;
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
    const listed = (m[1] ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
    found = { start: m.index, end: m.index + m[0].length, listed };
  }
  return found;
}
