import * as fs from 'node:fs';
import { endPhase, startPhase } from '../core/phaseTimings';

/** Files this large are generated or data, not source a person keeps layered; reading them costs more than it tells. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

export type SourceText = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'binary' | 'too large'; message: string };

export type SourceBytes = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'unreadable' | 'binary' | 'too large'; message: string };

/**
 * Reads a Python file as the editor would show it: UTF-8, bytes that are not UTF-8 replaced
 * by U+FFFD (so one bad byte loses nothing else), a BOM dropped so columns match the editor's.
 */
export function readSource(file: string): SourceText {
  const started = startPhase();
  const source = readBytes(file);
  const result: SourceText = source.ok ? decodeSource(source.bytes) : source;
  endPhase('read', started);
  return result;
}

/**
 * Reads a Python file's bytes, not decoded, a BOM dropped (what the scanner reads, see
 * `scanPythonImportBytes`): the same checks and messages as `readSource`. The bytes are a view of
 * a buffer the next read reuses: valid until then.
 */
export function readSourceBytes(file: string): SourceBytes {
  const started = startPhase();
  const source = readBytes(file);
  endPhase('read', started);
  return source;
}

/**
 * Files are read into this one buffer, grown as needed (up to the size limit) and reused: a
 * buffer per file would be an ArrayBuffer per file (most source files are over the 4 KB Node
 * pools) for the garbage collector to track and free, and the text is decoded out of it anyway.
 */
let readBuffer = Buffer.allocUnsafeSlow(1 << 18);

function readBytes(file: string): SourceBytes {
  let fd: number | undefined;
  let length = 0;
  try {
    fd = fs.openSync(file, 'r');
    // No fstat: a read that does not fill the buffer has reached the end of a regular file, so
    // most files take one open, one read and one close. The buffer holds one byte more than the
    // limit, so a file over it shows as a full buffer.
    for (;;) {
      const n = fs.readSync(fd, readBuffer, length, readBuffer.length - length, length);
      length += n;
      if (n === 0 || length < readBuffer.length) break;
      if (length > MAX_SOURCE_BYTES) {
        const size = fs.fstatSync(fd).size;
        return { ok: false, reason: 'too large', message: `skipped: ${(size / 1048576).toFixed(1)} MB is over the ${MAX_SOURCE_BYTES / 1048576} MB limit` };
      }
      const grown = Buffer.allocUnsafeSlow(Math.min(readBuffer.length * 4, MAX_SOURCE_BYTES + 1));
      readBuffer.copy(grown, 0, 0, length);
      readBuffer = grown;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code ?? String(error);
    return { ok: false, reason: 'unreadable', message: `cannot read file: ${code}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const bytes = readBuffer.subarray(0, length);
  // A buffer grown for a very large file is not kept for the rest of the run.
  if (readBuffer.length > 1 << 21) readBuffer = Buffer.allocUnsafeSlow(1 << 18);
  const binary = binaryFile(bytes);
  if (binary) return binary;
  const bom = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { ok: true, bytes: bom ? bytes.subarray(3) : bytes };
}

export function decodeSource(bytes: Uint8Array): SourceText {
  const binary = binaryFile(bytes);
  if (binary) return binary;
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/**
 * A NUL byte never occurs in Python source; it marks compiled or binary data named `.py`, or
 * UTF-16 text (an editor's "Unicode" encoding), which Python cannot run either: said as such,
 * since "binary" would puzzle whoever sees text in the file.
 */
function binaryFile(bytes: Uint8Array): { ok: false; reason: 'binary'; message: string } | undefined {
  if (!bytes.subarray(0, 8192).includes(0)) return undefined;
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  return { ok: false, reason: 'binary', message: utf16 ? 'skipped: UTF-16 text (Python reads source as UTF-8 and cannot run it either)' : 'skipped: binary file (contains NUL bytes)' };
}
