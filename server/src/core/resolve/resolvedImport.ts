import type { ImportStatement, SourceSpan } from '../extract/python/importStatement';

/** A module an import statement makes Python load, with the span that names it. */
export interface ImportTarget {
  module: string;
  span: SourceSpan;
}

export interface ResolvedImport {
  statement: ImportStatement;
  targets: ImportTarget[];
  /** A from-import's module, resolved (`from ..x import y` in `app.a.b` → `app.x`): where its names come from. */
  from?: string;
  /** Why the statement has no target (a relative import above the top package). */
  problem?: string;
}
