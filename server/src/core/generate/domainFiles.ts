import * as path from 'node:path';
import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import type { ImportStatement } from '../extract/python/importStatement';
import { moduleIdentity, packageOf, resolveRelative } from '../resolve/moduleNames';

/** Listed files (not `__init__.py`) of one layer of a domain, in path order. */
export function domainLayerFiles(index: WorkspaceIndex, layerId: string, audience: string | undefined, domain: string | undefined): AnalyzedFile[] {
  const unlisted = new Set(index.model.ruleset.unlistedFileNames);
  return index
    .files()
    .filter(
      (f) =>
        f.placement.layer?.id === layerId &&
        f.placement.audience === audience &&
        f.placement.domain === domain &&
        !unlisted.has(path.basename(f.path)),
    );
}

/** The analysed file that defines a module of a root (`a/b.py`, or the package's `a/b/__init__.py`). */
export function fileOfModule(index: WorkspaceIndex, rootDir: string, module: string): AnalyzedFile | undefined {
  const base = path.join(rootDir, ...module.split('.'));
  return index.file(path.join(base, '__init__.py')) ?? index.file(base + '.py');
}

/** The absolute module a from-import names (`from ..x import y` in `a.b.c` → `a.x`), undefined above the top package. */
export function absoluteFromModule(file: AnalyzedFile, statement: ImportStatement): string | undefined {
  if (statement.kind !== 'from') return undefined;
  return resolveRelative(packageOf(file.identity), statement.level, statement.module);
}

/** A path relative to the top package folder (`hoc/cus/x/L6_drivers/y.py`) made absolute, with its module name. */
export function placeInTopPackage(index: WorkspaceIndex, file: AnalyzedFile, relToTopPackage: string): { path: string; module: string } | undefined {
  const root = index.rootOf(file.path);
  if (!root) return undefined;
  const target = path.join(root.topPackageDir, ...relToTopPackage.split('/').filter((p) => p !== ''));
  return { path: target, module: moduleIdentity(root.dir, target).module };
}
