import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { discoverSourceRoots, type DiscoveryOptions } from './discoverSourceRoots';
import { decodeScans, type FileOutcome } from '../core/extract/python/scanCodec';
import { scanPythonImportBytes } from '../core/extract/python/scanImports';
import { readSourceBytes } from './readSource';
import type { InputWarning } from '../core/extract/sourceRoot';
import { LayerModel } from '../core/layers/layerModel';
import type { RulesetChoice } from '../core/ruleset/presets';
import type { Ruleset } from '../core/ruleset/ruleset';
import type { CheckOptions } from '../core/validate/checkOptions';
import { endPhase, startPhase } from '../core/phaseTimings';
import { Control, type ChunkMessage, type ScanWorkerData } from './scanWorker';
import { WorkspaceIndex } from '../core/analysis/workspaceIndex';

export interface FolderAnalysis {
  index: WorkspaceIndex;
  /** Folders and files passed over (unreadable, binary, too large, link loops), one line each. */
  warnings: InputWarning[];
  /** Files that exist but could not be read at all: the check is incomplete. */
  unreadable: number;
  /** Chunks of files whose scans came from the worker thread (0 on one thread). */
  workerChunks: number;
}

/**
 * From this many files on, a worker thread reads and scans files too. What the worker costs is
 * fixed: starting a second JavaScript environment (some 50 ms of CPU) and, above all, V8
 * compiling the scanner a second time there (a few hundred ms of CPU, on the same two cores),
 * plus some 15–20 MB of memory. Measured on the synthetic backend (`npm run bench`) on 2 cores:
 * with 2,000 files (27 MB) the worker makes a run no faster and costs 20% more CPU; with 6,000
 * about even; with 10,000 some 15–20% faster; with 20,000 (270 MB) some 25–30% faster.
 */
const PARALLEL_MIN_FILES = 6000;

/**
 * Discovers the source roots under a folder and analyses every file from disk. Files are read
 * one at a time and only their imports are kept, so memory grows with imports, not with bytes.
 * A large tree is read and scanned on two threads (see `scanWorker.ts`); the index is fed in the
 * same order either way, so the result is the same. `threads` overrides the choice (for tests);
 * without a second core or the worker script, it is one thread anyway. `'worker'` (for tests of
 * the worker and its codec) leaves every chunk to the worker, on any number of cores. `discovery`
 * says where source roots may be looked for (by default never above `folder`).
 */
export function analyzeFolder(
  folder: string, rulesetOrChoice: Ruleset | RulesetChoice, options: CheckOptions, onProgress?: (done: number, total: number) => void,
  threads: 'auto' | 1 | 2 | 'worker' = 'auto', discovery: Omit<DiscoveryOptions, 'marker'> = {},
): FolderAnalysis {
  const discovering = startPhase();
  const choice = 'choose' in rulesetOrChoice ? rulesetOrChoice : undefined;
  const marker = choice ? choice.marker : (rulesetOrChoice as Ruleset).sourceRootMarker;
  const { roots, warnings } = discoverSourceRoots(folder, { ...discovery, marker });
  const ruleset = choice ? choice.choose(roots) : (rulesetOrChoice as Ruleset);
  const index = new WorkspaceIndex(new LayerModel(ruleset), options);
  roots.forEach((root) => index.addRoot(root));
  endPhase('discover', discovering);
  const files = roots.flatMap((root) => root.files);
  let done = 0;
  // Folders discovery could not read leave the check incomplete, as files do.
  let unreadable = warnings.filter((w) => w.unreadable).length;

  /** A file read here or by the worker that could not be taken: a module still, with one warning. */
  const skip = (file: string, failure: { reason: string; message: string }): void => {
    index.updateSkipped(file, failure.message);
    warnings.push({ path: file, message: failure.message });
    if (failure.reason === 'unreadable') unreadable++;
  };
  const readAndAdd = (file: string): void => {
    const source = readSourceBytes(file);
    if (source.ok) index.updateBytes(file, source.bytes);
    else skip(file, source);
    onProgress?.(++done, files.length);
  };
  const add = (file: string, outcome: FileOutcome): void => {
    if (outcome.ok) index.updateScanned(file, outcome.scan);
    else skip(file, outcome);
    onProgress?.(++done, files.length);
  };

  const parallel = threads === 'auto' ? files.length >= PARALLEL_MIN_FILES : threads !== 1 && files.length > 0;
  const helper = parallel ? ScanHelper.start(files, threads === 'worker') : undefined;
  if (helper === undefined) {
    files.forEach(readAndAdd);
  } else {
    try {
      if (threads === 'worker') helper.waitForWorker();
      helper.run(readAndAdd, add);
    } finally {
      helper.stop();
    }
  }
  return { index, warnings, unreadable, workerChunks: helper?.workerChunks ?? 0 };
}

/**
 * The worker's young generation: it keeps little (it posts each chunk as soon as it is scanned),
 * and a large one would only add to the process's memory.
 */
const WORKER_YOUNG_MB = 6;

/** How long to wait for a chunk the worker claimed before reading it here instead (it may have died). */
const WORKER_STALL_MS = 1000;

/** With `threads: 'worker'`, how long the worker may take for the whole tree before the main thread helps. */
const WORKER_ONLY_LIMIT_MS = 60_000;

/** The main thread's side of scanning a tree with a worker thread (see `scanWorker.ts`). */
class ScanHelper {
  private readonly control: Int32Array;
  private readonly chunks: number;
  /** Chunks read ahead of the one the index needs next: scanned here, or as the worker sent them. */
  private readonly ready: (FileOutcome[] | ChunkMessage | undefined)[];
  /** Chunks whose scans came from the worker. */
  workerChunks = 0;

  private constructor(
    private readonly files: string[],
    private readonly chunkSize: number,
    shared: SharedArrayBuffer,
    private readonly worker: Worker,
    private readonly port: MessagePort,
  ) {
    this.control = new Int32Array(shared);
    this.chunks = Math.ceil(files.length / chunkSize);
    this.ready = new Array<undefined>(this.chunks).fill(undefined);
  }

  /** A helper with its worker started, or undefined when there is no second core or no worker script. */
  static start(files: string[], evenOnOneCore = false): ScanHelper | undefined {
    if (os.availableParallelism() < 2 && !evenOnOneCore) return undefined;
    const script = path.join(__dirname, 'scanWorker.js');
    if (!fs.existsSync(script)) return undefined;
    // Chunks small enough that the last one the main thread may wait for is short, large enough
    // that messages stay few.
    const chunkSize = Math.max(8, Math.min(64, Math.ceil(files.length / 128)));
    const shared = new SharedArrayBuffer(Control.Slots * Int32Array.BYTES_PER_ELEMENT);
    const { port1, port2 } = new MessageChannel();
    const data: ScanWorkerData = { strataFolderScan: true, files, chunkSize, control: shared, port: port2 };
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: data, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    } catch {
      port1.close();
      return undefined;
    }
    // Deliberately ignored, not lost: a failure inside a chunk reaches `run` in-band (an `error`
    // message, and that chunk is read here), and a worker that dies outright stops delivering,
    // which `run` notices within WORKER_STALL_MS and reads the rest here. The result is complete
    // either way; the event itself comes only after the synchronous analysis has returned, with
    // nobody left to tell, and without a listener Node would end the whole process over it.
    worker.on('error', () => undefined);
    worker.unref();
    return new ScanHelper(files, chunkSize, shared, worker, port1);
  }

  /**
   * Claims chunks as the worker does and feeds the index in file order: `readAndAdd` for a file
   * read here when it is next anyway, `add` for one scanned ahead or by the worker.
   */
  run(readAndAdd: (file: string) => void, add: (file: string, outcome: FileOutcome) => void): void {
    const { files, chunkSize, chunks, ready, control } = this;
    for (let next = 0; next < chunks;) {
      const first = next * chunkSize;
      const last = Math.min(files.length, first + chunkSize);
      const delivered = Atomics.load(control, Control.Delivered);
      const waiting = startPhase();
      this.receive(next);
      endPhase('wait', waiting);
      const got = ready[next];
      if (got !== undefined) {
        const outcomes = Array.isArray(got) ? got : this.outcomes(got, first, last);
        ready[next] = undefined;
        for (let k = first; k < last; k++) add(files[k], outcomes[k - first]);
        next++;
        continue;
      }
      const claimed = Atomics.add(control, Control.NextChunk, 1);
      if (claimed === next) {
        for (let k = first; k < last; k++) readAndAdd(files[k]);
        next++;
      } else if (claimed < chunks) {
        ready[claimed] = this.scanHere(claimed * chunkSize, Math.min(files.length, (claimed + 1) * chunkSize));
      } else {
        const waiting = startPhase();
        const outcome = Atomics.wait(control, Control.Delivered, delivered, WORKER_STALL_MS);
        endPhase('wait', waiting);
        // The worker holds the chunk needed next and has shown no progress: read it here.
        if (outcome === 'timed-out') ready[next] = this.scanHere(first, last);
      }
    }
  }

  /** Waits until the worker has delivered every chunk (or has stalled for good), before `run` claims any. */
  waitForWorker(): void {
    const deadline = Date.now() + WORKER_ONLY_LIMIT_MS;
    for (let delivered = Atomics.load(this.control, Control.Delivered); delivered < this.chunks && Date.now() < deadline;) {
      Atomics.wait(this.control, Control.Delivered, delivered, deadline - Date.now());
      delivered = Atomics.load(this.control, Control.Delivered);
    }
  }

  stop(): void {
    this.port.close();
    void this.worker.terminate().catch(() => undefined);
  }

  /** Takes what the worker has posted so far; `next` is the chunk the index needs next. */
  private receive(next: number): void {
    for (let message = receiveMessageOnPort(this.port); message !== undefined; message = receiveMessageOnPort(this.port)) {
      const chunk = message.message as ChunkMessage;
      // A chunk read here meanwhile (after a stall) stays as it is.
      if (chunk.chunk >= next && this.ready[chunk.chunk] === undefined) this.ready[chunk.chunk] = chunk;
    }
  }

  /** A chunk's outcomes from the worker's message, or read here if the worker failed on it. */
  private outcomes(message: ChunkMessage, first: number, last: number): FileOutcome[] {
    if ('error' in message) return this.scanHere(first, last);
    this.workerChunks++;
    return decodeScans(message);
  }

  private scanHere(first: number, last: number): FileOutcome[] {
    const outcomes: FileOutcome[] = [];
    for (let k = first; k < last; k++) {
      const source = readSourceBytes(this.files[k]);
      const scanning = startPhase();
      outcomes.push(source.ok ? { ok: true, scan: scanPythonImportBytes(source.bytes) } : { ok: false, reason: source.reason, message: source.message });
      endPhase('scan', scanning);
    }
    return outcomes;
  }
}
