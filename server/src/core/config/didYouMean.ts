import { distance } from 'fastest-levenshtein';

/**
 * The known name closest to a misspelt one, when it is close enough to be what was meant:
 * at most a third of the name's characters changed (two for short names), case ignored.
 * Ties go to the name listed first, so the suggestion never depends on anything but the input.
 */
export function closestName(written: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = distance(written.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(Math.max(written.length, best?.length ?? 0) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** ` (did you mean 'label'?)`, or nothing. */
export function didYouMean(written: string, known: readonly string[]): string {
  const name = closestName(written, known);
  return name === undefined ? '' : ` (did you mean '${name}'?)`;
}
