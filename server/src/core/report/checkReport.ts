import type { Severity } from '../ruleset/ruleset';
import { compareBytes } from '../ordering';
import type { ViolationRecord } from './violationRecord';

/** A violation as a check reports it: known to the baseline or new, and its line-independent fingerprint. */
export interface ReportedViolation extends ViolationRecord {
  /** Known to the baseline: reported, never failing the run. */
  baselined: boolean;
  /**
   * Stable when lines shift (the baseline's key and the occurrence among equal keys): SARIF's
   * partialFingerprints. Only for a format that shows it (`Reporter.fingerprints`).
   */
  fingerprint?: string;
}

export interface RuleDescription {
  id: string;
  severity: Severity;
  message: string;
  fix: string;
}

export interface CheckSummary {
  files: number;
  /** Files with a violation that is not baselined. */
  filesWithViolations: number;
  /** Violations not baselined. */
  violations: number;
  /** Of those, the ones of severity error (they fail the run). */
  errors: number;
  baselined: number;
  /** Baselined violations that no longer occur. */
  baselineFixed: number;
  suppressed: number;
  skipped: number;
  /** Violations not baselined, per rule id. */
  byRule: Record<string, number>;
}

/** Everything a report format needs about one run of `check`. */
export interface CheckReport {
  /** Absolute folder `ViolationRecord.file` is relative to. */
  baseDir: string;
  /** In file order, then line order; baselined ones included. */
  violations: ReportedViolation[];
  summary: CheckSummary;
  /** Every rule the run applied (the ruleset's and the ignore-comment rules): SARIF lists them. */
  rules: RuleDescription[];
  /** Whether a baseline was in use (formats then say how many it holds). */
  baselineUsed: boolean;
}

export function summarize(violations: readonly ReportedViolation[], counts: { files: number; suppressed: number; skipped: number; baselineFixed: number }): CheckSummary {
  const current = violations.filter((v) => !v.baselined);
  const byRule: Record<string, number> = {};
  for (const v of current) byRule[v.rule] = (byRule[v.rule] ?? 0) + 1;
  return {
    files: counts.files,
    filesWithViolations: new Set(current.map((v) => v.file)).size,
    violations: current.length,
    errors: current.filter((v) => v.severity === 'error').length,
    baselined: violations.length - current.length,
    baselineFixed: counts.baselineFixed,
    suppressed: counts.suppressed,
    skipped: counts.skipped,
    byRule: Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => compareBytes(a, b))),
  };
}
