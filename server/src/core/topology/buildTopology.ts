import * as path from 'node:path';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import { compareBytes } from '../ordering';
import { matchEngines } from './engineCounterparts';
import { findGaps } from './findGaps';
import type { AudienceTopology, DomainTopology, DomainViolation, LayerSlot, Topology, TopologyFile } from './topology';

/**
 * Groups the listed files of a workspace by audience, domain and layer, pairs engines with
 * drivers and finds gaps. A pure function of the index: the same files give the same topology.
 * A ruleset with audiences lists audience → domain → layer (a file no audience captures, such as
 * a shared model, is checked but not listed, as in the team's own maps); one without lists
 * domain → layer in a single group with no audience. Audiences in ruleset order, domains by
 * name; with `declaredDomains`, the ruleset's declared domains come first (in their order,
 * files or not) in the main audience (or the single group).
 */
export function buildTopology(index: WorkspaceIndex, declaredDomains = false): Topology {
  const model = index.model;
  const ruleset = model.ruleset;
  const unlisted = new Set(ruleset.unlistedFileNames);
  const hasAudiences = ruleset.audiences.length > 0;
  // audience ('' for none) → domain → listed files
  const byDomain = new Map<string, Map<string, TopologyFile[]>>();
  const grouping: TopologyFile[] = [];
  const domainFiles = (audience: string, domain: string) => {
    let domains = byDomain.get(audience);
    if (!domains) byDomain.set(audience, (domains = new Map()));
    let files = domains.get(domain);
    if (!files) domains.set(domain, (files = []));
    return files;
  };
  for (const file of index.files()) {
    const { layer, audience, domain, groupingStem } = file.placement;
    const name = path.basename(file.path);
    if (!layer || unlisted.has(name) || (hasAudiences && audience === undefined)) continue;
    const entry: TopologyFile = { file, name };
    if (domain) domainFiles(audience ?? '', domain).push(entry);
    else if (groupingStem) grouping.push(entry);
  }
  const declaredIn = hasAudiences ? ruleset.mainAudience : '';
  if (declaredDomains && declaredIn !== undefined) for (const domain of ruleset.domains) domainFiles(declaredIn, domain);
  // A grouping file (facade) belongs to every domain of its audience whose name its stem contains.
  for (const entry of grouping) {
    const { audience, groupingStem } = entry.file.placement;
    const domains = byDomain.get(audience ?? '');
    if (!domains || groupingStem === undefined) continue;
    for (const [domain, files] of domains) if (groupingStem.includes(domain)) files.push(entry);
  }

  const groups: { id?: string; name?: string }[] = hasAudiences ? ruleset.audiences : [{}];
  const audiences: AudienceTopology[] = [];
  for (const group of groups) {
    const key = group.id ?? '';
    const domains = byDomain.get(key);
    if (!domains) continue;
    const declared = declaredDomains && key === declaredIn ? ruleset.domains : [];
    const others = [...domains.keys()].filter((d) => !declared.includes(d)).sort(compareBytes);
    audiences.push({ ...group, domains: [...declared, ...others].map((d) => buildDomain(index, group.id, d, domains.get(d) ?? [])) });
  }
  return { audiences };
}

function buildDomain(index: WorkspaceIndex, audience: string | undefined, domain: string, files: TopologyFile[]): DomainTopology {
  const model = index.model;
  const byRelPath = (a: TopologyFile, b: TopologyFile) => compareBytes(a.file.identity.relPath, b.file.identity.relPath);
  const layers: LayerSlot[] = model.ruleset.layerOrder.flatMap((id) => {
    const layer = model.layer(id);
    return layer ? [{ layer, files: files.filter((f) => f.file.placement.layer?.id === id).sort(byRelPath) }] : [];
  });
  const slot = (id: string | undefined) => layers.find((s) => s.layer.id === id)?.files ?? [];
  const convention = model.ruleset.counterparts;
  const engines = matchEngines(model, slot(convention?.engineLayer), slot(convention?.driverLayer), index.checkOptions);
  const gaps = findGaps(model.ruleset, audience, domain, layers, engines);
  // Report order falls out of the loops: layers in order, files by path, and per file the
  // checker's own order (statements by line, then rules in ruleset order).
  const violations: DomainViolation[] = [];
  for (const layerSlot of layers) {
    for (const entry of layerSlot.files) {
      for (const violation of entry.file.check.violations) violations.push({ file: entry, violation });
    }
  }
  return { ...(audience !== undefined ? { audience } : {}), domain, layers, engines, gaps, violations };
}
