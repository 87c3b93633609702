/** Where the CLI writes: kept behind one interface so tests can run commands in-process. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Colours only for a person at a terminal, never in files or CI logs (and never with NO_COLOR). */
  color: boolean;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

export function paint(output: Output, code: number, text: string): string {
  return output.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}
