/**
 * What the Python import scanner reports. Positions are 0-based lines and UTF-16 columns
 * (JavaScript string indices within the line), the convention LSP uses by default, so the
 * server can hand spans to an editor without conversion; the CLI adds 1 for humans.
 */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface SourceSpan {
  start: SourcePosition;
  end: SourcePosition;
}

/** One name of an import: a dotted module of `import a.b as c`, or a name of `from m import x as y`. */
export interface ImportedName {
  /** As written, dots included (`a.b`), or `*` for a star import. */
  name: string;
  alias?: string;
  span: SourceSpan;
}

/** Where an import runs: at import time of the module, or lazily when a function is called. */
export type ImportScope = 'module' | 'function';

export interface ImportStatement {
  kind: 'import' | 'from';
  /** Leading dots of a from-import (`from ..x import y` is 2); 0 for absolute imports. */
  level: number;
  /** From-imports: the dotted module without its leading dots (`''` for `from . import x`). Plain imports: `''`. */
  module: string;
  /** From-imports: the span of the dots and the module name. */
  moduleSpan?: SourceSpan;
  names: ImportedName[];
  /** First keyword to last token of the statement. */
  span: SourceSpan;
  /** Under `if TYPE_CHECKING:` (or an alias of it): never runs, so no runtime rule applies. */
  typeCheckingOnly: boolean;
  scope: ImportScope;
  /** Innermost enclosing function, when scope is 'function'. */
  functionName?: string;
  /**
   * The statement as reports show it: `from <dots+module> import <names, ", ">` without aliases,
   * or `import <modules, ", ">`.
   */
  text: string;
}

/** A `# strata: ignore[rule, rule]` comment; an empty rule list silences every rule on that line. */
export interface Suppression {
  line: number;
  rules: string[];
}

/** Something the scanner could not read as Python; it reports it and carries on. */
export interface ScanProblem {
  position: SourcePosition;
  message: string;
}

export interface PythonScan {
  imports: ImportStatement[];
  suppressions: Suppression[];
  problems: ScanProblem[];
}
