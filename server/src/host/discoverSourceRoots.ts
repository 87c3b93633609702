import * as path from 'node:path';
import { compareBytes } from '../core/ordering';
import { FolderWalker } from './folderWalker';
import { isSkippedPath, type SkipPolicy } from './skipPolicy';
import type { InputWarning, SourceRoot } from '../core/extract/sourceRoot';

export interface Discovery {
  roots: SourceRoot[];
  /** Paths passed over; those marked `unreadable` make the result incomplete. */
  warnings: InputWarning[];
}

/** How discovery finds source roots; shaped so that the config file can feed it. */
export interface DiscoveryOptions {
  /** The folder name that marks layered code: a top package holds it (`app/hoc/`), with Python in it. */
  marker: string;
  /**
   * The folder discovery never looks above (the CLI: `findProjectRoot`; the editor: the workspace
   * folder); `sourceRoots` and `exclude` are relative to it. Default: the folder searched.
   */
  projectRoot?: string;
  /** Source roots named by the user instead of searched for: folders holding a top package with `marker`. */
  sourceRoots?: string[];
  /** Paths (relative to `projectRoot`, `/` separators) never read, folders and files alike. */
  exclude?: (relPath: string) => boolean;
}

/**
 * Finds the source roots under `folder`: each folder that holds a top package with a `marker`
 * subfolder holding Python (`backend/` holding `app/hoc/`). A `marker` folder without Python
 * (`docs/hoc/`) marks nothing. When `folder` lies inside a top package, that package's root is
 * returned, looked for no higher than the project root. The walk follows the skip policy.
 */
export function discoverSourceRoots(folder: string, options: DiscoveryOptions): Discovery {
  const start = path.resolve(folder);
  const policy: SkipPolicy = { projectRoot: path.resolve(options.projectRoot ?? start), exclude: options.exclude };
  // Searching says only what may have hidden a root (an unreadable folder): a broken link in
  // `docs/` is none of Strata's business. Listing a root's files says everything.
  const walker = new FolderWalker(policy);
  const topPackages: string[] = [];
  const unmarked: InputWarning[] = [];
  if (options.sourceRoots) {
    for (const rel of options.sourceRoots) {
      const dir = path.resolve(policy.projectRoot, rel);
      const before = topPackages.length;
      findTopPackages(walker, dir, options.marker, (top) => topPackages.push(top), 1);
      if (topPackages.length === before) unmarked.push({ path: dir, message: `source root holds no top package with a '${options.marker}/' folder of Python files` });
    }
  } else {
    const enclosing = enclosingTopPackage(walker, start, options.marker);
    if (enclosing !== undefined) topPackages.push(enclosing);
    else findTopPackages(walker, start, options.marker, (top) => topPackages.push(top));
  }
  const lister = new FolderWalker(policy, [...walker.warnings.filter((w) => w.unreadable || w.path === start), ...unmarked]);
  const roots: SourceRoot[] = [];
  for (const top of topPackages) {
    const dir = path.dirname(top);
    // One top package per source root: module names start at the root.
    if (roots.some((r) => r.dir === dir)) continue;
    roots.push({ dir, topPackageDir: top, files: lister.pythonFiles(top) });
  }
  roots.sort((a, b) => compareBytes(a.topPackageDir, b.topPackageDir));
  return { roots, warnings: lister.warnings };
}

/** Whether a folder is a top package: it holds a `marker` folder that holds Python. */
function isTopPackage(walker: FolderWalker, dir: string, marker: string): boolean {
  const markerDir = path.join(dir, marker);
  return !isSkippedPath(walker.policy, markerDir) && walker.holdsPython(markerDir);
}

/**
 * `…/app/hoc/cus/x` → `…/app`: a folder inside a top package belongs to that package's root.
 * Only the folders between the project root and `dir` are candidates, outermost first.
 */
function enclosingTopPackage(walker: FolderWalker, dir: string, marker: string): string | undefined {
  const root = walker.policy.projectRoot;
  const rel = path.relative(root, dir);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const segments = rel.split(path.sep);
  for (let k = 0; k < segments.length; k++) {
    if (segments[k] !== marker) continue;
    const top = path.join(root, ...segments.slice(0, k));
    if (isTopPackage(walker, top, marker)) return top;
  }
  return undefined;
}

function findTopPackages(walker: FolderWalker, dir: string, marker: string, found: (dir: string) => void, depth = Infinity): void {
  const entries = walker.list(dir);
  if (!entries) return;
  if (entries.some((e) => e.isDir && e.name === marker) && isTopPackage(walker, dir, marker)) {
    found(dir);
    return;
  }
  if (depth <= 0) return;
  for (const entry of entries) {
    if (walker.enters(entry)) findTopPackages(walker, entry.full, marker, found, depth - 1);
  }
}
