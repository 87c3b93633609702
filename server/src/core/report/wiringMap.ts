import type { MapRow, Ruleset } from '../ruleset/ruleset';
import { fill } from '../ruleset/template';
import type { DomainTopology, TopologyFile } from '../topology/topology';

/**
 * Renders a domain's wiring map, the Markdown document HOC teams call the "Prescriptive Wiring
 * Map" (hoc-v1.md §4): a title, the reference, a tree drawn from the ruleset's map rows (one
 * per layer), then the gaps and violations tables. Everything a preset says differently (which
 * rows, their depth, texts, limits) is data of `ruleset.map`; the glyphs and indents are the
 * team generator's, so that a regenerated map does not diff against the maps a team keeps.
 */
export function renderWiringMap(topology: DomainTopology, ruleset: Ruleset): string {
  const { domain } = topology;
  const values = { audience: topology.audience ?? '', domain };
  const map = ruleset.map;
  const files = (layerId: string): TopologyFile[] => topology.layers.find((s) => s.layer.id === layerId)?.files ?? [];
  const out: string[] = [fill(map.title, { Domain: titleOf(domain) }), ''];
  if (ruleset.reference !== '') out.push(`**Reference:** ${ruleset.reference}`, '');
  out.push('## Target State', '');

  // Each level of the tree is indented 7 columns more than the one above it.
  const at = (level: number) => ' '.repeat(2 + 7 * level);
  const items = (level: number, names: string[], limit: number) => {
    names.slice(0, limit).forEach((name) => out.push(`${at(level)}├── ${name}`));
    if (names.length > limit) out.push(`${at(level)}└── ... (+${names.length - limit} more)`);
  };
  const counterpartOf = new Map(topology.engines.map((e) => [e.engine, e]));
  const itemText = (row: MapRow, f: TopologyFile) => {
    const pair = counterpartOf.get(f);
    if (pair && row.counterpartFound !== undefined && row.counterpartMissing !== undefined) {
      return f.name + (pair.drivers.length > 0 ? row.counterpartFound : row.counterpartMissing);
    }
    return f.name + row.itemSuffix;
  };
  const withText = (label: string, text: string) => (text === '' ? label : `${label} ${text}`);

  let first = true;
  for (const row of map.rows) {
    const listed = files(row.layer);
    const label = fill(row.label, values);
    const count = String(listed.length);
    if (row.style === 'head') {
      const shown = listed.map((f) => '`' + pathInTopPackage(f) + '`').join(', ');
      out.push(withText(label, fill(listed.length > 0 ? row.present : row.gap, { ...values, count, files: shown })));
      first = false;
      continue;
    }
    if (row.style === 'count') {
      if (listed.length > 0) out.push(`${at(row.level)}     ${withText(label, fill(row.present, { ...values, count }))}`);
      continue;
    }
    if (!first || row.level > 0) out.push(`${at(row.level)}│`);
    first = false;
    if (row.ownerDomain !== undefined && row.ownerDomain !== domain && row.via !== undefined) {
      out.push(`${at(row.level)}├──→ ${fill(row.via, values)}`);
      continue;
    }
    if (listed.length === 0) {
      out.push(`${at(row.level)}└──→ ${withText(label, fill(row.gap, values))}`);
      if (row.gapNote !== undefined) out.push(`${at(row.level + 1)}${fill(row.gapNote, values)}`);
      continue;
    }
    out.push(`${at(row.level)}└──→ ${withText(label, fill(row.present, { ...values, count }))}`);
    items(row.level + 1, listed.map((f) => itemText(row, f)), row.list);
    // The owner's listing closes with a bar of its own, as the team's generator draws it.
    if (row.ownerDomain !== undefined) out.push(`${at(row.level + 1)}│`);
  }

  out.push('', '---');
  if (topology.gaps.length > 0) {
    out.push('', '## Gaps', '', '| Type | Description | Action |', '|------|-------------|--------|');
    topology.gaps.forEach((g) => out.push(`| ${g.type} | ${g.description} | ${g.action} |`));
  }
  if (topology.violations.length > 0) {
    out.push('', '## Violations', '', '| File | Import | Rule Broken | Fix |', '|------|--------|-------------|-----|');
    const shown = topology.violations.slice(0, map.violationRows);
    shown.forEach(({ file, violation }) =>
      out.push(`| \`${file.name}\` | \`${violation.statement.text.slice(0, map.statementWidth)}\` | ${violation.rule.message} | ${violation.rule.fix} |`),
    );
    if (topology.violations.length > shown.length) out.push(`| ... | +${topology.violations.length - shown.length} more | | |`);
  }
  return out.join('\n') + '\n';
}

/**
 * The file name of a domain's map (`integrations.DOMAIN_WIRING_MAP.md`); a domain of another
 * audience than the ruleset's main one gets the audience in front (`fdr.ops.DOMAIN_WIRING_MAP.md`).
 */
export function wiringMapFileName(ruleset: Ruleset, audience: string | undefined, domain: string): string {
  const prefix = audience === undefined || audience === ruleset.mainAudience ? '' : `${audience}.`;
  return prefix + fill(ruleset.map.fileName, { domain });
}

/** `api_keys` → `Api_Keys`: each `_`-separated word capitalised, the `_` kept. */
export function titleOf(domain: string): string {
  return domain
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('_');
}

/** `app/hoc/api/facades/cus/x.py` → `hoc/api/facades/cus/x.py`: maps speak from inside the top package. */
function pathInTopPackage(f: TopologyFile): string {
  const rel = f.file.identity.relPath;
  const slash = rel.indexOf('/');
  return slash < 0 ? rel : rel.slice(slash + 1);
}
