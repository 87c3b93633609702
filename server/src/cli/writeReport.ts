import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPORTERS } from '../core/report/reporters';
import { plural, type ReportContext, type ReportInput, type Reporter } from '../core/report/reporter';
import type { Output } from './output';
import { UsageError } from './usageError';

/**
 * Sends a run's report where it was asked to go: the format's one document to standard output,
 * or, with `--out <folder>`, its named documents into that folder (created when missing), saying
 * so on stderr unless the run is quiet.
 */
export function writeReport(reporter: Reporter, input: ReportInput, context: ReportContext, output: Output, folder?: string): void {
  if (folder === undefined) {
    if (reporter.pieces) for (const piece of reporter.pieces(input, context)) output.out(piece);
    else output.out(reporter.render(input, context));
    return;
  }
  if (!reporter.documents) throw new UsageError(withoutFolder(reporter));
  const documents = reporter.documents(input, context);
  const dir = path.resolve(folder);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EEXIST' || code === 'ENOTDIR' ? `--out ${dir} is a file, not a folder: nothing written` : `cannot create ${dir}: ${code ?? String(error)}`);
  }
  // A link planted where a map goes (a pull request's docs/maps/x.md → ~/.bashrc) would have the
  // run write through it, outside the folder: refused, before anything is written.
  for (const document of documents) {
    const file = path.join(dir, document.name);
    if (fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) throw new UsageError(`${file} is a symbolic link: not written through (remove it, and the run writes a file there)`);
  }
  for (const document of documents) {
    const file = path.join(dir, document.name);
    try {
      fs.writeFileSync(file, document.text);
    } catch (error) {
      throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  if (!context.quiet) output.err(`wrote ${documents.length} ${plural(documents.length, 'file')} to ${dir}\n`);
}

/** Says, before any work, that `--out` was given with a format that is one document. */
export function checkWritesFolder(reporter: Reporter, folder: string | undefined): void {
  if (folder !== undefined && !reporter.documents) throw new UsageError(withoutFolder(reporter));
}

function withoutFolder(reporter: Reporter): string {
  const folderFormats = REPORTERS.filter((r) => r.documents).map((r) => r.name);
  return `--out writes the files of a format that has several (${folderFormats.join(', ')}); --format ${reporter.name} is one document: redirect standard output instead`;
}
