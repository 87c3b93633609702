/**
 * Where a run's time goes, by phase, when asked for (`STRATA_TIMINGS=1`; the shells print it):
 * discover, read (open, read, decode), scan, resolve, check, report. Off, each call is one branch,
 * so the phases are measured in the very runs the benchmark times.
 *
 * Times are the calling thread's: with a worker thread (large trees, see `analyzeFolder`), the
 * worker's reading and scanning add to the wall time only where the main thread waits for it,
 * which shows as `wait`.
 */
export type Phase = 'discover' | 'read' | 'scan' | 'resolve' | 'check' | 'wait' | 'report';

const PHASES: readonly Phase[] = ['discover', 'read', 'scan', 'resolve', 'check', 'wait', 'report'];

const totals = new Map<Phase, number>();
let enabled = false;

export function enablePhaseTimings(on: boolean): void {
  enabled = on;
  totals.clear();
}

export function phaseTimingsEnabled(): boolean {
  return enabled;
}

/** A start mark for `endPhase` (0 when timings are off). */
export function startPhase(): number {
  return enabled ? performance.now() : 0;
}

/** Adds the time since `start` to a phase; returns now, the start of whatever follows. */
export function endPhase(phase: Phase, start: number): number {
  if (!enabled) return 0;
  const now = performance.now();
  totals.set(phase, (totals.get(phase) ?? 0) + now - start);
  return now;
}

/**
 * Gives a phase the time since `start` that no other phase took: a command's own work around
 * the analysis (for the CLI, `report`: rules summary, formatting, writing the output). Every
 * other phase must have been measured after `start`.
 */
export function endRemainingPhase(phase: Phase, start: number): void {
  if (!enabled) return;
  let others = 0;
  for (const [p, ms] of totals) if (p !== phase) others += ms;
  totals.set(phase, Math.max(0, performance.now() - start - others));
}

/** The phases measured so far, in milliseconds, in pipeline order (phases never entered are left out). */
export function phaseTimings(): { phase: Phase; ms: number }[] {
  return PHASES.flatMap((phase) => {
    const ms = totals.get(phase);
    return ms === undefined ? [] : [{ phase, ms }];
  });
}

/**
 * One line for stderr: `strata timings: startup 92 ms · discover 31 ms · … · total 480 ms`.
 * `startup` is from the process's start to `startedAt` (Node itself and loading the bundle);
 * `total` is from the process's start to now.
 */
export function formatPhaseTimings(startedAt: number): string {
  const parts = [`startup ${startedAt.toFixed(0)} ms`, ...phaseTimings().map(({ phase, ms }) => `${phase} ${ms.toFixed(0)} ms`)];
  return `strata timings: ${parts.join(' · ')} · total ${performance.now().toFixed(0)} ms\n`;
}
