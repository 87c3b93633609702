import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildTopology } from '../../core/topology/buildTopology';
import type { DomainTopology, Topology } from '../../core/topology/topology';
import { hocV1 } from '../../core/ruleset/hocV1';
import { renderWiringMap, titleOf } from '../../core/report/wiringMap';
import { loadWorkspace } from '../loadWorkspace';
import type { Output } from '../output';
import type { ParsedCommand } from '../parseCommand';
import { UsageError } from '../usageError';

export const mapHelp = `Usage: strata map [dir] --domain <name> [--audience cus] [--module-level-only]
       strata map [dir] --out <folder> [--module-level-only]

Regenerates the Prescriptive Wiring Map of a domain (Markdown) from the code under dir (default: .).

Options:
  --domain <name>        print this domain's map to stdout
  --audience <id>        the domain's audience: cus (default), fdr or int
  --out <folder>         write one map per domain (<domain>.DOMAIN_WIRING_MAP.md; other audiences
                         prefixed: fdr.<domain>…) and an INDEX.md into folder
  --module-level-only    ignore imports inside functions
  -h, --help             show this help
`;

export function runMap(command: ParsedCommand, output: Output): number {
  const domain = command.string('domain');
  const outDir = command.string('out');
  if (!domain && !outDir) throw new UsageError('strata map: give --domain <name> or --out <folder> (see strata map --help)');
  const audience = command.string('audience') ?? 'cus';
  if (!hocV1.audiences.some((a) => a.id === audience)) {
    throw new UsageError(`unknown audience '${audience}': use ${hocV1.audiences.map((a) => a.id).join(', ')}`);
  }
  const analysis = loadWorkspace(command.positionalOr(0, '.'), { moduleLevelOnly: command.flag('module-level-only') }, output);
  const topology = buildTopology(analysis.index);
  if (domain) {
    const found = topology.audiences.find((a) => a.id === audience)?.domains.find((d) => d.domain === domain);
    if (!found) throw new UsageError(`no domain '${domain}' in audience ${audience}; found: ${domainList(topology) || 'none'}`);
    output.out(renderWiringMap(found, hocV1));
  }
  if (outDir) writeMaps(topology, path.resolve(outDir), output);
  return 0;
}

function writeMaps(topology: Topology, outDir: string, output: Output): void {
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create ${outDir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const rows: string[] = [];
  for (const audience of topology.audiences) {
    for (const domain of audience.domains) {
      const name = mapFileName(domain);
      writeFile(path.join(outDir, name), renderWiringMap(domain, hocV1));
      rows.push(`| ${audience.id} | [${titleOf(domain.domain)}](${name}) | ${domain.gaps.length} | ${domain.violations.length} |`);
    }
  }
  const index = ['# Domain Wiring Maps', '', `**Reference:** ${hocV1.reference}`, '', '| Audience | Domain | Gaps | Violations |', '|----------|--------|------|------------|', ...rows, ''].join('\n');
  writeFile(path.join(outDir, 'INDEX.md'), index);
  output.err(`wrote ${rows.length} wiring maps and INDEX.md to ${outDir}\n`);
}

/** `integrations.DOMAIN_WIRING_MAP.md`, the name the team's maps already have; other audiences get a prefix. */
export function mapFileName(domain: DomainTopology): string {
  return `${domain.audience === 'cus' ? '' : domain.audience + '.'}${domain.domain}.DOMAIN_WIRING_MAP.md`;
}

function writeFile(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

function domainList(topology: Topology): string {
  return topology.audiences.flatMap((a) => a.domains.map((d) => `${a.id}/${d.domain}`)).join(', ');
}
