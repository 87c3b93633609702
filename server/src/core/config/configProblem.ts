/** A place in a text file: 0-based line and column (UTF-16 code units), as LSP counts them. */
export interface TextPosition {
  line: number;
  column: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** One thing wrong with a config file, at the key or value it is about. */
export interface ConfigProblem {
  /** Absolute path of the config file. */
  file: string;
  range: TextRange;
  message: string;
}

/** `strata.toml:4:9: message`: the 1-based form compilers and terminals understand. */
export function formatProblem(problem: ConfigProblem, displayPath: string = problem.file): string {
  return `${displayPath}:${problem.range.start.line + 1}:${problem.range.start.column + 1}: ${problem.message}`;
}

/** File order: by position, then by text, so the same file always lists its problems alike. */
export function compareProblems(a: ConfigProblem, b: ConfigProblem): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
