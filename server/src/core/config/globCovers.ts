/**
 * Whether every path one glob matches is also matched by another (the glob syntax of
 * `ruleset/pathGlob.ts`), so that a layer listed later with that glob can never get a file.
 *
 * A sound approximation: `true` only when it is certain, never a false alarm; some coverings
 * go unseen (a glob covered only by two globs together, or by a segment pattern that is not
 * all wildcards and not the same text). The proof walks both globs segment by segment: a `**`
 * of the covering glob may take none or any of the other's segments (a `**` among them); two
 * plain segments must cover one another: a segment of wildcards only covers any segment, a
 * wildcard-free segment is covered by any segment pattern that matches it, and two segments
 * of the same shape cover each other.
 */
export function globCovers(covering: string, covered: string): boolean {
  // A capture matches one character or more, `*` none or more: on the covering side the
  // difference matters (`x{domain}` does not cover `x`); on the covered side a wider reading is safe.
  const a = tokens(covering, ONE_OR_MORE);
  const b = tokens(covered, '*');
  const memo = new Map<string, boolean>();
  const covers = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (j === a.length) result = i === b.length;
    else if (a[j] === ANY_SEGMENTS) result = covers(i, j + 1) || (i < b.length && covers(i + 1, j));
    else if (i === b.length || b[i] === ANY_SEGMENTS) result = false;
    else result = segmentCovers(a[j], b[i]) && covers(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return covers(0, 0);
}

/** Any number of segments, none included. */
const ANY_SEGMENTS = '**';
/** Stands for a capture in a covering segment. */
const ONE_OR_MORE = '\u0001';

/**
 * The glob's segments with every `**` meaning "zero or more": a trailing `a/**` (one or more)
 * becomes `a/*` + `**`, and a glob that is only `**` becomes `*` + `**`.
 */
function tokens(glob: string, capture: string): string[] {
  const segments = glob.split('/').map((s) => s.replace(/\{(domain|audience)\}/g, capture));
  const last = segments.length - 1;
  if (segments[last] === ANY_SEGMENTS) segments.splice(last, 1, '*', ANY_SEGMENTS);
  return segments;
}

function segmentCovers(covering: string, covered: string): boolean {
  // Segments are never empty, so a segment that is one wildcard takes any.
  if (covering === '*' || covering === ONE_OR_MORE || covering === covered) return true;
  if (covered.includes('*')) return false;
  const pattern = covering
    .split(/([*\u0001])/)
    .map((part) => (part === '*' ? '.*' : part === ONE_OR_MORE ? '.+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(covered);
}
