// `npm run bench`: measures Strata on a deterministic synthetic HOC backend at 1× and 10×.
//
// For each corpus it prints what the corpus is (measured with a real parser, next to the real
// backend's figures it imitates), then the cold `strata check --format json` as whole-process wall
// time (Node start-up included) and peak RSS, medians of STRATA_BENCH_RUNS runs (5), with the
// median time of each phase (STRATA_TIMINGS=1, see server/src/core/phaseTimings.ts); then the
// language server's initial index and edit → diagnostics; then which goals of issue 11 are missed,
// and by how much. Figures, never pass/fail: the machine is shared, so compare runs made together.
//
//   STRATA_BENCH_BASELINE=/path/to/dist  also runs another build's dist/cli.js and dist/server.js,
//                                        interleaved run by run with this one, and prints both.
//
// MB everywhere is 10^6 bytes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateBackend } from './bench/syntheticBackend.mjs';
import { corpusStats, statsRows } from './bench/corpusStats.mjs';
import { GOALS, goalReport } from './bench/goals.mjs';
import { median, parseTimings, phaseNames } from './bench/figures.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(repo, '.bench');
const GENERATOR_VERSION = '3';
const runs = Number(process.env.STRATA_BENCH_RUNS ?? 5);
const scales = (process.env.STRATA_BENCH_SCALES ?? '1,10').split(',').map(Number);
const baseline = process.env.STRATA_BENCH_BASELINE ? path.resolve(process.env.STRATA_BENCH_BASELINE) : undefined;
const builds = [{ name: 'this build', dist: path.join(repo, 'dist') }, ...(baseline ? [{ name: 'baseline', dist: baseline }] : [])];

/** The corpus at a scale, generated once into .bench/ and measured once (the stamp keeps both). */
function corpus(scale) {
  const dir = path.join(cacheDir, `corpus-${scale}x`);
  const stampFile = path.join(dir, '.stamp.json');
  if (fs.existsSync(stampFile)) {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    if (stamp.version === GENERATOR_VERSION) return { scale, dir, ...stamp };
  }
  process.stderr.write(`generating the ${scale}× corpus in ${path.relative(repo, dir)} …\n`);
  const shape = generateBackend(dir, scale);
  process.stderr.write(`measuring it with @lezer/python …\n`);
  // The parser reads some 3 MB/s: the 10× corpus's syntax figures come from a sample of files.
  const stats = corpusStats(dir, { sample: scale > 1 ? 2000 : undefined });
  const stamp = { version: GENERATOR_VERSION, ...shape, stats };
  fs.writeFileSync(stampFile, JSON.stringify(stamp));
  return { scale, dir, ...stamp };
}

function coldCheck(dist, dir) {
  const rssFile = path.join(os.tmpdir(), `strata-bench-rss-${process.pid}`);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', path.join(repo, 'scripts/bench/reportRss.cjs'), path.join(dist, 'cli.js'), 'check', dir, '--format', 'json'], {
    env: { ...process.env, STRATA_BENCH_RSS_FILE: rssFile, STRATA_TIMINGS: '1' },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`strata check failed (${run.status}): ${run.stderr}`);
  const { rss, cpu } = JSON.parse(fs.readFileSync(rssFile, 'utf8'));
  return { seconds, cpu, rss, phases: parseTimings(run.stderr), violations: JSON.parse(run.stdout).summary.violations };
}

const corpora = scales.map(corpus);
console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (the machine may be shared: compare figures taken in one run)`);
for (const c of corpora) {
  console.log(`\n${c.scale}× corpus (${path.relative(repo, c.dir)}): ${c.files.toLocaleString('en-US')} files in ${c.folders} folders, ${(c.bytes / 1e6).toFixed(1)} MB; syntax figures from ${c.stats.parsedFiles} files`);
  console.table(statsRows(c.stats, c.scale));
}

const measured = [];
const results = { check: {}, server: {} };
for (const c of corpora) {
  for (const b of builds) coldCheck(b.dist, c.dir); // warm the OS file cache once, so runs compare the work, not the disk
  const samples = new Map(builds.map((b) => [b.name, []]));
  for (let k = 0; k < runs; k++) for (const b of builds) samples.get(b.name).push(coldCheck(b.dist, c.dir));
  for (const b of builds) measured.push({ c, b, s: samples.get(b.name) });
}
// One set of phase columns for all rows, in pipeline order.
const phases = phaseNames(measured.flatMap(({ s }) => s.map((x) => x.phases)));
const checkRows = measured.map(({ c, b, s }) => {
  const seconds = median(s.map((x) => x.seconds));
  const rss = median(s.map((x) => x.rss));
  if (b.name === 'this build') results.check[c.scale] = { seconds, rss };
  return {
    corpus: `${c.scale}×, ${(c.bytes / 1e6).toFixed(1)} MB`,
    ...(baseline ? { build: b.name } : {}),
    'wall s': seconds.toFixed(3),
    'CPU s': median(s.map((x) => x.cpu)).toFixed(3),
    'MB/s': (c.bytes / 1e6 / seconds).toFixed(0),
    'peak RSS MB': (rss / 1e6).toFixed(0),
    ...Object.fromEntries(phases.map((p) => [`${p} ms`, s.some((x) => p in x.phases) ? median(s.map((x) => x.phases[p] ?? 0)).toFixed(0) : ''])),
    violations: s[0].violations,
  };
});
console.log(`\nstrata check --format json, cold process: whole-process wall time (Node start-up included), CPU time (all threads) and peak RSS, median of ${runs} runs${baseline ? ' (builds interleaved)' : ''};`);
console.log('phases (STRATA_TIMINGS=1, main thread, medians): startup = Node + loading the bundle, read = open + read + decode, scan includes decoding what the worker scanned and wait = waiting for it (large trees), report = the rest of the command');
console.table(checkRows);

// The language server on the same corpora: initial index, edit → diagnostics, RSS.
const { benchServer } = await import('./bench/serverBench.mjs');
const serverResults = await benchServer({ repo, builds: builds.map((b) => ({ label: b.name, serverPath: path.join(b.dist, 'server.js') })), corpora, runs });
for (const row of serverResults['this build']) results.server[row.scale] = row;

console.log('\nGoals (issue 11; medians on this machine):');
for (const line of goalReport(GOALS, results)) console.log(`  ${line}`);
