import * as fs from 'node:fs';

/** Where the CLI writes: kept behind one interface so tests can run commands in-process. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Colours only for a person at a terminal, never in files or CI logs (and never with NO_COLOR). */
  color: boolean;
  /** Standard input as text, for `--stdin-filename` (absent where there is none to read). */
  readStdin?: () => string;
}

export const processOutput: Output = {
  out: (text) => writeUnlessClosed(process.stdout, text),
  err: (text) => writeUnlessClosed(process.stderr, text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  readStdin: () => fs.readFileSync(0, 'utf8'),
};

/**
 * A reader that goes away early (`strata check … | head -1`) closes the pipe: the rest of the
 * output has nowhere to go, which is what that reader asked for, not an error. Writing stops, and
 * the run ends as it would have, with its exit code, and without Node's EPIPE stack trace.
 */
export function endQuietlyOnClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
  }
}

function writeUnlessClosed(stream: NodeJS.WriteStream, text: string): void {
  if (!stream.destroyed) stream.write(text);
}

export { paint } from '../core/report/reporter';
