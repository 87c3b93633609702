import type { LayerConfig, MapConfig, MapRowConfig, RuleConfig, RulesetConfig } from '../rulesetConfig';

/**
 * The HOC layer topology V1.4.0 of a FastAPI/SQLModel backend (shared/spec/hoc-v1.md), as a
 * config: the built-in preset `hoc-v1`. Every fact here comes from that document.
 */

/** The eight L5 support folders (spec §1, row 7). */
const L5_SUPPORT_FOLDERS = ['L5_controls', 'L5_lifecycle', 'L5_workflow', 'L5_utils', 'L5_ui', 'L5_notifications', 'L5_support', 'L5_vault'];

/**
 * A layer folder anywhere in the tree: under `hoc/<audience>/<domain>/` (at any depth) it has
 * that audience and domain; elsewhere it is still the layer, with neither.
 */
export function layerFolder(...folders: string[]): string[] {
  return [...folders.map((f) => `**/hoc/{audience}/{domain}/**/${f}/**`), ...folders.map((f) => `**/${f}/**`)];
}

/** Where HOC code is, its audiences, and the audience of the team's declared domains. */
export const HOC_AUDIENCE_KEYS: RulesetConfig = {
  marker: 'hoc',
  // Any file under hoc/<audience>/<domain>/ or hoc/api/<audience>/<domain>/ is of that domain, in a layer or not.
  'domain-paths': ['**/hoc/api/{audience}/{domain}/**', '**/hoc/{audience}/{domain}/**'],
  'main-audience': 'cus',
  audiences: {
    cus: { name: 'CUSTOMER' },
    fdr: { name: 'FOUNDER' },
    int: { name: 'INTERNAL' },
  },
};

/** A facade `hoc/api/facades/<audience>/<file>.py`; which domains it serves differs by version. */
export const HOC_FACADE: LayerConfig = {
  label: 'L2.1 Facade',
  heading: 'L2.1 Facade',
  role: 'groups the L2 routers of a domain',
  paths: ['**/hoc/api/facades/{audience}/{domain}.py', '**/hoc/api/facades/**'],
};

export const HOC_L2_API: LayerConfig = {
  label: 'L2 API',
  heading: 'L2 API',
  role: 'HTTP route handlers',
  paths: ['**/hoc/api/{audience}/{domain}/**', '**/hoc/api/{audience}/**'],
};

export const HOC_L5_LAYERS: Record<string, LayerConfig> = {
  L5_engines: { label: 'L5 Engine', heading: 'L5 Engines', role: 'business logic', paths: layerFolder('L5_engines') },
  L5_schemas: { label: 'L5 Schema', heading: 'L5 Schemas', role: 'data contracts', paths: layerFolder('L5_schemas') },
  L5_other: {
    label: 'L5 Other',
    heading: 'L5 Other',
    role: 'L5 support code (controls, lifecycle, workflow, utilities)',
    paths: layerFolder(...L5_SUPPORT_FOLDERS),
  },
};

export const HOC_L6_L7_LAYERS: Record<string, LayerConfig> = {
  L6_drivers: { label: 'L6 Driver', heading: 'L6 Drivers', role: 'database drivers: own queries, return domain objects', paths: layerFolder('L6_drivers') },
  L7_models: { label: 'L7 Model', heading: 'L7 Models', role: 'ORM models', paths: ['app/models/**'], domain: 'shared' },
};

export const HOC_RULES: Record<string, RuleConfig> = {
  'L2-L5': { from: ['L2_api'], forbid: [{ layers: ['L5_engines'] }], message: 'L2 MUST NOT import L5 directly', fix: 'Route through L3 adapter' },
  'L2-L6': { from: ['L2_api'], forbid: [{ layers: ['L6_drivers'] }], message: 'L2 MUST NOT import L6', fix: 'Route through L3 → L5 → L6' },
  'L2-L7': { from: ['L2_api'], forbid: [{ layers: ['L7_models'] }], message: 'L2 MUST NOT import L7 models', fix: 'Use L5 schemas or response models' },
  'L3-DB': { from: ['L3_adapters'], forbid: [{ modules: ['sqlmodel', 'sqlalchemy'] }], message: 'L3 MUST NOT access DB', fix: 'Delegate to L5 engine or L6 driver' },
  'L3-L7': { from: ['L3_adapters'], forbid: [{ layers: ['L7_models'] }], message: 'L3 MUST NOT import L7 models', fix: 'Use L5 schemas for data contracts' },
  'L5-sqlmodel': { from: ['L5_engines', 'L5_other'], forbid: [{ modules: ['sqlmodel'] }], message: 'L5 MUST NOT import sqlmodel at runtime', fix: 'Move DB logic to L6 driver' },
  'L5-sqlalchemy': { from: ['L5_engines', 'L5_other'], forbid: [{ modules: ['sqlalchemy'] }], message: 'L5 MUST NOT import sqlalchemy', fix: 'Move DB logic to L6 driver' },
  'L5-L7': { from: ['L5_engines', 'L5_other'], forbid: [{ layers: ['L7_models'] }], message: 'L5 MUST NOT import L7 models directly', fix: 'Route through L6 driver' },
  'L5-DB': { from: ['L5_engines'], forbid: [{ modules: ['app.db*'] }], message: 'L5 MUST NOT access DB directly', fix: 'Use L6 driver for DB access' },
};

/** The engine's stem and "has DB imports" (spec §3). */
export const HOC_COUNTERPARTS: RulesetConfig['counterparts'] = [
  {
    from: 'L5_engines',
    to: 'L6_drivers',
    name: '{stem}_driver.py',
    'strip-suffixes': ['_engine', '_facade'],
    'strip-suffixes-other': ['_adapter'],
    'needed-when': [{ modules: ['sqlmodel', 'sqlalchemy', 'app.db*'] }],
  },
];

export const HOC_GAPS = {
  facade: {
    type: 'L2.1_facade',
    missing: 'L2.1_facade',
    'when-present': ['L2_api'],
    'count-of': 'L2_api',
    description: 'No L2.1 facade to group {count} L2 routers',
    action: 'Build hoc/api/facades/{audience}/{domain}.py grouping: {files}',
    creates: 'hoc/api/facades/{audience}/{domain}.py',
  },
  api: {
    type: 'L2_api',
    missing: 'L2_api',
    'when-any-present': ['L5_engines', 'L6_drivers'],
    'count-of': 'L5_engines',
    description: 'No L2 API routes but {count} engines exist',
    action: 'Build hoc/api/{audience}/{domain}/ with route handlers',
    creates: 'hoc/api/{audience}/{domain}/',
  },
  driver: {
    type: 'L6_driver',
    'per-missing-counterpart': 'L5_engines',
    description: '{file} has DB imports but no matching L6 driver',
    action: 'Extract DB logic to hoc/{audience}/{domain}/L6_drivers/{name}',
    creates: 'hoc/{audience}/{domain}/L6_drivers/{name}',
  },
  models: {
    type: 'L7_models',
    missing: 'L7_models',
    'when-present': ['L6_drivers'],
    'count-of': 'L6_drivers',
    description: '{count} L6 drivers but no domain-specific L7 models',
    action: 'FLAG: domain-localized data candidate (human decision)',
  },
} satisfies Record<string, NonNullable<RulesetConfig['gaps']>[number]>;

/** The map of both HOC versions (hoc-v1.md §4): the team's rows around each version's own L3/L4 rows. */
export function hocMap(middleRows: MapRowConfig[]): MapConfig {
  return {
    title: '# {Domain} — Prescriptive Wiring Map',
    rows: [
      {
        layer: 'L2.1_facade',
        style: 'head',
        label: 'L2.1 Facade:',
        present: '{files} ✅',
        gap: '`hoc/api/facades/{audience}/{domain}.py` — **TO BUILD**',
      },
      { layer: 'L2_api', level: 0, label: 'L2 API: `hoc/api/{audience}/{domain}/`', list: 5 },
      ...middleRows,
      { layer: 'L5_engines', level: 2, list: 10, 'counterpart-found': ' → L6 ✅', 'counterpart-missing': ' → L6 ❌ (no matching driver)' },
      { layer: 'L5_schemas', style: 'count' },
      { layer: 'L5_other', style: 'count' },
      { layer: 'L6_drivers', level: 3, list: 8 },
      { layer: 'L7_models', level: 4, gap: '— **GAP** (no domain models)', 'gap-note': 'FLAG: domain-localized data candidate (human decision)' },
    ],
  };
}

export const HOC_TEMPLATES: NonNullable<RulesetConfig['templates']> = {
  L6_drivers: {
    'layer-line': 'L6 — Database Driver',
    'contract-title': 'DRIVER CONTRACT',
    contract: ['Returns domain objects, not ORM models', 'Owns query logic', 'Owns data shape transformation'],
  },
  'L2.1_facade': {
    'layer-line': 'L2.1 — API Facade',
    'contract-title': 'FACADE CONTRACT',
    contract: ['Groups the L2 routers of one domain', 'No business logic'],
  },
};

export const HOC_FIX_GROUP = { layer: 'L2.1_facade', members: 'L2_api', attribute: 'router' };
export const HOC_TYPE_CHECKING_TARGETS = [{ modules: ['sqlmodel', 'sqlalchemy'] }, { layers: ['L7_models'] }];

export const hocV1: RulesetConfig = {
  reference: 'HOC_LAYER_TOPOLOGY_V1.md (RATIFIED, V1.4.0)',
  domains: ['general', 'overview', 'activity', 'incidents', 'policies', 'controls', 'logs', 'analytics', 'integrations', 'apis', 'account'],
  ...HOC_AUDIENCE_KEYS,
  layers: {
    // A V1 facade serves every domain of its audience whose name its file name contains.
    'L2.1_facade': { ...HOC_FACADE, 'groups-domains': true },
    L2_api: HOC_L2_API,
    L3_adapters: { label: 'L3 Adapter', heading: 'L3 Adapters', role: 'boundary adapters: translation and aggregation only', paths: layerFolder('L3_adapters') },
    L4_runtime: { label: 'L4 Runtime', heading: 'L4 Runtime', role: 'runtime orchestration', paths: layerFolder('L4_runtime') },
    ...HOC_L5_LAYERS,
    ...HOC_L6_L7_LAYERS,
  },
  rules: HOC_RULES,
  counterparts: HOC_COUNTERPARTS,
  gaps: [
    HOC_GAPS.facade,
    HOC_GAPS.api,
    {
      type: 'L3_adapter',
      missing: 'L3_adapters',
      'when-present': ['L5_engines'],
      'count-of': 'L5_engines',
      description: 'No L3 adapters but {count} L5 engines exist — L2 cannot reach L5',
      action: 'Build hoc/{audience}/{domain}/L3_adapters/ with domain adapter(s)',
      creates: 'hoc/{audience}/{domain}/L3_adapters/',
    },
    HOC_GAPS.driver,
    HOC_GAPS.models,
  ],
  map: hocMap([
    { layer: 'L3_adapters', level: 1, 'item-suffix': ' ✅', gap: '— **GAP** (0 files, need domain adapter)' },
    { layer: 'L4_runtime', level: 2, list: 5, 'owner-domain': 'general', via: 'L4 Runtime (via general/L4_runtime/)' },
  ]),
  templates: {
    ...HOC_TEMPLATES,
    L3_adapters: {
      'layer-line': 'L3 — Boundary Adapter',
      'contract-title': 'ADAPTER CONTRACT',
      contract: ['Translation + aggregation only', 'No state mutation', 'No retries', 'No policy decisions'],
    },
  },
  fixes: {
    'move-to-counterpart': ['L3-DB', 'L3-L7', 'L5-sqlmodel', 'L5-sqlalchemy', 'L5-L7', 'L5-DB', 'L2-L6', 'L2-L7'],
    'route-through': { layer: 'L3_adapters', name: '{stem}_adapter.py', rules: ['L2-L5'] },
    group: HOC_FIX_GROUP,
    'type-checking-targets': HOC_TYPE_CHECKING_TARGETS,
  },
  unlisted: ['__init__.py'],
};
