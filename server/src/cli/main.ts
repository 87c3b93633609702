import { enablePhaseTimings, endRemainingPhase, formatPhaseTimings } from '../core/phaseTimings';
import { checkHelp, checkOptions, runCheck } from './commands/check';
import { configHelp, runConfig } from './commands/config';
import { initHelp, runInit } from './commands/init';
import { explainHelp, runExplain } from './commands/explain';
import { mapHelp, runMap } from './commands/map';
import { formatProblem } from '../core/config/configProblem';
import { ConfigError } from './configError';
import { displayPath } from './loadWorkspace';
import { endQuietlyOnClosedPipes, processOutput, type Output } from './output';
import { ParsedCommand, type OptionSpec } from './parseCommand';
import { TOOL } from './tool';
import { UsageError } from './usageError';

const VERSION = TOOL.version;

const mainHelp = `Usage: strata <command> [options]

Layer-aware checks for layered Python codebases (built-in rulesets: HOC topology V1.4.0 and V2.0.0, detected from the tree).
A strata.toml (or [tool.strata] in pyproject.toml), the nearest from the checked folder upwards,
gives the ruleset instead (strata init writes one).

Commands:
  check [paths…]   list the imports that break the layer rules (exit 1 when there are any)
  map [dir]        regenerate a domain's Prescriptive Wiring Map (Markdown)
  explain <file>   show a file's layer and the verdict on each of its imports
  init [dir]       write a commented starter strata.toml (the detected preset, or candidate layers)
  config [dir]     print the effective ruleset (the preset with the config file's changes)

Run 'strata <command> --help' for a command's options. 'strata --version' prints ${VERSION}.
`;

const commands: Record<string, { help: string; options: OptionSpec; positionals: number; run: (c: ParsedCommand, o: Output) => number }> = {
  check: { help: checkHelp, options: checkOptions, positionals: Infinity, run: runCheck },
  map: {
    help: mapHelp,
    options: { domain: { type: 'string' }, audience: { type: 'string' }, out: { type: 'string' }, 'module-level-only': { type: 'boolean' } },
    positionals: 1,
    run: runMap,
  },
  explain: { help: explainHelp, options: { 'module-level-only': { type: 'boolean' } }, positionals: 1, run: runExplain },
  init: { help: initHelp, options: {}, positionals: 1, run: runInit },
  config: { help: configHelp, options: { format: { type: 'string' } }, positionals: 1, run: runConfig },
};

/** Runs the CLI in-process and returns its exit code; never throws. */
export function runCli(argv: string[], output: Output = processOutput): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.out(mainHelp);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    output.out(VERSION + '\n');
    return 0;
  }
  const command = commands[name];
  if (!command) {
    output.err(`strata: unknown command '${name}' (commands: ${Object.keys(commands).join(', ')}; see strata --help)\n`);
    return 2;
  }
  try {
    const parsed = ParsedCommand.parse(name, rest, command.options, command.positionals);
    if (parsed.flag('help')) {
      output.out(command.help);
      return 0;
    }
    return command.run(parsed, output);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) output.err(formatProblem(problem, displayPath(problem.file)) + '\n');
      return 2;
    }
    if (error instanceof UsageError) {
      output.err(`strata ${name}: ${error.message.replace(/^strata \w+: /, '')}\n`);
      return 2;
    }
    // A bug, not bad input: say so plainly, with the stack for the report.
    output.err(`strata ${name}: internal error: ${(error as Error).stack ?? error}\n`);
    return 3;
  }
}

if (require.main === module) {
  endQuietlyOnClosedPipes();
  // STRATA_TIMINGS=1: where the run's time went, by phase, on stderr (for `npm run bench`).
  const timings = process.env.STRATA_TIMINGS === '1';
  enablePhaseTimings(timings);
  const startedAt = performance.now();
  process.exitCode = runCli(process.argv.slice(2));
  if (timings) {
    endRemainingPhase('report', startedAt);
    process.stderr.write(formatPhaseTimings(startedAt));
  }
}
