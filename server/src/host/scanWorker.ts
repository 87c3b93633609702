/**
 * The worker-thread side of `analyzeFolder`: reads and scans files of a large tree while the main
 * thread does the same with other files, on another core.
 *
 * The files are cut into chunks of consecutive files. Both threads claim the next unclaimed chunk
 * from a shared counter, so the faster one does more and neither waits for a fixed share; the
 * worker posts each chunk's scans (compactly, see `scanCodec.ts`) and bumps a second counter the
 * main thread can sleep on. The main thread feeds the index in file order, whoever scanned what.
 *
 * Loaded as its own bundle (`dist/scanWorker.js`) or, in the compiled tests, as the module next
 * to `analyzeFolder.js`: only the scanner and the file reader, so that it starts quickly.
 */
import { setFlagsFromString } from 'node:v8';
import { isMainThread, workerData, type MessagePort } from 'node:worker_threads';
import { ScanEncoder } from '../core/extract/python/scanCodec';
import { scanPythonImportBytes } from '../core/extract/python/scanImports';
import { shareScanValues } from '../core/extract/python/stringPool';
import { readSourceBytes } from './readSource';

/** Slots of the shared `Int32Array` the two threads coordinate through. */
export const enum Control {
  /** The next chunk to claim (`Atomics.add`); chunks past the last mean "nothing left". */
  NextChunk = 0,
  /** How many chunks the worker has posted; the main thread waits on it. */
  Delivered = 1,
  Slots = 2,
}

export interface ScanWorkerData {
  strataFolderScan: true;
  /** Every file of the tree, in the order the index is fed. */
  files: string[];
  /** Chunk k is `files[k * chunkSize, (k + 1) * chunkSize)`. */
  chunkSize: number;
  control: SharedArrayBuffer;
  /** Where chunks go: the other end is read synchronously with `receiveMessageOnPort`. */
  port: MessagePort;
}

/** A chunk read and scanned, or why it could not be (the main thread then does it itself). */
export type ChunkMessage = { chunk: number; ints: Int32Array; strings: string[] } | { chunk: number; error: string };

function run(data: ScanWorkerData): void {
  // Starting this thread put V8's flags back as Node set them: the launcher's (the young
  // generation's growth, see scripts/codeCacheLoader.cjs) are set again, for the whole process,
  // or the main thread's young generation would grow to 32 MB from here on.
  const launcherFlags = process.env.STRATA_V8_FLAGS;
  if (launcherFlags !== undefined) setFlagsFromString(launcherFlags);
  const { files, chunkSize, port } = data;
  // Scans here are encoded and dropped: the main thread shares their strings and positions.
  shareScanValues(false);
  const control = new Int32Array(data.control);
  const chunks = Math.ceil(files.length / chunkSize);
  const encoder = new ScanEncoder();
  for (;;) {
    const chunk = Atomics.add(control, Control.NextChunk, 1);
    if (chunk >= chunks) break;
    let message: ChunkMessage;
    try {
      for (let k = chunk * chunkSize; k < Math.min(files.length, (chunk + 1) * chunkSize); k++) {
        const source = readSourceBytes(files[k]);
        if (source.ok) encoder.addScan(scanPythonImportBytes(source.bytes));
        else encoder.addSkipped(source.reason, source.message);
      }
      const { ints, strings } = encoder.take();
      message = { chunk, ints, strings };
    } catch (error) {
      encoder.take();
      message = { chunk, error: String(error) };
    }
    // Posted before the counter moves, so the main thread finds it when it wakes. Copied, not
    // transferred: the first ArrayBuffer detached in an isolate makes V8 discard all optimised
    // code that reads typed arrays (the whole scanner), and a chunk's numbers are few.
    port.postMessage(message);
    Atomics.add(control, Control.Delivered, 1);
    Atomics.notify(control, Control.Delivered);
  }
  port.close();
}

if (!isMainThread && (workerData as Partial<ScanWorkerData> | null)?.strataFolderScan === true) run(workerData as ScanWorkerData);
