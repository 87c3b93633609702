import type { ConfigProblem } from '../core/config/configProblem';

/** The config file governing the checked folder is broken: its problems are printed, exit code 2, nothing runs. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`${problems.length} problem(s) in ${problems[0]?.file}`);
  }
}
