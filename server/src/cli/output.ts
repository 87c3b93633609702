/** Where the CLI writes: kept behind one interface so tests can run commands in-process. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Colours only for a person at a terminal, never in files or CI logs (and never with NO_COLOR). */
  color: boolean;
}

export const processOutput: Output = {
  out: (text) => writeUnlessClosed(process.stdout, text),
  err: (text) => writeUnlessClosed(process.stderr, text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
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

export function paint(output: Output, code: number, text: string): string {
  return output.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}
