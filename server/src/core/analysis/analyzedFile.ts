import type { PythonScan } from '../extract/python/importStatement';
import type { Placement } from '../layers/placement';
import type { ModuleIdentity } from '../resolve/moduleNames';
import type { ResolvedImport } from '../resolve/resolvedImport';
import type { CheckResult } from '../validate/checkImports';

/** Everything Strata knows about one Python file of a source root. */
export interface AnalyzedFile {
  /** Absolute path. */
  path: string;
  /** The source root it belongs to (absolute). */
  rootDir: string;
  identity: ModuleIdentity;
  placement: Placement;
  scan: PythonScan;
  imports: ResolvedImport[];
  check: CheckResult;
  /** Set when the file could not be read: it is a module, but nothing of it is checked. */
  skipped?: string;
}
