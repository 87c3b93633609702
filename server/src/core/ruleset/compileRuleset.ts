import { compilePathGlob, type PathGlob } from './pathGlob';
import type {
  ForbidTarget, GapConfig, LayerConfig, MapConfig, MapRowConfig, RuleConfig, RulesetConfig,
} from './rulesetConfig';
import type {
  FixConventions, GapDefinition, ImportRule, LayerDefinition, MapDefinition, MapRow, Ruleset, TargetMatcher,
} from './ruleset';

/** Something a ruleset says that cannot work, with the key path it is at (`['rules', 'L2-L5', 'from', 0]`). */
export interface RulesetProblem {
  path: (string | number)[];
  message: string;
}

/** Thrown by `compileRuleset` for a config `validateRuleset` would have refused: callers validate first. */
export class InvalidRulesetError extends Error {
  constructor(readonly problems: RulesetProblem[]) {
    super(problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
  }
}

/**
 * What is wrong with a (merged) config beyond its types: references to layers, rules and
 * audiences that do not exist, globs that cannot compile, rules that forbid nothing. Empty when
 * `compileRuleset` can compile it. Never throws.
 */
export function validateRuleset(config: RulesetConfig): RulesetProblem[] {
  const problems: RulesetProblem[] = [];
  const layerIds = new Set(Object.keys(config.layers ?? {}));
  const ruleIds = new Set(Object.keys(config.rules ?? {}));
  const audienceIds = Object.keys(config.audiences ?? {});
  const checkLayer = (id: unknown, at: (string | number)[]) => {
    if (typeof id !== 'string' || !layerIds.has(id)) problems.push({ path: at, message: `unknown layer '${String(id)}'${suggest(String(id), layerIds)}` });
  };
  const checkRuleIds = (ids: string[] | undefined, at: (string | number)[]) =>
    (ids ?? []).forEach((id, i) => {
      if (!ruleIds.has(id)) problems.push({ path: [...at, i], message: `unknown rule '${id}'${suggest(id, ruleIds)}` });
    });
  const checkGlob = (source: string, at: (string | number)[]) => {
    const result = compilePathGlob(source);
    if (!result.ok) problems.push({ path: at, message: result.error });
    return result.ok ? result.glob : undefined;
  };
  const checkTargets = (targets: ForbidTarget[] | undefined, at: (string | number)[]) =>
    (targets ?? []).forEach((t, i) => {
      (t.layers ?? []).forEach((id, j) => checkLayer(id, [...at, i, 'layers', j]));
      if (!t.layers?.length && !t.modules?.length && !t.names?.length && t.domain === undefined) {
        problems.push({ path: [...at, i], message: 'a target needs `layers`, `modules`, `names` or `domain`' });
      }
    });

  for (const [id, layer] of Object.entries(config.layers ?? {})) {
    const paths = layer.paths ?? [];
    if (paths.length === 0) problems.push({ path: ['layers', id, 'paths'], message: 'a layer needs at least one path glob' });
    paths.forEach((source, i) => checkGlob(source, ['layers', id, 'paths', i]));
    if (layer.audience !== undefined && !audienceIds.includes(layer.audience)) {
      problems.push({ path: ['layers', id, 'audience'], message: `unknown audience '${layer.audience}'${suggest(layer.audience, audienceIds)}` });
    }
  }
  for (const [id, rule] of Object.entries(config.rules ?? {})) {
    if (rule.enabled === false) continue;
    if (!rule.from?.length) problems.push({ path: ['rules', id, 'from'], message: 'a rule needs `from` (the layers it applies to)' });
    (rule.from ?? []).forEach((layer, i) => checkLayer(layer, ['rules', id, 'from', i]));
    if (!rule.forbid?.length) problems.push({ path: ['rules', id, 'forbid'], message: 'a rule needs `forbid` (what it forbids)' });
    checkTargets(rule.forbid, ['rules', id, 'forbid']);
    (rule['ignore-files'] ?? []).forEach((source, i) => checkGlob(source, ['rules', id, 'ignore-files', i]));
  }
  (config.counterparts ?? []).forEach((c, i) => {
    checkLayer(c.from, ['counterparts', i, 'from']);
    checkLayer(c.to, ['counterparts', i, 'to']);
    checkTargets(c['needed-when'], ['counterparts', i, 'needed-when']);
  });
  (config.gaps ?? []).forEach((g, i) => {
    for (const key of ['missing', 'per-missing-counterpart', 'count-of'] as const) if (g[key] !== undefined) checkLayer(g[key], ['gaps', i, key]);
    for (const key of ['when-present', 'when-any-present'] as const) (g[key] ?? []).forEach((id, j) => checkLayer(id, ['gaps', i, key, j]));
    if (g.missing === undefined && g['per-missing-counterpart'] === undefined) {
      problems.push({ path: ['gaps', i], message: 'a gap needs `missing` or `per-missing-counterpart`' });
    }
  });
  (config.map?.rows ?? []).forEach((row, i) => checkLayer(row.layer, ['map', 'rows', i, 'layer']));
  for (const id of Object.keys(config.templates ?? {})) checkLayer(id, ['templates', id]);
  const fixes = config.fixes ?? {};
  checkRuleIds(fixes['move-to-counterpart'], ['fixes', 'move-to-counterpart']);
  if (fixes['route-through']) {
    checkLayer(fixes['route-through'].layer, ['fixes', 'route-through', 'layer']);
    checkRuleIds(fixes['route-through'].rules, ['fixes', 'route-through', 'rules']);
  }
  if (fixes['open-importers']) {
    checkLayer(fixes['open-importers'].layer, ['fixes', 'open-importers', 'layer']);
    checkRuleIds(fixes['open-importers'].rules, ['fixes', 'open-importers', 'rules']);
  }
  if (fixes.group) {
    checkLayer(fixes.group.layer, ['fixes', 'group', 'layer']);
    checkLayer(fixes.group.members, ['fixes', 'group', 'members']);
  }
  checkTargets(fixes['type-checking-targets'], ['fixes', 'type-checking-targets']);
  const main = config['main-audience'];
  if (main !== undefined && !audienceIds.includes(main)) problems.push({ path: ['main-audience'], message: `unknown audience '${main}'${suggest(main, audienceIds)}` });
  return problems;
}

/**
 * Turns a config (its `extends` already merged, see `mergeConfig`) into the model the analysis
 * uses. Throws `InvalidRulesetError` when `validateRuleset` finds problems: a config is validated
 * (with positions) by the loader before it gets here, and presets by a test.
 */
export function compileRuleset(config: RulesetConfig, id = config.extends ?? 'config'): Ruleset {
  const problems = validateRuleset(config);
  if (problems.length > 0) throw new InvalidRulesetError(problems);
  const layers = Object.entries(config.layers ?? {}).map(([layerId, layer]) => compileLayer(layerId, layer));
  const counterpart = config.counterparts?.[0];
  const ruleset: Ruleset = {
    id,
    reference: config.reference ?? '',
    sourceRootMarker: config.marker ?? '',
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
    paths: (layer.paths ?? []).map(glob),
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
    ignoreFiles: (rule['ignore-files'] ?? []).map(glob),
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

function glob(source: string): PathGlob {
  const result = compilePathGlob(source);
  if (!result.ok) throw new InvalidRulesetError([{ path: [], message: result.error }]);
  return result.glob;
}

/** ` (did you mean 'L5_engines'?)` for a near miss, else nothing. */
function suggest(word: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
