/** `cus_health_engine.py` → `cus_health_engine`: a Python file's name (or path) without `.py`. */
export function fileStem(fileName: string): string {
  return fileName.endsWith('.py') ? fileName.slice(0, -3) : fileName;
}

/** `cus_health_engine` → `cus_health` for `_engine`: drops the first of `suffixes` the stem ends with, keeping at least one character. */
export function dropSuffix(stem: string, suffixes: readonly string[]): string {
  const suffix = suffixes.find((s) => stem.endsWith(s) && stem.length > s.length);
  return suffix ? stem.slice(0, -suffix.length) : stem;
}
