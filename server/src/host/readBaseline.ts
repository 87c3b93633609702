import * as fs from 'node:fs';
import { BaselineError, parseBaseline, type Baseline } from '../core/baseline/baseline';

/** Reads a baseline file; undefined when there is none. A file that is there but unusable is a `BaselineError`. */
export function readBaseline(file: string): Baseline | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(`cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  return parseBaseline(file, text);
}
