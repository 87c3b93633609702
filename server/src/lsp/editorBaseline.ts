import * as path from 'node:path';
import type { AnalyzedFile } from '../core/analysis/analyzedFile';
import { BASELINE_FILE_NAME, matchBaseline, type BaselineEntry } from '../core/baseline/baseline';
import { readBaseline } from '../host/readBaseline';
import { findProjectRoot } from '../host/projectRoot';
import type { Violation } from '../core/validate/violation';
import { isInside } from '../core/pathInside';

/** One baseline file and its entries by file (paths relative to its folder, as `strata check` writes them). */
interface LoadedBaseline {
  dir: string;
  entriesByFile: Map<string, BaselineEntry[]>;
}

/**
 * The baselines of the workspace folders (`strata-baseline.json` at each folder's project root,
 * as `strata check` finds it), so the editor knows the same violations as known that CI does.
 */
export class EditorBaseline {
  private baselines: LoadedBaseline[] = [];

  /** Reads the baselines again; a file that cannot be used is reported through `onError` and counts as none. */
  load(folders: readonly string[], onError: (message: string) => void): void {
    const dirs = [...new Set(folders.map((f) => findProjectRoot(f)))];
    this.baselines = [];
    for (const dir of dirs) {
      const read = readBaseline(path.join(dir, BASELINE_FILE_NAME));
      if (read === undefined) continue;
      if (!read.ok) {
        onError(read.message);
        continue;
      }
      const entriesByFile = new Map<string, BaselineEntry[]>();
      for (const entry of read.baseline.entries) entriesByFile.set(entry.file, [...(entriesByFile.get(entry.file) ?? []), entry]);
      this.baselines.push({ dir, entriesByFile });
    }
  }

  /** Whether a path is a baseline file Strata reads (a change to it means reading them again). */
  isBaselineFile(file: string): boolean {
    return path.basename(file) === BASELINE_FILE_NAME;
  }

  /** The violations of a file that its baseline knows, matched as `strata check` matches them. */
  baselined(file: AnalyzedFile): Set<Violation> {
    if (file.check.violations.length === 0) return new Set();
    return this.known(file.path, file.check.violations.map((violation) => ({ item: violation, rule: violation.rule.id, target: violation.target.module, statement: violation.statement.text })));
  }

  /**
   * Which findings of a file its baseline knows: its violations, or its ignore comments that
   * silence nothing (`strata check --write-baseline` records those too), by rule, target and statement.
   */
  known<T>(filePath: string, findings: readonly { item: T; rule: string; target: string; statement: string }[]): Set<T> {
    const known = new Set<T>();
    if (findings.length === 0) return known;
    const baseline = this.baselines.find((b) => filePath !== b.dir && isInside(b.dir, filePath));
    if (!baseline) return known;
    const rel = path.relative(baseline.dir, filePath).split(path.sep).join('/');
    const entries = baseline.entriesByFile.get(rel);
    if (!entries) return known;
    const identities = findings.map((finding) => ({ ...finding, file: rel }));
    for (const identity of matchBaseline({ version: 1, entries }, identities, () => false).baselined) known.add(identity.item);
    return known;
  }
}
