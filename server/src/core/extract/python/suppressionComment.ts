/**
 * Reads `# strata: ignore[RULE, RULE]` markers. The scanner finds candidate comments cheaply (it
 * only calls this where the word `strata` occurs inside a comment), so this can afford to be
 * thorough about whitespace.
 */
import { Ch, decodedSlice, isIdentChar, skipBlanks } from './pythonChars';

export type SuppressionReading =
  | { kind: 'none' }
  | { kind: 'rules'; rules: string[] }
  | { kind: 'malformed'; at: number; message: string };

const NONE: SuppressionReading = { kind: 'none' };

/**
 * `at` is the index of the word `strata` inside the comment `[commentStart, commentEnd)`.
 * The marker must follow a `#`: the comment's own or a later one in the same comment
 * (`# noqa  # strata: ignore[L2-L5]`), so prose that merely mentions strata is not a marker.
 */
export function readSuppression(text: string, codes: Uint8Array, commentStart: number, commentEnd: number, at: number): SuppressionReading {
  let k = at - 1;
  while (k > commentStart && (codes[k] === Ch.Space || codes[k] === Ch.Tab)) k--;
  if (k < commentStart || codes[k] !== Ch.Hash) return NONE;
  let i = skipBlanks(codes, at + 6, commentEnd);
  if (codes[i] !== 58 /* : */ || i >= commentEnd) return NONE;
  i = skipBlanks(codes, i + 1, commentEnd);
  if (!text.startsWith('ignore', i) || i + 6 > commentEnd) return NONE;
  i += 6;
  if (i < commentEnd && isIdentChar(codes[i])) return NONE;
  i = skipBlanks(codes, i, commentEnd);
  if (i >= commentEnd || codes[i] !== 91 /* [ */) return { kind: 'rules', rules: [] };
  const close = text.indexOf(']', i + 1);
  if (close < 0 || close >= commentEnd) {
    return { kind: 'malformed', at: i, message: "unclosed '[' in strata suppression comment" };
  }
  const rules: string[] = [];
  for (const part of decodedSlice(text, codes, i + 1, close).split(',')) {
    const rule = part.trim();
    if (rule !== '') rules.push(rule);
  }
  // An empty list would mean "every rule" (as the bare form does): too much to grant by accident.
  if (rules.length === 0) {
    return { kind: 'malformed', at: i, message: "empty rule list in strata suppression comment (use '# strata: ignore' for all rules)" };
  }
  return { kind: 'rules', rules };
}
