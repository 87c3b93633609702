// Issue 11's goals for `npm run bench`, and the lines that say which ones a run meets or misses.
// Times are medians of cold runs (Node start-up included); MB = 10^6 bytes of peak RSS.

export const GOALS = [
  { what: '`strata check` 1× wall', kind: 'check', scale: 1, field: 'seconds', limit: 0.4, unit: 's' },
  { what: '`strata check` 1× peak RSS', kind: 'check', scale: 1, field: 'rss', limit: 120e6, unit: 'MB' },
  { what: '`strata check` 10× wall', kind: 'check', scale: 10, field: 'seconds', limit: 2.5, unit: 's' },
  { what: '`strata check` 10× peak RSS', kind: 'check', scale: 10, field: 'rss', limit: 160e6, unit: 'MB' },
  { what: 'server initial index 1×', kind: 'server', scale: 1, field: 'initialSeconds', limit: 0.5, unit: 's' },
  { what: 'server initial index 10×', kind: 'server', scale: 10, field: 'initialSeconds', limit: 2.5, unit: 's' },
  { what: 'server peak RSS 1×', kind: 'server', scale: 1, field: 'peakRss', limit: 160e6, unit: 'MB' },
  { what: 'server peak RSS 10×', kind: 'server', scale: 10, field: 'peakRss', limit: 160e6, unit: 'MB' },
  { what: 'edit → diagnostics p95 1×', kind: 'server', scale: 1, field: 'editP95Ms', limit: 3, unit: 'ms' },
  { what: 'edit → diagnostics p95 10×', kind: 'server', scale: 10, field: 'editP95Ms', limit: 3, unit: 'ms' },
];

function format(value, unit) {
  if (unit === 'MB') return `${(value / 1e6).toFixed(0)} MB`;
  if (unit === 's') return `${value.toFixed(2)} s`;
  return `${value.toFixed(2)} ${unit}`;
}

/** One line per goal measured in `results` ({ check: { [scale]: {...} }, server: { [scale]: {...} } }). */
export function goalReport(goals, results) {
  const lines = [];
  for (const goal of goals) {
    const value = results[goal.kind]?.[goal.scale]?.[goal.field];
    if (value === undefined) continue;
    const verdict = value <= goal.limit
      ? 'met'
      : `MISSED by ${format(value - goal.limit, goal.unit)} (${((value / goal.limit - 1) * 100).toFixed(0)}% over)`;
    lines.push(`${goal.what}: ${format(value, goal.unit)}, goal ≤ ${format(goal.limit, goal.unit)}: ${verdict}`);
  }
  return lines;
}
