import * as path from 'node:path';
import picomatch from 'picomatch';

/**
 * The files a project excludes from checking, from the CLI's `--exclude` and the config's
 * `exclude` alike (one predicate, so both mean the same). Patterns follow ruff's convention:
 * a pattern without `/` names a file or folder anywhere (`legacy`, `*_pb2.py`); a pattern with
 * `/` is relative to the project root (`backend/app/legacy`, `backend/**\/generated/*.py`).
 * A folder that matches excludes everything below it.
 */
export function excludeMatcher(patterns: readonly string[], projectRoot: string): (file: string) => boolean {
  // A pattern that names nothing (`""`, `/`, `./`) matches nothing; the CLI and the config loader refuse it with a message.
  const named = patterns.map(trimSlashes).filter((p) => p !== '');
  if (named.length === 0) return () => false;
  const anywhere = named.filter((p) => !p.includes('/')).map((p) => picomatch(p, { dot: true }));
  const rooted = named.filter((p) => p.includes('/')).map((p) => picomatch(p, { dot: true }));
  return (file) => {
    const rel = path.relative(projectRoot, path.resolve(file)).split(path.sep).join('/');
    const segments = rel.split('/');
    if (anywhere.some((match) => segments.some((segment) => match(segment)))) return true;
    if (rel.startsWith('../')) return false;
    // The file itself and each folder above it, up to the root.
    for (let n = segments.length; n > 0; n--) {
      const prefix = segments.slice(0, n).join('/');
      if (rooted.some((match) => match(prefix))) return true;
    }
    return false;
  };
}

/** Whether an exclude pattern names no file or folder at all (`""`, `/`, `./`): a mistake to say, not a pattern. */
export function namesNothing(pattern: string): boolean {
  return trimSlashes(pattern) === '';
}

function trimSlashes(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/^\/+|\/+$/g, '');
}
