import { lazyReportInput } from '../../core/report/reporter';
import { wiringMapReporter } from '../../core/report/wiringMapReport';
import { buildTopology } from '../../core/topology/buildTopology';
import { selectDomains } from '../../core/topology/selectDomains';
import type { Topology } from '../../core/topology/topology';
import { displayPath, loadWorkspace } from '../loadWorkspace';
import type { Output } from '../output';
import type { ParsedCommand } from '../parseCommand';
import { TOOL } from '../tool';
import { UsageError } from '../usageError';
import { writeReport } from '../writeReport';

export const mapHelp = `Usage: strata map [dir] --domain <name> [--audience <id>] [--module-level-only]
       strata map [dir] --out <folder> [--module-level-only]

Regenerates the wiring map of a domain (Markdown) from the code under dir (default: .).
The same maps, for the domains of the checked files and with check's exit code, come from
strata check --format map (and --out <folder>).

Options:
  --domain <name>        print this domain's map to stdout (a domain the ruleset declares has one
                         even with no file yet)
  --audience <id>        the domain's audience, when the ruleset has audiences (default: the first
                         audience, in ruleset order, that has the domain)
  --out <folder>         write one map per domain (<domain>.DOMAIN_WIRING_MAP.md; audiences other
                         than the ruleset's main one prefixed: <audience>.<domain>…) and an INDEX.md
                         into folder; declared domains first
  --module-level-only    ignore imports inside functions
  -h, --help             show this help
`;

export function runMap(command: ParsedCommand, output: Output): number {
  const domain = command.string('domain');
  const outDir = command.string('out');
  if (!domain && !outDir) throw new UsageError('strata map: give --domain <name> or --out <folder> (see strata map --help)');
  const audience = command.string('audience');
  const analysis = loadWorkspace(command.positionalOr(0, '.'), { moduleLevelOnly: command.flag('module-level-only') }, output);
  const ruleset = analysis.index.model.ruleset;
  if (audience !== undefined && !ruleset.audiences.some((a) => a.id === audience)) {
    const known = ruleset.audiences.map((a) => a.id).join(', ');
    throw new UsageError(`unknown audience '${audience}': ${known ? `use ${known}` : 'this ruleset has no audiences'}`);
  }
  const topology = buildTopology(analysis.index, true);
  // The map is the one format here, and it reads the domains only: this command checks nothing.
  const inputOf = (domains: Topology) =>
    lazyReportInput(ruleset, {
      checkReport: () => {
        throw new Error('strata map makes no check report');
      },
      topology: () => domains,
    });
  const context = { color: false, displayPath, sourceRoot: process.cwd(), tool: TOOL, quiet: false };
  if (domain) {
    const found = topology.audiences
      .filter((a) => audience === undefined || a.id === audience)
      .flatMap((a) => a.domains)
      .find((d) => d.domain === domain);
    if (!found) throw new UsageError(`no domain '${domain}'${audience ? ` in audience ${audience}` : ''}; found: ${domainList(topology) || 'none'}`);
    writeReport(wiringMapReporter, inputOf(selectDomains(topology, (d) => d === found)), context, output);
  }
  if (outDir) writeReport(wiringMapReporter, inputOf(topology), context, output, outDir);
  return 0;
}

function domainList(topology: Topology): string {
  return topology.audiences.flatMap((a) => a.domains.map((d) => (a.id ? `${a.id}/${d.domain}` : d.domain))).join(', ');
}
