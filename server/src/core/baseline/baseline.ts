import { compareBytes } from '../ordering';
import { violationKey, normalizeStatement, type ViolationIdentity } from './violationKey';

/** The file `strata check --write-baseline` writes at the project root, next to the config. */
export const BASELINE_FILE_NAME = 'strata-baseline.json';

/** One known violation (or several identical ones in one file: `count`). */
export interface BaselineEntry extends ViolationIdentity {
  count: number;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

/**
 * A baseline file's text read: its entries, or why it cannot be used (the CLI says so and stops
 * rather than guess; the editor says so and counts it as none).
 */
export type BaselineRead = { ok: true; baseline: Baseline } | { ok: false; message: string };

/**
 * Builds the baseline of a set of violations: one entry per identity with its count, sorted
 * (file, rule, target, statement), so the same violations always give the same file.
 */
export function baselineOf(identities: Iterable<ViolationIdentity>): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const identity of identities) {
    const key = violationKey(identity);
    const entry = byKey.get(key);
    if (entry) entry.count++;
    else byKey.set(key, { file: identity.file, rule: identity.rule, target: identity.target, statement: normalizeStatement(identity.statement), count: 1 });
  }
  const entries = [...byKey.values()].sort(
    (a, b) => compareBytes(a.file, b.file) || compareBytes(a.rule, b.rule) || compareBytes(a.target, b.target) || compareBytes(a.statement, b.statement),
  );
  return { version: 1, entries };
}

/** The file's text: two-space JSON, one key order, a final newline. */
export function formatBaseline(baseline: Baseline): string {
  const entries = baseline.entries.map((e) => ({ file: e.file, rule: e.rule, target: e.target, statement: e.statement, count: e.count }));
  return JSON.stringify({ version: baseline.version, violations: entries }, null, 2) + '\n';
}

/** A baseline file's text (`file` names it in messages). Never throws: a text that is not a usable baseline is a message. */
export function parseBaseline(file: string, text: string): BaselineRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the baseline ${file} is not valid JSON (${(error as Error).message}); write it again with --write-baseline` };
  }
  const violations = (data as { violations?: unknown } | null)?.violations;
  if ((data as { version?: unknown } | null)?.version !== 1 || !Array.isArray(violations)) {
    return { ok: false, message: `the baseline ${file} is not a Strata baseline (expected {"version": 1, "violations": […]}); write it again with --write-baseline` };
  }
  const entries: BaselineEntry[] = [];
  for (let i = 0; i < violations.length; i++) {
    const v = violations[i] as Record<string, unknown> | null;
    const ok = v && typeof v.file === 'string' && typeof v.rule === 'string' && typeof v.target === 'string' && typeof v.statement === 'string' && Number.isInteger(v.count) && (v.count as number) > 0;
    if (!ok) return { ok: false, message: `the baseline ${file}: entry ${i + 1} needs file, rule, target, statement (strings) and count (a positive integer)` };
    entries.push({ file: v.file as string, rule: v.rule as string, target: v.target as string, statement: v.statement as string, count: v.count as number });
  }
  return { ok: true, baseline: { version: 1, entries } };
}

/**
 * Which violations the baseline knows. Each entry absorbs up to `count` violations of its
 * identity, in the order given (file order, then line); the rest are new. `fixed` counts the
 * known violations that no longer occur, among the entries `inScope` keeps (a run on some
 * files says nothing about the others).
 */
export function matchBaseline<T extends ViolationIdentity>(
  baseline: Baseline,
  violations: readonly T[],
  inScope: (entry: BaselineEntry) => boolean,
): { baselined: Set<T>; fixed: number } {
  const remaining = new Map<string, number>();
  for (const entry of baseline.entries) {
    const key = violationKey(entry);
    remaining.set(key, (remaining.get(key) ?? 0) + entry.count);
  }
  const baselined = new Set<T>();
  for (const violation of violations) {
    const key = violationKey(violation);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      baselined.add(violation);
      remaining.set(key, left - 1);
    }
  }
  let fixed = 0;
  const counted = new Set<string>();
  for (const entry of baseline.entries) {
    const key = violationKey(entry);
    if (counted.has(key) || !inScope(entry)) continue;
    counted.add(key);
    fixed += remaining.get(key) ?? 0;
  }
  return { baselined, fixed };
}
