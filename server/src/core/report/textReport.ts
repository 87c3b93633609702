import * as path from 'node:path';
import type { CheckReport, CheckSummary, ReportedViolation } from './checkReport';
import { paint, plural, type ReportContext, type Reporter } from './reporter';

/** One `path:line:col  severity rule message  (fix)` line per violation that is not baselined, then a summary. */
export const textReporter: Reporter = {
  name: 'text',
  description: 'one line per violation, then a summary',
  render(input, context) {
    const report = input.checkReport();
    let out = '';
    for (const v of report.violations) {
      if (v.baselined) continue;
      const where = context.displayPath(path.join(report.baseDir, v.file));
      out += `${paint(context, 36, `${where}:${v.line}:${v.column}`)}  ${severityLabel(v, context)} ${paint(context, 31, v.rule)} ${v.detail}  ${paint(context, 2, `(${v.fix})`)}\n`;
    }
    return context.quiet ? out : out + summaryText(report, context);
  },
};

/** The summary line (and the baseline's news), shared with the github format. */
export function summaryText(report: CheckReport, context: ReportContext): string {
  const s = report.summary;
  let text = summaryLine(s, report.baselineUsed, context);
  if (s.baselineFixed > 0) {
    text += `${paint(context, 32, `${s.baselineFixed} baselined ${plural(s.baselineFixed, 'violation')} ${s.baselineFixed === 1 ? 'is' : 'are'} fixed`)}: --write-baseline drops them\n`;
  }
  return text;
}

function summaryLine(s: CheckSummary, baselineUsed: boolean, context: ReportContext): string {
  const extras: string[] = [];
  if (baselineUsed) extras.push(`${s.baselined} baselined`);
  extras.push(`${s.files} ${plural(s.files, 'file')} checked`);
  if (s.suppressed > 0) extras.push(`${s.suppressed} suppressed`);
  if (s.skipped > 0) extras.push(`${s.skipped} skipped`);
  if (s.violations === 0) return `${paint(context, 32, baselineUsed ? '✔ no new violations' : '✔ no violations')} · ${extras.join(' · ')}\n`;
  const rules = Object.entries(s.byRule).map(([rule, n]) => `${rule} ×${n}`).join(', ');
  const counted = `${s.violations} ${baselineUsed ? 'new ' : ''}${plural(s.violations, 'violation')}`;
  // ✖ when something fails the run; ⚠ for warnings and info alone (they fail it only with --strict).
  const mark = s.errors > 0 ? paint(context, 31, `✖ ${counted}`) : paint(context, 33, `⚠ ${counted}`);
  return `\n${mark} in ${s.filesWithViolations} ${plural(s.filesWithViolations, 'file')} (${rules}) · ${extras.join(' · ')}\n`;
}

function severityLabel(v: ReportedViolation, context: ReportContext): string {
  return paint(context, v.severity === 'error' ? 31 : v.severity === 'warning' ? 33 : 34, v.severity);
}
