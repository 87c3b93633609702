import * as path from 'node:path';
import { FolderWalker, type FolderEntry } from './folderWalker';
import { skipsFolder, type SkipPolicy } from './skipPolicy';
import { compareBytes } from '../core/ordering';
import type { LayoutSurvey } from '../core/config/starterConfig';

/** Folder names that hold Python but are never a layer of the code itself. */
const NOT_LAYERS = new Set(['tests', 'test', 'docs', 'examples', 'scripts', 'migrations']);

/** How deep below the folder a top package is looked for (`src/shop` is two). */
const MAX_DEPTH = 3;

/**
 * The packages of a layout Strata has no preset for, as candidate layers for `strata init`:
 * the first top package found (a folder with `__init__.py` whose parent has none, nearest first,
 * then in byte order) and its subpackages; when its folder holds several top packages, those.
 * Walks by the skip policy, so dependencies and virtualenvs never count.
 */
export function surveyLayout(folder: string): LayoutSurvey {
  const policy: SkipPolicy = { projectRoot: folder };
  // One walker per listing: a survey looks at a folder more than once, links loops cannot arise in a bounded depth.
  const list = (dir: string): FolderEntry[] => new FolderWalker(policy).list(dir) ?? [];
  const folders = (dir: string) => list(dir).filter((e) => e.isDir && !skipsFolder(policy, e.full, e.name) && !NOT_LAYERS.has(e.name));
  const isPackage = (dir: string) => list(dir).some((e) => e.isFile && e.name === '__init__.py');
  let level = [folder];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      const packages = folders(dir).filter((e) => isPackage(e.full)).map((e) => e.name).sort(compareBytes);
      if (packages.length > 0) {
        const sourceRoot = path.relative(folder, dir).split(path.sep).join('/') || '.';
        if (packages.length > 1) return { sourceRoot, candidates: packages };
        const top = path.join(dir, packages[0]);
        const candidates = folders(top).filter((e) => new FolderWalker(policy).holdsPython(e.full)).map((e) => e.name).sort(compareBytes);
        return { sourceRoot, topPackage: packages[0], candidates };
      }
      next.push(...folders(dir).map((e) => e.full));
    }
    level = next;
  }
  return { sourceRoot: '.', candidates: [] };
}
