/**
 * Code-unit order, independent of locale: the order reports use so that the same tree gives
 * the same output on every machine (`M25_integrations.py` before `alerts.py`).
 */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
