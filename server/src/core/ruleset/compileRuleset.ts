import { compilePathGlob, type PathGlob } from './pathGlob';
import type { ForbidTarget, GapConfig, LayerConfig, MapConfig, MapRowConfig, RuleConfig, RulesetConfig } from './rulesetConfig';
import type {
  FixConventions, GapDefinition, ImportRule, LayerDefinition, MapDefinition, MapRow, Ruleset, TargetMatcher,
} from './ruleset';

/** The folder that marks layered code when a config names none (nor `source-roots`): the schema's default. */
export const DEFAULT_MARKER = 'hoc';

/**
 * Turns a config (its `extends` already merged: `config/`'s loader does it, and checks the meaning
 * of every reference) into the model the analysis uses. Never throws: a glob that does not compile
 * matches nothing, an unknown layer id matches no file, so a config the loader would refuse still
 * gives an answer rather than a crash. The presets are checked by the loader's own `checkMeaning`
 * in a test.
 */
export function compileRuleset(config: RulesetConfig, id = config.extends ?? 'config'): Ruleset {
  const layers = Object.entries(config.layers ?? {}).map(([layerId, layer]) => compileLayer(layerId, layer));
  const counterpart = config.counterparts?.[0];
  const ruleset: Ruleset = {
    id,
    reference: config.reference ?? '',
    sourceRootMarker: config.marker ?? DEFAULT_MARKER,
    domainPaths: globs(config['domain-paths']),
    layers,
    layerOrder: layers.map((l) => l.id),
    audiences: Object.entries(config.audiences ?? {}).map(([audienceId, a]) => ({ id: audienceId, name: a.name })),
    mainAudience: config['main-audience'],
    domains: config.domains ?? [],
    rules: Object.entries(config.rules ?? {})
      .filter(([, rule]) => rule.enabled !== false)
      .map(([ruleId, rule]) => compileRule(ruleId, rule)),
    counterparts: counterpart && {
      engineLayer: counterpart.from,
      driverLayer: counterpart.to,
      engineStemSuffixes: counterpart['strip-suffixes'] ?? [],
      otherStemSuffixes: counterpart['strip-suffixes-other'] ?? [],
      driverFileName: counterpart.name,
      databaseTargets: (counterpart['needed-when'] ?? []).map(compileTarget),
    },
    gaps: (config.gaps ?? []).map(compileGap),
    unlistedFileNames: config.unlisted ?? ['__init__.py'],
    headers: Object.fromEntries(
      Object.entries(config.templates ?? {}).map(([layerId, t]) => [layerId, { layerLine: t['layer-line'], contractTitle: t['contract-title'], contract: t.contract }]),
    ),
    fixes: compileFixes(config),
    map: compileMap(config.map ?? {}, layers),
  };
  return ruleset;
}

function compileLayer(id: string, layer: LayerConfig): LayerDefinition {
  const label = layer.label ?? id;
  return {
    id,
    label,
    heading: layer.heading ?? label,
    role: layer.role ?? '',
    paths: globs(layer.paths),
    domain: layer.domain,
    audience: layer.audience,
    groupsDomains: layer['groups-domains'] ?? false,
  };
}

function compileRule(id: string, rule: RuleConfig): ImportRule {
  return {
    id,
    from: rule.from ?? [],
    forbid: (rule.forbid ?? []).map(compileTarget),
    except: rule.except ?? [],
    message: rule.message ?? id,
    fix: rule.fix ?? '',
    lazy: rule.lazy ?? true,
    typeChecking: rule['type-checking'] ?? false,
    severity: rule.severity ?? 'error',
    ignoreFiles: globs(rule['ignore-files']),
  };
}

/** `modules` entries ending in `*` are name prefixes (`app.db*` matches `app.db_async`); the rest are a module and what is below it. */
function compileTarget(target: ForbidTarget): TargetMatcher {
  const matcher: TargetMatcher = {};
  if (target.layers) matcher.layers = target.layers;
  const modules = target.modules ?? [];
  const exact = modules.filter((m) => !m.endsWith('*'));
  const prefixes = modules.filter((m) => m.endsWith('*')).map((m) => m.slice(0, -1));
  if (exact.length > 0) matcher.modules = exact;
  if (prefixes.length > 0) matcher.namePrefixes = prefixes;
  if (target.names) matcher.names = target.names;
  if (target.domain) matcher.domain = target.domain;
  return matcher;
}

function compileGap(gap: GapConfig): GapDefinition {
  return {
    type: gap.type,
    missing: gap.missing,
    whenPresent: gap['when-present'],
    whenAnyPresent: gap['when-any-present'],
    perMissingCounterpart: gap['per-missing-counterpart'],
    countOf: gap['count-of'],
    description: gap.description,
    action: gap.action,
    creates: gap.creates,
  };
}

function compileFixes(config: RulesetConfig): FixConventions {
  const fixes = config.fixes ?? {};
  const route = fixes['route-through'];
  const open = fixes['open-importers'];
  return {
    moveToCounterpart: fixes['move-to-counterpart'] ?? [],
    routeThrough: route && { layer: route.layer, fileName: route.name, rules: route.rules },
    openImporters: open && { layer: open.layer, title: open.title, rules: open.rules },
    group: fixes.group && { ...fixes.group },
    typeCheckingTargets: (fixes['type-checking-targets'] ?? []).map(compileTarget),
  };
}

function compileMap(map: MapConfig, layers: LayerDefinition[]): MapDefinition {
  const configured: MapRowConfig[] = map.rows ?? layers.map((l) => ({ layer: l.id }));
  const rows: MapRow[] = [];
  let level = -1;
  for (const row of configured) {
    const layer = layers.find((l) => l.id === row.layer);
    const style = row.style ?? 'branch';
    if (row.level !== undefined) level = row.level;
    else if (style !== 'count') level += 1;
    rows.push({
      layer: row.layer,
      style,
      level: Math.max(level, 0),
      label: row.label ?? layer?.heading ?? row.layer,
      present: row.present ?? (style === 'head' ? '{files}' : '({count} files)'),
      gap: row.gap ?? '— **GAP** (0 files)',
      gapNote: row['gap-note'],
      list: row.list ?? Infinity,
      itemSuffix: row['item-suffix'] ?? '',
      counterpartFound: row['counterpart-found'],
      counterpartMissing: row['counterpart-missing'],
      ownerDomain: row['owner-domain'],
      via: row.via,
    });
  }
  return {
    title: map.title ?? '# {Domain} — Wiring Map',
    rows,
    violationRows: map['violation-rows'] ?? 20,
    statementWidth: map['statement-width'] ?? 60,
    fileName: map['file-name'] ?? '{domain}.DOMAIN_WIRING_MAP.md',
  };
}

/** The globs that compile; the loader reports the others, with their position, before this runs. */
function globs(sources: string[] | undefined): PathGlob[] {
  return (sources ?? []).flatMap((source) => {
    const result = compilePathGlob(source);
    return result.ok ? [result.glob] : [];
  });
}
