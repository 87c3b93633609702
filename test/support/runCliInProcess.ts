import { runCli } from '../../server/src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (same code as dist/cli.js) and captures what it prints; `stdin` is what it reads as standard input. */
export function runCliInProcess(args: string[], stdin?: string): CliRun {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), color: false, readStdin: stdin === undefined ? undefined : () => stdin });
  return { code, stdout, stderr };
}
