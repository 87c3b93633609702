/**
 * The strings a scan keeps (module names, imported names, aliases, function names, statement
 * texts) come from here: flat copies, one per distinct value, shared by every file that uses it.
 *
 * Why: a substring of 13 or more characters made by `slice` is, in V8, a view that keeps the
 * whole file text alive, and a string built by `+` is a tree of pieces. Kept for every import of
 * a large tree, either costs more memory (and garbage-collection work) than all the rest of a
 * scan; and the same few thousand names recur across files.
 *
 * The pool lives as long as the process, bounded: past `MAX_POOLED` entries it starts over, so a
 * long-running language server does not accumulate names of files long gone.
 */
import { decodedSlice, isAscii } from './pythonChars';

const MAX_POOLED = 200_000;
const POOL = new Map<string, string>();

/**
 * Off in a thread that only encodes scans for another to keep (see `scanWorker.ts`): there
 * sharing saves nothing, and the pools would only take memory. Positions, spans and names
 * follow (`scanRecords.ts`).
 */
let sharing = true;

export function shareScanValues(on: boolean): void {
  sharing = on;
  POOL.clear();
}

export function sharingScanValues(): boolean {
  return sharing;
}

/** The pooled copy of a string that is already flat (from `join`, `normalize`, a short `slice`…). */
export function pooled(flat: string): string {
  if (!sharing) return flat;
  const hit = POOL.get(flat);
  return hit !== undefined ? hit : remember(flat);
}

/**
 * The pooled copy of the text `codes[start, end)` encodes (UTF-8; `text` is their Latin-1
 * string, see `SourceBytes`).
 */
export function pooledSlice(text: string, codes: Uint8Array, start: number, end: number): string {
  if (!isAscii(codes, start, end)) return pooled(decodedSlice(text, codes, start, end));
  const view = text.slice(start, end);
  if (!sharing) return view;
  const hit = POOL.get(view);
  if (hit !== undefined) return hit;
  // V8 copies substrings shorter than 13 characters; longer ones would keep `text` alive.
  return remember(end - start < 13 ? view : copyOf(codes, start, end));
}

function remember(own: string): string {
  if (POOL.size >= MAX_POOLED) POOL.clear();
  POOL.set(own, own);
  return own;
}

/** A new flat string of the ASCII `codes[start, end)`. */
function copyOf(codes: Uint8Array, start: number, end: number): string {
  let copy = '';
  // `fromCharCode` takes its arguments on the stack: a few thousand at a time.
  for (let k = start; k < end; k += 4096) {
    copy += String.fromCharCode.apply(null, codes.subarray(k, Math.min(end, k + 4096)) as unknown as number[]);
  }
  return copy;
}
