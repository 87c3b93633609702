import type { ImportStatement, SourceSpan } from '../extract/python/importStatement';

/** A module an import statement makes Python load, with the span that names it. */
export interface ImportTarget {
  module: string;
  span: SourceSpan;
}

export interface ResolvedImport {
  statement: ImportStatement;
  targets: ImportTarget[];
  /** Why the statement has no target (a relative import above the top package). */
  problem?: string;
}
