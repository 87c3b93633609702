import * as fs from 'node:fs';
import { endPhase, startPhase } from '../phaseTimings';

/** Files this large are generated or data, not source a person keeps layered; reading them costs more than it tells. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

export type SourceText = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'binary' | 'too large'; message: string };

/**
 * Reads a Python file as the editor would show it: UTF-8, bytes that are not UTF-8 replaced
 * by U+FFFD (so one bad byte loses nothing else), a BOM dropped so columns match the editor's.
 */
export function readSource(file: string): SourceText {
  const started = startPhase();
  const source = readAndDecode(file);
  endPhase('read', started);
  return source;
}

function readAndDecode(file: string): SourceText {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // One open, then fstat on the descriptor: the size check costs no second path lookup.
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > MAX_SOURCE_BYTES) {
      return { ok: false, reason: 'too large', message: `skipped: ${(size / 1048576).toFixed(1)} MB is over the ${MAX_SOURCE_BYTES / 1048576} MB limit` };
    }
    bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = fs.readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    bytes = bytes.subarray(0, read);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code ?? String(error);
    return { ok: false, reason: 'unreadable', message: `cannot read file: ${code}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return decodeSource(bytes);
}

export function decodeSource(bytes: Uint8Array): SourceText {
  // A NUL byte never occurs in Python source; it marks compiled or binary data named `.py`.
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary', message: 'skipped: binary file (contains NUL bytes)' };
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}
