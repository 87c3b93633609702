import type { Ruleset } from '../ruleset/ruleset';
import type { Topology } from '../topology/topology';
import type { CheckReport } from './checkReport';

/**
 * What a run gives its reporter. The parts cost different amounts to build, and each format reads
 * only some (the check formats the violations, the map the domains), so each part is built the
 * first time a reporter asks for it, and once: only the map pays for the topology.
 */
export interface ReportInput {
  readonly ruleset: Ruleset;
  /** The run's violations (baselined ones marked), its summary and the rules it applied. */
  checkReport(): CheckReport;
  /** The domains the run covers, audience → domain → layers, with their gaps and violations. */
  topology(): Topology;
}

/** A `ReportInput` whose parts are built by `build` when first asked for, then kept. */
export function lazyReportInput(ruleset: Ruleset, build: { checkReport: () => CheckReport; topology: () => Topology }): ReportInput {
  let checkReport: CheckReport | undefined;
  let topology: Topology | undefined;
  return {
    ruleset,
    checkReport: () => (checkReport ??= build.checkReport()),
    topology: () => (topology ??= build.topology()),
  };
}

/** What a format needs from where it is shown, beyond the run itself. */
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

/** A document of a report written into a folder: its file name there and its text. */
export interface ReportDocument {
  name: string;
  text: string;
}

/**
 * One report format (`--format <name>`). Every format renders one document, for standard output;
 * a format whose report is naturally several files (the wiring map: one per domain and an index
 * linking them) also renders them as named documents, which the CLI writes into a folder (`--out`).
 */
export interface Reporter {
  name: string;
  /** What the format gives, in a few words for `--help`. */
  description: string;
  render(input: ReportInput, context: ReportContext): string;
  /**
   * Whether the format shows each violation's fingerprint (SARIF's `partialFingerprints`): only
   * then does a run compute them (a SHA-256 each).
   */
  fingerprints?: boolean;
  /**
   * The same document as `render`, in pieces, in order: for a format whose document grows with
   * the violations, so that standard output gets it as it is made and it is never whole in memory.
   */
  pieces?(input: ReportInput, context: ReportContext): Iterable<string>;
  documents?(input: ReportInput, context: ReportContext): ReportDocument[];
}

export function paint(context: { color: boolean }, code: number, text: string): string {
  return context.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
