import * as path from 'node:path';
import { violationRecords, type ViolationRecord } from '../../core/report/violationRecord';
import { displayPath, loadWorkspace } from '../loadWorkspace';
import { paint, type Output } from '../output';
import { UsageError } from '../usageError';
import type { ParsedCommand } from '../parseCommand';

export const checkHelp = `Usage: strata check [dir] [--format text|json|github] [--module-level-only]

Checks every Python file of the layered source roots under dir (default: .) against the
built-in HOC topology (hoc-v1) and lists the imports that break its rules.

Options:
  --format text|json|github
                         text (default): one line per violation, then a summary;
                         json: {"violations":[…],"summary":{…}}, paths relative to dir;
                         github: GitHub Actions annotations (::error file=…), then the summary
  --module-level-only    ignore imports inside functions (they still run, lazily)
  -h, --help             show this help

Silence one rule on one import with a comment on its line: # strata: ignore[L2-L5]

Exit codes: 0 no violations, 1 violations found, 2 usage error or unreadable input.
`;

export function runCheck(command: ParsedCommand, output: Output): number {
  const format = command.string('format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'github') throw new UsageError(`--format must be text, json or github, not '${format}'`);
  const dir = command.positionalOr(0, '.');
  const analysis = loadWorkspace(dir, { moduleLevelOnly: command.flag('module-level-only') }, output);
  const baseDir = path.resolve(dir);
  const records = violationRecords(analysis.index, baseDir, (file) => analysis.inScope(file.path));
  const files = analysis.index.files().filter((file) => analysis.inScope(file.path));
  const summary = {
    files: files.length,
    filesWithViolations: new Set(records.map((r) => r.file)).size,
    violations: records.length,
    suppressed: files.reduce((n, f) => n + f.check.suppressed.length, 0),
    skipped: files.filter((f) => f.skipped).length,
    byRule: countByRule(records),
  };
  if (format === 'json') {
    output.out(JSON.stringify({ violations: records.map(withoutDetail), summary }, null, 2) + '\n');
  } else if (format === 'github') {
    for (const r of records) output.out(githubAnnotation(r, displayPath(path.join(baseDir, r.file))));
    output.out(summaryLine(summary, output));
  } else {
    for (const r of records) {
      const where = displayPath(path.join(baseDir, r.file));
      output.out(`${paint(output, 36, `${where}:${r.line}:${r.column}`)}  ${severityLabel(r, output)} ${paint(output, 31, r.rule)} ${r.detail}  ${paint(output, 2, `(${r.fix})`)}\n`);
    }
    output.out(summaryLine(summary, output));
  }
  // Warnings and info are reported but never fail a run.
  if (records.some((r) => r.severity === 'error')) return 1;
  return analysis.unreadable > 0 ? 2 : 0;
}

function severityLabel(r: ViolationRecord, output: Output): string {
  return paint(output, r.severity === 'error' ? 31 : r.severity === 'warning' ? 33 : 34, r.severity);
}

/** A workflow command GitHub Actions turns into an annotation on the pull request's diff. */
function githubAnnotation(r: ViolationRecord, file: string): string {
  const property = (v: string) => v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const message = `${r.detail} (${r.fix})`.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return `::${r.severity === 'info' ? 'notice' : r.severity} file=${property(file)},line=${r.line},col=${r.column},endLine=${r.endLine},endColumn=${r.endColumn},title=${property(`Strata ${r.rule}`)}::${message}\n`;
}

function withoutDetail(record: ViolationRecord): Omit<ViolationRecord, 'detail'> {
  const { detail: _detail, ...rest } = record;
  return rest;
}

function countByRule(records: ViolationRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.rule] = (counts[r.rule] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function summaryLine(s: { files: number; filesWithViolations: number; violations: number; suppressed: number; skipped: number; byRule: Record<string, number> }, output: Output): string {
  const extras = [`${s.files} ${plural(s.files, 'file')} checked`];
  if (s.suppressed > 0) extras.push(`${s.suppressed} suppressed`);
  if (s.skipped > 0) extras.push(`${s.skipped} skipped`);
  if (s.violations === 0) return `${paint(output, 32, '✔ no violations')} · ${extras.join(' · ')}\n`;
  const rules = Object.entries(s.byRule).map(([rule, n]) => `${rule} ×${n}`).join(', ');
  return `\n${paint(output, 31, `✖ ${s.violations} ${plural(s.violations, 'violation')}`)} in ${s.filesWithViolations} ${plural(s.filesWithViolations, 'file')} (${rules}) · ${extras.join(' · ')}\n`;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
