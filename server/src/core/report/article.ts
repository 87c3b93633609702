/**
 * `an L5 Engine`, `a Driver`: a layer label with its indefinite article, chosen by how the label
 * is read aloud (`L` is "ell", so `an L…`; `F` is "eff", `M` "em", and so on).
 */
export function withArticle(label: string): string {
  return `${/^[AEFHILMNORSX]/.test(label) ? 'an' : 'a'} ${label}`;
}
