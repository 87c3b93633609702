// The language server's part of `npm run bench`: on the synthetic backend, per scale,
// - initial index: from sending `initialize` to the last initial publishDiagnostics (median of runs),
//   Node start-up and loading dist/server.js included;
// - edit → diagnostics: `didChange` (an incremental edit that adds or removes a violating import at
//   the top of a 1,500-line file, so every diagnostic moves) to the publishDiagnostics carrying that
//   version, p50/p95 over 200 edits;
// - server RSS after the edits, and its peak (VmHWM) where /proc tells it (MB = 10^6 bytes);
// - the initial index's phases (STRATA_TIMINGS=1), medians.
// Run alone with `node scripts/bench/serverBench.mjs` (uses the corpora cached in .bench/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, parseTimings, phaseNames } from './figures.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const EDITS = Number(process.env.STRATA_BENCH_EDITS ?? 200);
const EDIT_LINES = 1500;

/**
 * Runs each build's server on each corpus, the builds' runs interleaved (so that load on a shared
 * machine falls on all alike), and prints one table. Returns, per build label, per corpus
 * { scale, initialSeconds, editP50Ms, editP95Ms, rss, peakRss } (bytes, seconds).
 * @param {{ repo: string, builds?: { label: string, serverPath: string }[], corpora: { scale: number, dir: string, files: number }[], runs?: number }} options
 */
export async function benchServer({ repo, builds = [{ label: 'this build', serverPath: path.join(repo, 'dist', 'server.js') }], corpora, runs = 5 }) {
  const measured = [];
  const results = Object.fromEntries(builds.map((b) => [b.label, []]));
  for (const corpus of corpora) {
    const indexRuns = Math.max(1, Math.min(runs, corpus.scale >= 10 ? 3 : runs));
    const samples = new Map(builds.map((b) => [b.label, []]));
    for (let k = 0; k < indexRuns; k++) {
      for (const build of builds) {
        const session = await startServer(build.serverPath, corpus.dir);
        samples.get(build.label).push(session.initial);
        if (k < indexRuns - 1) {
          await session.stop();
          continue;
        }
        // The last run of each build goes on to the edits, then its memory is read.
        const edits = await measureEdits(session, pickFile(corpus.dir));
        const rss = memory(session.pid);
        measured.push({ corpus, build, samples: samples.get(build.label), edits, rss, filesWithDiagnostics: session.initial.filesWithDiagnostics });
        await session.stop();
      }
    }
  }
  const phases = phaseNames(measured.flatMap((m) => m.samples.map((s) => s.phases))).filter((p) => p !== 'total');
  const rows = measured.map(({ corpus, build, samples, edits, rss, filesWithDiagnostics }) => {
    const initialMs = median(samples.map((s) => s.ms));
    results[build.label].push({ scale: corpus.scale, initialSeconds: initialMs / 1000, editP50Ms: edits.p50, editP95Ms: edits.p95, rss: rss.current, peakRss: rss.peak ?? rss.current });
    return {
      corpus: `${corpus.scale}×, ${corpus.files} files`,
      ...(builds.length > 1 ? { build: build.label } : {}),
      'initial index s': (initialMs / 1000).toFixed(3),
      'CPU s': samples.every((s) => s.cpu !== undefined) ? median(samples.map((s) => s.cpu)).toFixed(3) : '-',
      ...Object.fromEntries(phases.map((p) => [`${p} ms`, samples.some((s) => p in s.phases) ? median(samples.map((s) => s.phases[p] ?? 0)).toFixed(0) : ''])),
      'files with diagnostics': filesWithDiagnostics,
      'edit→diag p50 ms': edits.p50.toFixed(2),
      'edit→diag p95 ms': edits.p95.toFixed(2),
      'RSS MB': (rss.current / 1e6).toFixed(0),
      'peak RSS MB': rss.peak ? (rss.peak / 1e6).toFixed(0) : '-',
    };
  });
  console.log(`\nstrata language server (dist/server.js --stdio): initial index = from spawning the process to the last initial diagnostics (Node start-up included), median of ${runs} runs (3 at 10×)${builds.length > 1 ? ', builds interleaved' : ''};`);
  console.log(`phases of the initial index (STRATA_TIMINGS=1, medians; startup = Node + loading the bundle); edits on a ${EDIT_LINES}-line file, ${EDITS} edits`);
  console.table(rows);
  return results;
}

async function startServer(serverPath, folder) {
  const started = performance.now();
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, STRATA_TIMINGS: '1' } });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    listeners.forEach((l) => l());
  });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const listeners = new Set();
  const state = { lastDiagnosticsAt: 0, withDiagnostics: new Set(), ended: false, byUri: new Map() };
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const now = performance.now();
    if (!state.ended) {
      state.lastDiagnosticsAt = now;
      if (params.diagnostics.length > 0) state.withDiagnostics.add(params.uri);
    }
    state.byUri.set(params.uri, { version: params.version, at: now, count: params.diagnostics.length });
    listeners.forEach((l) => l());
  });
  connection.onNotification('$/progress', (params) => {
    if (params.value?.kind === 'end') state.ended = true;
    listeners.forEach((l) => l());
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  connection.listen();
  const waitFor = (test, what, timeoutMs = 120000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const value = test();
        if (value) {
          clearTimeout(timer);
          listeners.delete(check);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`server bench: timed out waiting for ${what}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });

  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }],
    capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await connection.sendNotification('initialized', {});
  await waitFor(() => state.ended, 'the end of indexing');
  // A build without STRATA_TIMINGS (a baseline) prints none: its phases stay empty.
  await waitFor(() => /strata timings: .*\n/.test(stderr), 'the timings line', 3000).catch(() => undefined);
  return {
    pid: child.pid,
    connection,
    state,
    waitFor,
    initial: { ms: state.lastDiagnosticsAt - started, cpu: cpuSeconds(child.pid), filesWithDiagnostics: state.withDiagnostics.size, phases: parseTimings(stderr) },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      child.kill();
    },
  };
}

/** A layered file (rules apply) of about 1,500 lines, made exactly 1,500 lines long in the editor. */
function pickFile(corpusDir) {
  let best;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.py') && /\/L5_engines\//.test(full.split(path.sep).join('/'))) {
        const lines = fs.readFileSync(full, 'utf8').split('\n').length;
        if (!best || Math.abs(lines - EDIT_LINES) < Math.abs(best.lines - EDIT_LINES)) best = { file: full, lines };
      }
    }
  };
  walk(path.join(corpusDir));
  const lines = fs.readFileSync(best.file, 'utf8').split('\n');
  while (lines.length < EDIT_LINES) lines.push(`# filler ${lines.length}`);
  return { file: best.file, text: lines.slice(0, EDIT_LINES).join('\n') };
}

async function measureEdits(session, { file, text }) {
  const { connection, state, waitFor } = session;
  const uri = pathToFileURL(file).href;
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await waitFor(() => state.byUri.get(uri)?.version === 1, 'diagnostics of the opened file');
  const line = 'from sqlmodel import Session  # added by the benchmark\n';
  const times = [];
  for (let version = 2; version < 2 + EDITS; version++) {
    const adding = version % 2 === 0;
    const change = adding
      ? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: line }
      : { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' };
    const sent = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const got = await waitFor(() => {
      const d = state.byUri.get(uri);
      return d?.version === version ? d : undefined;
    }, `diagnostics of version ${version}`);
    times.push(got.at - sent);
  }
  times.sort((a, b) => a - b);
  const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: pick(0.5), p95: pick(0.95) };
}

/** CPU time (user + system, all threads) a process has used so far, where /proc tells it. */
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function memory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { current: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return { current: kb * 1024, peak: undefined };
  }
}


// Standalone: the corpora `npm run bench` caches in .bench/ (run it once to make them).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const scales = (process.env.STRATA_BENCH_SCALES ?? '1,10').split(',').map(Number);
  const corpora = scales.map((scale) => {
    const dir = path.join(repo, '.bench', `corpus-${scale}x`);
    const stamp = path.join(dir, '.stamp.json');
    if (!fs.existsSync(stamp)) throw new Error(`no corpus in ${dir}: run \`npm run bench\` once`);
    return { scale, dir, files: JSON.parse(fs.readFileSync(stamp, 'utf8')).files };
  });
  await benchServer({ repo, corpora, runs: Number(process.env.STRATA_BENCH_RUNS ?? 5) });
}
