import * as path from 'node:path';

/** A workspace file as a Python module: where it is and what it is called. */
export interface ModuleIdentity {
  /** Path from the source root with `/` (`app/hoc/cus/x/L5_engines/y.py`): what layers are matched on. */
  relPath: string;
  /** Dotted name (`app.hoc.cus.x.L5_engines.y`); a package's `__init__.py` is the package. */
  module: string;
  /** `__init__.py`: its relative imports start from its own package, not its parent's. */
  isPackageInit: boolean;
}

export function moduleIdentity(sourceRootDir: string, file: string): ModuleIdentity {
  // Files come from walking the root, so slicing is exact; path.relative is the fallback for other spellings.
  const prefix = sourceRootDir.endsWith(path.sep) ? sourceRootDir : sourceRootDir + path.sep;
  const native = file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(sourceRootDir, file);
  const relPath = path.sep === '/' ? native : native.split(path.sep).join('/');
  const withoutExt = relPath.endsWith('.py') ? relPath.slice(0, -3) : relPath;
  const isPackageInit = withoutExt === '__init__' || withoutExt.endsWith('/__init__');
  const dotted = (isPackageInit ? withoutExt.slice(0, -'/__init__'.length) : withoutExt).replace(/\//g, '.');
  return { relPath, module: dotted, isPackageInit };
}

/** The package that relative imports of a module start from. */
export function packageOf(identity: ModuleIdentity): string {
  if (identity.isPackageInit) return identity.module;
  const dot = identity.module.lastIndexOf('.');
  return dot < 0 ? '' : identity.module.slice(0, dot);
}

/**
 * `from ..x import y` in package `a.b.c`: level 2 climbs to `a.b`, then appends `x`.
 * Returns undefined when the import climbs above the top package, as Python refuses it.
 */
export function resolveRelative(fromPackage: string, level: number, module: string): string | undefined {
  if (level === 0) return module;
  const parts = fromPackage === '' ? [] : fromPackage.split('.');
  if (level - 1 >= parts.length) return undefined;
  const base = parts.slice(0, parts.length - (level - 1));
  if (module !== '') base.push(module);
  return base.join('.');
}
