import * as fs from 'node:fs';
import { parseBaseline, type BaselineRead } from '../core/baseline/baseline';

/** Reads a baseline file; undefined when there is none. A file that is there but unusable (or unreadable) is a message. */
export function readBaseline(file: string): BaselineRead | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { ok: false, message: `cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? error}` };
  }
  // A BOM (an editor on Windows may write one) is no part of the JSON.
  return parseBaseline(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
