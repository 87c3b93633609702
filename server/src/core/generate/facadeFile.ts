import * as path from 'node:path';
import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import type { Ruleset } from '../ruleset/ruleset';
import { compareBytes } from '../ordering';
import { fill } from '../ruleset/template';
import { domainLayerFiles, placeInTopPackage } from './domainFiles';
import { conventionsFor, gapForMissing } from './fileConventions';
import { renderHeader } from './header';

export interface FacadeRouter {
  /** `app.hoc.api.cus.integrations`, `cus_telemetry`, and the name it is bound to in the facade. */
  parent: string;
  leaf: string;
  alias: string;
  /** The module defines a module-level `router`. */
  hasRouter: boolean;
}

export interface FacadePlan {
  audience: string;
  domain: string;
  fileName: string;
  path: string;
  /** Facades that already group the domain: open these instead of creating one. */
  existing: AnalyzedFile[];
  routers: AnalyzedFile[];
  content: string;
}

/**
 * The L2.1 facade of a domain (spec §5): it imports each L2 router module of the domain and
 * lists, in `routers`, the modules that define a module-level `router`. `readText` gives a
 * router module's current text. Undefined when the domain has no router files.
 */
export function planFacade(index: WorkspaceIndex, audience: string, domain: string, readText: (file: string) => string | undefined): FacadePlan | undefined {
  const ruleset = index.model.ruleset;
  const conventions = conventionsFor(ruleset);
  const gap = gapForMissing(ruleset, conventions.facadeLayer);
  const routerLayer = conventions.routerLayer;
  if (!routerLayer || !gap?.creates) return undefined;
  const routers = domainLayerFiles(index, routerLayer, audience, domain);
  if (routers.length === 0) return undefined;
  const place = placeInTopPackage(index, routers[0], fill(gap.creates, { audience, domain }));
  if (!place) return undefined;
  const existing = existingFacades(index, audience, domain);
  const attribute = conventions.routerAttribute;
  const definesRouter = new RegExp(`^${attribute}\\s*(?::[^=\\n]*)?=(?!=)`, 'm');
  const entries: FacadeRouter[] = [];
  const taken = new Set<string>();
  for (const router of [...routers].sort((a, b) => compareBytes(a.identity.relPath, b.identity.relPath))) {
    const module = router.identity.module;
    const dot = module.lastIndexOf('.');
    const parent = module.slice(0, dot);
    const leaf = module.slice(dot + 1);
    let alias = leaf;
    if (taken.has(alias)) alias = `${parent.slice(parent.lastIndexOf('.') + 1)}_${leaf}`;
    for (let k = 2; taken.has(alias); k++) alias = `${leaf}_${k}`;
    taken.add(alias);
    entries.push({ parent, leaf, alias, hasRouter: definesRouter.test(readText(router.path) ?? '') });
  }
  const content = renderFacadeFile(ruleset, {
    audienceName: index.model.audienceName(audience) ?? audience,
    domain,
    routerLayerLabel: index.model.layer(routerLayer)?.label ?? routerLayer,
    attribute,
    routers: entries,
  });
  return { audience, domain, fileName: path.basename(place.path), path: place.path, existing, routers, content };
}

/** Facades of a domain: those of its audience placed in it, or grouping it by file name (hoc-v1.md §1). */
export function existingFacades(index: WorkspaceIndex, audience: string, domain: string): AnalyzedFile[] {
  const facadeLayer = conventionsFor(index.model.ruleset).facadeLayer;
  if (!facadeLayer) return [];
  return index
    .files()
    .filter(
      (f) =>
        f.placement.layer?.id === facadeLayer &&
        f.placement.audience === audience &&
        (f.placement.domain === domain || (f.placement.groupingStem !== undefined && f.placement.groupingStem.includes(domain))),
    );
}

export interface FacadeFileValues {
  audienceName: string;
  domain: string;
  routerLayerLabel: string;
  attribute: string;
  routers: FacadeRouter[];
}

export function renderFacadeFile(ruleset: Ruleset, values: FacadeFileValues): string {
  const facadeLayer = conventionsFor(ruleset).facadeLayer;
  const template = facadeLayer !== undefined ? ruleset.headers[facadeLayer] : undefined;
  const header = template
    ? renderHeader(ruleset, template, {
        audienceName: values.audienceName,
        role: `Groups the ${values.routerLayerLabel} routers of ${values.domain}`,
        callers: 'the application router registration',
      })
    : '';
  const imports = values.routers.map((r) => `from ${r.parent} import ${r.leaf}${r.alias !== r.leaf ? ` as ${r.alias}` : ''}`);
  const collected = values.routers.filter((r) => r.hasRouter).map((r) => `    ${r.alias}.${values.attribute},`);
  const list = collected.length > 0 ? `routers = [\n${collected.join('\n')}\n]\n` : 'routers = []\n';
  return [header, imports.join('\n') + '\n', list].join('\n');
}
