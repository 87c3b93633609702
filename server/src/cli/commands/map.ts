import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildTopology } from '../../core/topology/buildTopology';
import type { Topology } from '../../core/topology/topology';
import type { Ruleset } from '../../core/ruleset/ruleset';
import { renderWiringMap, titleOf, wiringMapFileName } from '../../core/report/wiringMap';
import { loadWorkspace } from '../loadWorkspace';
import type { Output } from '../output';
import type { ParsedCommand } from '../parseCommand';
import { UsageError } from '../usageError';

export const mapHelp = `Usage: strata map [dir] --domain <name> [--audience <id>] [--module-level-only]
       strata map [dir] --out <folder> [--module-level-only]

Regenerates the wiring map of a domain (Markdown) from the code under dir (default: .).

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
  if (domain) {
    const found = topology.audiences
      .filter((a) => audience === undefined || a.id === audience)
      .flatMap((a) => a.domains)
      .find((d) => d.domain === domain);
    if (!found) throw new UsageError(`no domain '${domain}'${audience ? ` in audience ${audience}` : ''}; found: ${domainList(topology) || 'none'}`);
    output.out(renderWiringMap(found, ruleset));
  }
  if (outDir) writeMaps(topology, ruleset, path.resolve(outDir), output);
  return 0;
}

function writeMaps(topology: Topology, ruleset: Ruleset, outDir: string, output: Output): void {
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create ${outDir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const rows: string[] = [];
  for (const audience of topology.audiences) {
    for (const domain of audience.domains) {
      const name = wiringMapFileName(ruleset, domain.audience, domain.domain);
      writeFile(path.join(outDir, name), renderWiringMap(domain, ruleset));
      rows.push(`| ${audience.id ?? ''} | [${titleOf(domain.domain)}](${name}) | ${domain.gaps.length} | ${domain.violations.length} |`);
    }
  }
  const reference = ruleset.reference !== '' ? [`**Reference:** ${ruleset.reference}`, ''] : [];
  const index = ['# Domain Wiring Maps', '', ...reference, '| Audience | Domain | Gaps | Violations |', '|----------|--------|------|------------|', ...rows, ''].join('\n');
  writeFile(path.join(outDir, 'INDEX.md'), index);
  output.err(`wrote ${rows.length} wiring maps and INDEX.md to ${outDir}\n`);
}

function writeFile(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

function domainList(topology: Topology): string {
  return topology.audiences.flatMap((a) => a.domains.map((d) => (a.id ? `${a.id}/${d.domain}` : d.domain))).join(', ');
}
