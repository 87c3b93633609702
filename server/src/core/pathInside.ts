import * as path from 'node:path';

/**
 * Whether `file` is `dir` or lies below it (both absolute). The common case, a normalised path
 * spelled from `dir`, is a prefix test (the index asks it for every file); anything else (`..`
 * segments, a Windows drive letter in another case) is left to `path.relative`.
 */
export function isInside(dir: string, file: string): boolean {
  if (file === dir) return true;
  if (file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep) && !file.includes(path.sep + '..')) return true;
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
