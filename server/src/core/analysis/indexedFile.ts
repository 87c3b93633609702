import type { PythonScan } from '../extract/python/importStatement';
import type { Placement } from '../layers/placement';
import type { ModuleIdentity } from '../resolve/moduleNames';
import type { ModuleSet } from '../resolve/moduleSet';
import { resolveImports } from '../resolve/resolveImports';
import type { ResolvedImport } from '../resolve/resolvedImport';
import type { CheckResult } from '../validate/checkImports';
import type { AnalyzedFile } from './analyzedFile';

/**
 * A file as `WorkspaceIndex` keeps it. Its resolved imports are not kept but resolved again from
 * the scan each time they are read: kept for every file of a large tree (statement, target list,
 * one object and often one new string per target), they were a quarter of the index's memory,
 * while resolving one file takes microseconds and only navigation, hovers, fixes and the map read
 * them. They are resolved against the root's module set as it is now, which is what the index
 * checked the file against: when a module appears or vanishes, the index re-checks every file
 * whose resolution it changes (`WorkspaceIndex.reresolve`).
 */
export class IndexedFile implements AnalyzedFile {
  constructor(
    readonly path: string,
    readonly rootDir: string,
    readonly identity: ModuleIdentity,
    readonly placement: Placement,
    readonly scan: PythonScan,
    private readonly modules: ModuleSet,
    public check: CheckResult,
    readonly skipped: string | undefined,
  ) {}

  get imports(): ResolvedImport[] {
    return resolveImports(this.identity, this.scan.imports, this.modules);
  }
}
