import type { Ruleset } from '../ruleset/ruleset';
import type { DomainTopology, TopologyFile } from '../topology/topology';

/**
 * Renders a domain's "Prescriptive Wiring Map", the Markdown document the team used to get
 * from a nightly script (spec §4). The glyphs, indents and limits reproduce that document
 * byte for byte; the layer ids below are those of hoc-v1, whose document format this is.
 */
export function renderWiringMap(topology: DomainTopology, ruleset: Ruleset): string {
  const { audience, domain } = topology;
  const files = (layerId: string): TopologyFile[] => topology.layers.find((s) => s.layer.id === layerId)?.files ?? [];
  const topPath = (f: TopologyFile) => pathInTopPackage(f);
  const out: string[] = [];
  out.push(`# ${titleOf(domain)} — Prescriptive Wiring Map`, '', `**Reference:** ${ruleset.reference}`, '', '## Target State', '');

  // Each level of the tree is indented 7 columns more than the one above it.
  const at = (level: number) => ' '.repeat(2 + 7 * level);
  const items = (level: number, names: string[], limit: number) => {
    names.slice(0, limit).forEach((name) => out.push(`${at(level)}├── ${name}`));
    if (names.length > limit) out.push(`${at(level)}└── ... (+${names.length - limit} more)`);
  };

  const facades = files('L2.1_facade');
  out.push(
    facades.length > 0
      ? `L2.1 Facade: ${facades.map((f) => '`' + topPath(f) + '`').join(', ')} ✅`
      : `L2.1 Facade: \`hoc/api/facades/${audience}/${domain}.py\` — **TO BUILD**`,
  );
  out.push(`${at(0)}│`);

  const routers = files('L2_api');
  if (routers.length > 0) {
    out.push(`${at(0)}└──→ L2 API: \`hoc/api/${audience}/${domain}/\` (${count(routers)})`);
    items(1, routers.map((f) => f.name), 5);
  } else {
    out.push(`${at(0)}└──→ L2 API: \`hoc/api/${audience}/${domain}/\` — **GAP** (no route handlers)`);
  }
  out.push(`${at(1)}│`);

  const adapters = files('L3_adapters');
  if (adapters.length > 0) {
    out.push(`${at(1)}└──→ L3 Adapters (${count(adapters)})`);
    items(2, adapters.map((f) => `${f.name} ✅`), Infinity);
  } else {
    out.push(`${at(1)}└──→ L3 Adapters — **GAP** (no adapters)`);
  }
  out.push(`${at(2)}│`);

  // Runtime code lives in one domain; every other domain points to it.
  const runtime = files('L4_runtime');
  if (domain === 'general' && runtime.length > 0) {
    out.push(`${at(2)}├──→ L4 Runtime (${count(runtime)})`);
    runtime.slice(0, 5).forEach((f) => out.push(`${at(2)}│      ├── ${f.name}`));
    if (runtime.length > 5) out.push(`${at(2)}│      └── ... (+${runtime.length - 5} more)`);
  } else {
    out.push(`${at(2)}├──→ L4 Runtime (via general/L4_runtime/)`);
  }
  out.push(`${at(2)}│`);

  const engines = topology.engines;
  if (engines.length > 0) {
    out.push(`${at(2)}└──→ L5 Engines (${count(engines)})`);
    items(3, engines.map((e) => `${e.engine.name} → L6 ${e.drivers.length > 0 ? '✅' : '❌ (no matching driver)'}`), 10);
  } else {
    out.push(`${at(2)}└──→ L5 Engines — **GAP** (no engines)`);
  }
  const schemas = files('L5_schemas');
  const other = files('L5_other');
  if (schemas.length > 0) out.push(`${at(2)}     L5 Schemas (${count(schemas)})`);
  if (other.length > 0) out.push(`${at(2)}     L5 Other (${count(other)})`);
  out.push(`${at(3)}│`);

  const drivers = files('L6_drivers');
  if (drivers.length > 0) {
    out.push(`${at(3)}└──→ L6 Drivers (${count(drivers)})`);
    items(4, drivers.map((f) => f.name), 8);
  } else {
    out.push(`${at(3)}└──→ L6 Drivers — **GAP** (no drivers)`);
  }
  out.push(`${at(4)}│`);
  out.push(`${at(4)}└──→ L7 Models — **GAP** (no domain models)`);
  out.push(`${at(5)}FLAG: domain-localized data candidate (human decision)`);

  out.push('', '---');
  if (topology.gaps.length > 0) {
    out.push('', '## Gaps', '', '| Type | Description | Action |', '|------|-------------|--------|');
    topology.gaps.forEach((g) => out.push(`| ${g.type} | ${g.description} | ${g.action} |`));
  }
  if (topology.violations.length > 0) {
    out.push('', '## Violations', '', '| File | Import | Rule Broken | Fix |', '|------|--------|-------------|-----|');
    const shown = topology.violations.slice(0, 20);
    shown.forEach(({ file, violation }) =>
      out.push(`| \`${file.name}\` | \`${violation.statement.text.slice(0, 60)}\` | ${violation.rule.message} | ${violation.rule.fix} |`),
    );
    if (topology.violations.length > shown.length) out.push(`| ... | +${topology.violations.length - shown.length} more | | |`);
  }
  return out.join('\n') + '\n';
}

/** `api_keys` → `Api_Keys`: each `_`-separated word capitalised, the `_` kept. */
export function titleOf(domain: string): string {
  return domain
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('_');
}

function count(list: unknown[]): string {
  return `${list.length} ${list.length === 1 ? 'file' : 'files'}`;
}

/** `app/hoc/api/facades/cus/x.py` → `hoc/api/facades/cus/x.py`: maps speak from inside the top package. */
function pathInTopPackage(f: TopologyFile): string {
  const rel = f.file.identity.relPath;
  const slash = rel.indexOf('/');
  return slash < 0 ? rel : rel.slice(slash + 1);
}
