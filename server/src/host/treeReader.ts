import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { decodeScans, type FileOutcome } from '../core/extract/python/scanCodec';
import { scanPythonImportBytes } from '../core/extract/python/scanImports';
import { endPhase, startPhase } from '../core/phaseTimings';
import { readSourceBytes } from './readSource';
import { Control, type ChunkMessage, type ScanWorkerData } from './scanWorker';

/** Where the files a `TreeReader` reads go, always in the order of its list. */
export interface FileSink {
  /** The next file, to read and scan here and now. */
  readAndAdd(file: string): void;
  /** The next file, read and scanned ahead, here or by the worker thread. */
  add(file: string, outcome: FileOutcome): void;
}

/** How many threads read and scan: `'auto'` is one unless `STRATA_SCAN_THREADS` says otherwise; `'worker'` (for tests) leaves every chunk to the worker. */
export type ReaderThreads = 'auto' | 1 | 2 | 'worker';

/**
 * Why one thread unless asked (`STRATA_SCAN_THREADS=2`): a worker thread costs a second JavaScript
 * environment (some 50 ms of CPU), V8 compiling the scanner a second time there (a few hundred ms
 * of CPU, on the same cores) and some 35 MB of memory, and it wins only where a core is idle.
 * Measured with `npm run bench`'s 10× corpus (19,850 files, 256.8 MB), `strata check --format json`,
 * medians of 5: on a quiet 2-core machine two threads took 1.68 s and 173 MB peak RSS, one thread
 * 2.22 s and 136 MB; under load (load average 7–9) two threads took 3.83 s, one 2.82 s. At 1×
 * (1,985 files) the worker never paid. So the default is the one that is within issue 11's goals
 * (≤ 2.5 s, ≤ 160 MB at 10×) everywhere and faster wherever the machine is busy.
 */
const DEFAULT_THREADS = 1;

/**
 * The worker's young generation: it keeps little (it posts each chunk as soon as it is scanned),
 * and a large one would only add to the process's memory.
 */
const WORKER_YOUNG_MB = 6;

/** How long to wait for a chunk the worker claimed before reading it here instead (it may have died). */
const WORKER_STALL_MS = 1000;

/** With `threads: 'worker'`, how long the worker may take for the whole tree before the main thread helps. */
const WORKER_ONLY_LIMIT_MS = 60_000;

/** On one thread, how many files between looks at the clock. */
const FILES_PER_CLOCK_LOOK = 16;

/**
 * Reads and scans a list of files into a sink, in the list's order, on one thread or, when asked,
 * on two (see `scanWorker.ts`): the one read/scan loop of the CLI (`analyzeFolder`, all at
 * once) and of the language server's index (in time slices, so it keeps answering meanwhile).
 * Whoever scanned a file, the sink gets the same scan in the same order, so the result is the same.
 */
export class TreeReader {
  /** How many files the sink has been given. */
  fed = 0;

  private constructor(
    private readonly files: readonly string[],
    private readonly helper: ScanHelper | undefined,
  ) {}

  /**
   * A reader of `files`; without a second core or the worker script it reads on one thread
   * whatever `threads` says. `'auto'` gives way to `STRATA_SCAN_THREADS` (1, 2 or worker) when set.
   */
  static start(files: readonly string[], requested: ReaderThreads = 'auto'): TreeReader {
    const threads = requested === 'auto' ? threadsFromEnvironment() : requested;
    const parallel = threads !== 1 && files.length > 0;
    const helper = parallel ? ScanHelper.start(files, threads === 'worker') : undefined;
    if (helper !== undefined && threads === 'worker') helper.waitForWorker();
    return new TreeReader(files, helper);
  }

  /** Chunks of files whose scans came from the worker thread (0 on one thread). */
  get workerChunks(): number {
    return this.helper?.workerChunks ?? 0;
  }

  get done(): boolean {
    return this.fed >= this.files.length;
  }

  /**
   * Feeds the sink until every file is in (returns true) or `deadline` (a `performance.now()`
   * time) has passed (false: call again to go on). A file is never fed twice nor skipped.
   */
  feed(sink: FileSink, deadline = Infinity): boolean {
    const counting: FileSink = {
      readAndAdd: (file) => {
        sink.readAndAdd(file);
        this.fed++;
      },
      add: (file, outcome) => {
        sink.add(file, outcome);
        this.fed++;
      },
    };
    if (this.helper !== undefined) return this.helper.run(counting, deadline);
    const { files } = this;
    while (this.fed < files.length) {
      const stop = Math.min(files.length, this.fed + FILES_PER_CLOCK_LOOK);
      while (this.fed < stop) counting.readAndAdd(files[this.fed]);
      if (this.fed < files.length && performance.now() >= deadline) return false;
    }
    return true;
  }

  /** Ends the worker thread, if any; call when done or abandoned. */
  stop(): void {
    this.helper?.stop();
  }
}

/**
 * `STRATA_SCAN_THREADS`: 2 reads and scans on two threads (a large tree on an idle machine: some
 * 25% less wall time), 1 on one, `worker` leaves the worker every chunk (tests of the language
 * server's indexing through the worker). Anything else: the default, one thread.
 */
function threadsFromEnvironment(): Exclude<ReaderThreads, 'auto'> {
  const setting = process.env.STRATA_SCAN_THREADS;
  return setting === '1' ? 1 : setting === '2' ? 2 : setting === 'worker' ? 'worker' : DEFAULT_THREADS;
}

/** The main thread's side of scanning a tree with a worker thread (see `scanWorker.ts`). */
class ScanHelper {
  private readonly control: Int32Array;
  private readonly chunks: number;
  /** Chunks read ahead of the one the sink needs next: scanned here, or as the worker sent them. */
  private readonly ready: (FileOutcome[] | ChunkMessage | undefined)[];
  /** The chunk the sink needs next. */
  private next = 0;
  /** Chunks whose scans came from the worker. */
  workerChunks = 0;

  private constructor(
    private readonly files: readonly string[],
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
  static start(files: readonly string[], evenOnOneCore = false): ScanHelper | undefined {
    if (os.availableParallelism() < 2 && !evenOnOneCore) return undefined;
    const script = path.join(__dirname, 'scanWorker.js');
    if (!fs.existsSync(script)) return undefined;
    // Chunks small enough that the last one the main thread may wait for is short, large enough
    // that messages stay few.
    const chunkSize = Math.max(8, Math.min(64, Math.ceil(files.length / 128)));
    const shared = new SharedArrayBuffer(Control.Slots * Int32Array.BYTES_PER_ELEMENT);
    const { port1, port2 } = new MessageChannel();
    const data: ScanWorkerData = { strataFolderScan: true, files: [...files], chunkSize, control: shared, port: port2 };
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
    // either way; the event itself may come when nobody is left to tell, and without a listener
    // Node would end the whole process over it.
    worker.on('error', () => undefined);
    worker.unref();
    return new ScanHelper(files, chunkSize, shared, worker, port1);
  }

  /**
   * Claims chunks as the worker does and feeds the sink in file order: `readAndAdd` for a file
   * read here when it is next anyway, `add` for one scanned ahead or by the worker. Stops after
   * the chunk during which `deadline` passed (false) or when every chunk is in (true).
   */
  run(sink: FileSink, deadline: number): boolean {
    const { files, chunkSize, chunks, ready, control } = this;
    while (this.next < chunks) {
      if (performance.now() >= deadline) return false;
      const next = this.next;
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
        for (let k = first; k < last; k++) sink.add(files[k], outcomes[k - first]);
        this.next++;
        continue;
      }
      const claimed = Atomics.add(control, Control.NextChunk, 1);
      if (claimed === next) {
        for (let k = first; k < last; k++) sink.readAndAdd(files[k]);
        this.next++;
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
    return true;
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
    // Whatever the worker has not claimed yet it never will: it stops at its next chunk.
    Atomics.store(this.control, Control.NextChunk, this.chunks);
    this.port.close();
    void this.worker.terminate().catch(() => undefined);
  }

  /** Takes what the worker has posted so far; `next` is the chunk the sink needs next. */
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
    // This thread's share of a scan the worker made: its records, built from the message.
    const decoding = startPhase();
    const outcomes = decodeScans(message);
    endPhase('scan', decoding);
    return outcomes;
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
