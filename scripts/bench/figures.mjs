// Small helpers shared by the benchmark scripts.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The phases of the `strata timings: startup 52 ms · discover 23 ms · … · total 380 ms` line a
 * process prints with STRATA_TIMINGS=1, as { startup: 52, discover: 23, …, total: 380 }.
 */
export function parseTimings(stderr) {
  const line = stderr.split('\n').find((l) => l.startsWith('strata timings: '));
  if (!line) return {};
  const phases = {};
  for (const part of line.slice('strata timings: '.length).split(' · ')) {
    const m = /^(\w+) (\d+(?:\.\d+)?) ms$/.exec(part.trim());
    if (m) phases[m[1]] = Number(m[2]);
  }
  return phases;
}

const PHASE_ORDER = ['startup', 'discover', 'read', 'scan', 'resolve', 'check', 'wait', 'report', 'total'];

/** The phases that occur in any of these runs, in pipeline order. */
export function phaseNames(runs) {
  return PHASE_ORDER.filter((p) => runs.some((phases) => p in phases));
}
