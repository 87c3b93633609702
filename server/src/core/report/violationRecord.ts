import * as path from 'node:path';
import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import type { Severity } from '../ruleset/ruleset';
import { describeIgnoreProblem, findIgnoreMarker, type IgnoreProblem } from '../validate/unusedIgnores';
import type { Violation } from '../validate/violation';
import { describeViolation } from './describeImport';

/** A violation as machine-readable reports give it: 1-based lines and columns, paths with `/`. */
export interface ViolationRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  layer: string;
  domain: string | null;
  audience: string | null;
  rule: string;
  severity: Severity;
  message: string;
  fix: string;
  statement: string;
  target: string;
  scope: 'module' | 'function';
  /** The message with what the target is: the text editors and the CLI's text format show. */
  detail: string;
}

/** Records of every violation in the index, files in path order; paths relative to `baseDir`. */
export function violationRecords(index: WorkspaceIndex, baseDir: string, include?: (file: AnalyzedFile) => boolean): ViolationRecord[] {
  const records: ViolationRecord[] = [];
  for (const file of index.files()) {
    if (file.check.violations.length === 0 || (include && !include(file))) continue;
    const where = whereIn(file, baseDir);
    for (const violation of file.check.violations) records.push(toRecord(index, file, where, violation));
  }
  return records;
}

/**
 * Every field written out in one literal (no spread of `where`): a spread copy gets a hidden
 * class of its own, which for a large tree's records was megabytes of shapes and most of the time
 * of making them. The order is the JSON format's: the file and its place first.
 */
function toRecord(index: WorkspaceIndex, file: AnalyzedFile, where: FilePlace, violation: Violation): ViolationRecord {
  const { statement } = violation;
  return {
    file: where.file,
    layer: where.layer,
    domain: where.domain,
    audience: where.audience,
    line: statement.span.start.line + 1,
    column: statement.span.start.column + 1,
    endLine: statement.span.end.line + 1,
    endColumn: statement.span.end.column + 1,
    rule: violation.rule.id,
    severity: violation.rule.severity,
    message: violation.rule.message,
    fix: violation.rule.fix,
    statement: statement.text,
    target: violation.target.module,
    scope: statement.scope,
    detail: describeViolation(index.model, violation, index.isWorkspaceModule(file.rootDir, violation.target.module)),
  };
}

/**
 * A record of an ignore comment that silences nothing or names an unknown rule, on the comment's
 * span (`lineText` is its line). `target` holds the rule ids concerned, `statement` the comment.
 */
export function ignoreProblemRecord(file: AnalyzedFile, problem: IgnoreProblem, lineText: string, baseDir: string): ViolationRecord {
  const marker = findIgnoreMarker(lineText);
  const start = marker?.start ?? 0;
  const end = marker?.end ?? lineText.length;
  const where = whereIn(file, baseDir);
  return {
    file: where.file,
    layer: where.layer,
    domain: where.domain,
    audience: where.audience,
    line: problem.line + 1,
    column: start + 1,
    endLine: problem.line + 1,
    endColumn: end + 1,
    rule: problem.rule.id,
    severity: problem.rule.severity,
    message: problem.rule.message,
    fix: problem.rule.fix,
    statement: lineText.slice(start, end),
    target: problem.ruleIds.join(', '),
    scope: 'module',
    detail: describeIgnoreProblem(problem),
  };
}

/** The fields of a record that depend on its file alone (made once per file). */
type FilePlace = Pick<ViolationRecord, 'file' | 'layer' | 'domain' | 'audience'>;

/** The file's path (relative to `baseDir`, with `/`) and its place in the layers. */
function whereIn(file: AnalyzedFile, baseDir: string): FilePlace {
  return {
    file: path.relative(baseDir, file.path).split(path.sep).join('/'),
    layer: file.placement.layer?.id ?? '',
    domain: file.placement.domain ?? file.placement.groupingStem ?? null,
    audience: file.placement.audience ?? null,
  };
}
