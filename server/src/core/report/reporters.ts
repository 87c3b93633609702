import { githubReporter } from './githubReport';
import { jsonReporter } from './jsonReport';
import type { Reporter } from './reporter';
import { sarifReporter } from './sarifReport';
import { textReporter } from './textReport';
import { wiringMapReporter } from './wiringMapReport';

/** The report formats (`strata check --format`), by name; the first is the default. */
export const REPORTERS: readonly Reporter[] = [textReporter, jsonReporter, githubReporter, sarifReporter, wiringMapReporter];

export function reporterNamed(name: string): Reporter | undefined {
  return REPORTERS.find((r) => r.name === name);
}
