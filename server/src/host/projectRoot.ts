import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files whose folder is a project's root: Strata's own config, a Python project file, a repository. */
export const PROJECT_ROOT_MARKERS = ['strata.toml', 'pyproject.toml', '.git'];

/**
 * The project a folder belongs to: the nearest folder, from `folder` upwards, holding one of
 * `PROJECT_ROOT_MARKERS`; with none of them, `folder` itself. Strata never looks above it, so a
 * checkout below an unrelated folder (`…/hoc/proj`) is never mixed with its neighbours.
 */
export function findProjectRoot(folder: string): string {
  const start = path.resolve(folder);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (PROJECT_ROOT_MARKERS.some((name) => fs.existsSync(path.join(dir, name)))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
