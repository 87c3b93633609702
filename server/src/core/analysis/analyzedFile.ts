import type { PythonScan } from '../extract/python/importStatement';
import type { Placement } from '../layers/placement';
import type { ModuleIdentity } from '../resolve/moduleNames';
import type { ResolvedImport } from '../resolve/resolvedImport';
import type { CheckResult } from '../validate/checkImports';

/** Everything Strata knows about one Python file of a source root. */
export interface AnalyzedFile {
  /** Absolute path. */
  readonly path: string;
  /** The source root it belongs to (absolute). */
  readonly rootDir: string;
  readonly identity: ModuleIdentity;
  readonly placement: Placement;
  readonly scan: PythonScan;
  /** The modules its imports load, against the workspace's modules as they are now. */
  readonly imports: ResolvedImport[];
  check: CheckResult;
  /** Set when the file could not be read: it is a module, but nothing of it is checked. */
  readonly skipped?: string;
}
