import * as path from 'node:path';
import type { ReportedViolation } from './checkReport';
import type { Reporter } from './reporter';
import { summaryText } from './textReport';

/** GitHub Actions workflow commands: an annotation on the pull request's diff per new violation, then the summary. */
export const githubReporter: Reporter = {
  name: 'github',
  description: 'GitHub Actions annotations (::error file=…), then the summary',
  render(input, context) {
    const report = input.checkReport();
    let out = '';
    for (const v of report.violations) if (!v.baselined) out += annotation(v, context.displayPath(path.join(report.baseDir, v.file)));
    return context.quiet ? out : out + summaryText(report, { ...context, color: false });
  },
};

function annotation(v: ReportedViolation, file: string): string {
  const property = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const message = `${v.detail} (${v.fix})`.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const command = v.severity === 'info' ? 'notice' : v.severity;
  return `::${command} file=${property(file)},line=${v.line},col=${v.column},endLine=${v.endLine},endColumn=${v.endColumn},title=${property(`Strata ${v.rule}`)}::${message}\n`;
}
