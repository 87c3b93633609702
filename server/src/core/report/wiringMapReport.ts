import type { Ruleset } from '../ruleset/ruleset';
import type { DomainTopology, Topology } from '../topology/topology';
import type { ReportDocument, Reporter } from './reporter';
import { renderWiringMap, titleOf, wiringMapFileName } from './wiringMap';

/** The file of a map folder that lists and links its maps. */
export const MAP_INDEX_FILE_NAME = 'INDEX.md';

/**
 * The wiring maps of the run's domains (hoc-v1.md §4), in topology order. As one document, the
 * maps one after another with a blank line between (one domain: exactly its map); as a folder,
 * one file per domain and an index of them with each one's gap and violation counts.
 */
export const wiringMapReporter: Reporter = {
  name: 'map',
  description: 'the wiring map (Markdown) of each domain checked; --out: one file each, and INDEX.md',
  render(input) {
    return domainsOf(input.topology())
      .map((domain) => renderWiringMap(domain, input.ruleset))
      .join('\n');
  },
  documents(input) {
    const topology = input.topology();
    const maps = domainsOf(topology).map((domain) => wiringMapDocument(domain, input.ruleset));
    return [...maps, { name: MAP_INDEX_FILE_NAME, text: mapIndex(topology, input.ruleset) }];
  },
};

/** A domain's map as a document: its file name in a map folder and its Markdown. */
export function wiringMapDocument(domain: DomainTopology, ruleset: Ruleset): ReportDocument {
  return { name: wiringMapFileName(ruleset, domain.audience, domain.domain), text: renderWiringMap(domain, ruleset) };
}

function domainsOf(topology: Topology): DomainTopology[] {
  return topology.audiences.flatMap((a) => a.domains);
}

function mapIndex(topology: Topology, ruleset: Ruleset): string {
  const rows = topology.audiences.flatMap((audience) =>
    audience.domains.map((domain) => {
      const name = wiringMapFileName(ruleset, domain.audience, domain.domain);
      return `| ${audience.id ?? ''} | [${titleOf(domain.domain)}](${name}) | ${domain.gaps.length} | ${domain.violations.length} |`;
    }),
  );
  const reference = ruleset.reference !== '' ? [`**Reference:** ${ruleset.reference}`, ''] : [];
  return ['# Domain Wiring Maps', '', ...reference, '| Audience | Domain | Gaps | Violations |', '|----------|--------|------|------------|', ...rows, ''].join('\n');
}
