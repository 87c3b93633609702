// `npm run bench`: measures Strata on a deterministic synthetic HOC backend at 1× and 10×.
// Prints corpus size, scanner throughput, cold `strata check` wall time (Node start-up
// included) and peak RSS, as medians over several runs. Figures, not pass/fail.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateBackend } from './bench/syntheticBackend.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(repo, '.bench');
const GENERATOR_VERSION = '2';
const runs = Number(process.env.STRATA_BENCH_RUNS ?? 5);
const scales = (process.env.STRATA_BENCH_SCALES ?? '1,10').split(',').map(Number);

function corpus(scale) {
  const dir = path.join(cacheDir, `corpus-${scale}x`);
  const stampFile = path.join(dir, '.stamp.json');
  if (fs.existsSync(stampFile)) {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    if (stamp.version === GENERATOR_VERSION) return { dir, ...stamp };
  }
  process.stderr.write(`generating the ${scale}× corpus in ${path.relative(repo, dir)} …\n`);
  const shape = generateBackend(dir, scale);
  const stamp = { version: GENERATOR_VERSION, ...shape };
  fs.writeFileSync(stampFile, JSON.stringify(stamp));
  return { dir, ...stamp };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function coldCheck(dir) {
  const rssFile = path.join(os.tmpdir(), `strata-bench-rss-${process.pid}`);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', path.join(repo, 'scripts/bench/reportRss.cjs'), path.join(repo, 'dist/cli.js'), 'check', dir, '--format', 'json'], {
    env: { ...process.env, STRATA_BENCH_RSS_FILE: rssFile },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`strata check failed (${run.status}): ${run.stderr}`);
  const rss = Number(fs.readFileSync(rssFile, 'utf8'));
  return { seconds, rss, violations: JSON.parse(run.stdout).summary.violations };
}

const rows = [];
for (const scale of scales) {
  const c = corpus(scale);
  coldCheck(c.dir); // warm the OS file cache once, so runs compare scanning, not the disk
  const samples = Array.from({ length: runs }, () => coldCheck(c.dir));
  const seconds = median(samples.map((s) => s.seconds));
  const rss = median(samples.map((s) => s.rss));
  const mb = c.bytes / 1e6;
  rows.push({ scale: `${scale}×`, files: c.files, folders: c.folders, MB: mb.toFixed(1), 'check s (median)': seconds.toFixed(3), 'MB/s': (mb / seconds).toFixed(0), 'peak RSS MB': (rss / 1048576).toFixed(0), violations: samples[0].violations });
}
console.log(`strata check, cold process, ${runs} runs each, median; node ${process.version}, ${os.cpus().length} cores`);
console.table(rows);

// The language server on the same corpora: initial index, edit → diagnostics, RSS.
const { benchServer } = await import('./bench/serverBench.mjs');
await benchServer({ repo, corpora: scales.map((scale) => ({ scale, ...corpus(scale) })), runs });
