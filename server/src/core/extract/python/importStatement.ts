/**
 * What the Python import scanner reports. Positions are 0-based lines and UTF-16 columns
 * (JavaScript string indices within the line), the convention LSP uses by default, so the
 * server can hand spans to an editor without conversion; the CLI adds 1 for humans.
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SourceSpan {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** One name of an import: a dotted module of `import a.b as c`, or a name of `from m import x as y`. */
export interface ImportedName {
  /** As written, dots included (`a.b`), or `*` for a star import. */
  readonly name: string;
  readonly alias?: string;
  readonly span: SourceSpan;
}

/** Where an import runs: at import time of the module, or lazily when a function is called. */
export type ImportScope = 'module' | 'function';

export interface ImportStatement {
  readonly kind: 'import' | 'from';
  /** Leading dots of a from-import (`from ..x import y` is 2); 0 for absolute imports. */
  readonly level: number;
  /** From-imports: the dotted module without its leading dots (`''` for `from . import x`). Plain imports: `''`. */
  readonly module: string;
  /** From-imports: the span of the dots and the module name. */
  readonly moduleSpan?: SourceSpan;
  readonly names: readonly ImportedName[];
  /** First keyword to last token of the statement. */
  readonly span: SourceSpan;
  /** Under `if TYPE_CHECKING:` (or an alias of it): never runs, so no runtime rule applies. */
  readonly typeCheckingOnly: boolean;
  readonly scope: ImportScope;
  /** Innermost enclosing function, when scope is 'function'. */
  readonly functionName?: string;
  /**
   * The statement as reports show it: `from <dots+module> import <names, ", ">` without aliases,
   * or `import <modules, ", ">`.
   */
  readonly text: string;
}

/** A `# strata: ignore[rule, rule]` comment; an empty rule list silences every rule on that line. */
export interface Suppression {
  readonly line: number;
  readonly rules: readonly string[];
}

/** Something the scanner could not read as Python; it reports it and carries on. */
export interface ScanProblem {
  readonly position: SourcePosition;
  readonly message: string;
}

export interface PythonScan {
  readonly imports: readonly ImportStatement[];
  readonly suppressions: readonly Suppression[];
  readonly problems: readonly ScanProblem[];
}
