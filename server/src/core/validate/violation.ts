import type { ImportStatement } from '../extract/python/importStatement';
import type { ImportTarget } from '../resolve/resolvedImport';
import type { ImportRule } from '../ruleset/ruleset';

/** One rule broken by one import statement (several targets matching it still make one). */
export interface Violation {
  rule: ImportRule;
  statement: ImportStatement;
  /** The first target of the statement that matches the rule. */
  target: ImportTarget;
}
