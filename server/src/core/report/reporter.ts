import type { CheckReport } from './checkReport';

/** What a format needs from where it is shown, beyond the report itself. */
export interface ReportContext {
  /** ANSI colours (a person at a terminal). */
  color: boolean;
  /** How a file is named to the reader: an absolute path in, a clickable path out. */
  displayPath(absolutePath: string): string;
  /** The folder SARIF's `%SRCROOT%` stands for (where the run was started, usually the repository). */
  sourceRoot: string;
  tool: { name: string; version: string; informationUri: string };
  /** Errors only, nothing else: no summary. */
  quiet: boolean;
}

/** One report format of `strata check`. */
export interface Reporter {
  name: string;
  render(report: CheckReport, context: ReportContext): string;
}

export function paint(context: { color: boolean }, code: number, text: string): string {
  return context.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
