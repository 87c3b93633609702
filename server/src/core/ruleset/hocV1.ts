import type { Ruleset } from './ruleset';

/**
 * The HOC layer topology V1.4.0 of a FastAPI/SQLModel backend: Strata's built-in ruleset.
 * Every fact here comes from the topology document (shared/spec/hoc-v1.md); nothing else in
 * the code knows these names.
 */
export const hocV1: Ruleset = {
  id: 'hoc-v1',
  reference: 'HOC_LAYER_TOPOLOGY_V1.md (RATIFIED, V1.4.0)',
  sourceRootMarker: 'hoc',
  layers: [
    { id: 'L2.1_facade', label: 'L2.1 Facade', heading: 'L2.1 Facade', pathContains: ['hoc/api/facades/'], role: 'groups the L2 routers of a domain' },
    { id: 'L2_api', label: 'L2 API', heading: 'L2 API', pathContains: ['hoc/api/cus/', 'hoc/api/fdr/', 'hoc/api/int/'], role: 'HTTP route handlers' },
    { id: 'L3_adapters', label: 'L3 Adapter', heading: 'L3 Adapters', pathContains: ['/L3_adapters/'], role: 'boundary adapters: translation and aggregation only' },
    { id: 'L4_runtime', label: 'L4 Runtime', heading: 'L4 Runtime', pathContains: ['/L4_runtime/'], role: 'runtime orchestration' },
    { id: 'L5_engines', label: 'L5 Engine', heading: 'L5 Engines', pathContains: ['/L5_engines/'], role: 'business logic' },
    { id: 'L5_schemas', label: 'L5 Schema', heading: 'L5 Schemas', pathContains: ['/L5_schemas/'], role: 'data contracts' },
    {
      id: 'L5_other',
      label: 'L5 Other',
      heading: 'L5 Other',
      pathContains: ['/L5_controls/', '/L5_lifecycle/', '/L5_workflow/', '/L5_utils/', '/L5_ui/', '/L5_notifications/', '/L5_support/', '/L5_vault/'],
      role: 'L5 support code (controls, lifecycle, workflow, utilities)',
    },
    { id: 'L6_drivers', label: 'L6 Driver', heading: 'L6 Drivers', pathContains: ['/L6_drivers/'], role: 'database drivers: own queries, return domain objects' },
    { id: 'L7_models', label: 'L7 Model', heading: 'L7 Models', pathContains: ['app/models/'], role: 'ORM models' },
  ],
  layerOrder: ['L2.1_facade', 'L2_api', 'L3_adapters', 'L4_runtime', 'L5_engines', 'L5_schemas', 'L5_other', 'L6_drivers', 'L7_models'],
  audiences: [
    { id: 'cus', name: 'CUSTOMER' },
    { id: 'fdr', name: 'FOUNDER' },
    { id: 'int', name: 'INTERNAL' },
  ],
  domainLocators: [
    { after: 'hoc/api/facades/', domainsFromFileName: true },
    { after: 'hoc/api/' },
    { after: 'hoc/' },
  ],
  sharedDomains: [{ pathContains: 'app/models/', domain: 'shared' }],
  rules: [
    { id: 'L2-L5', from: ['L2_api'], target: { layers: ['L5_engines'] }, message: 'L2 MUST NOT import L5 directly', fix: 'Route through L3 adapter', severity: 'error' },
    { id: 'L2-L6', from: ['L2_api'], target: { layers: ['L6_drivers'] }, message: 'L2 MUST NOT import L6', fix: 'Route through L3 → L5 → L6', severity: 'error' },
    { id: 'L2-L7', from: ['L2_api'], target: { layers: ['L7_models'] }, message: 'L2 MUST NOT import L7 models', fix: 'Use L5 schemas or response models', severity: 'error' },
    { id: 'L3-DB', from: ['L3_adapters'], target: { modules: ['sqlmodel', 'sqlalchemy'] }, message: 'L3 MUST NOT access DB', fix: 'Delegate to L5 engine or L6 driver', severity: 'error' },
    { id: 'L3-L7', from: ['L3_adapters'], target: { layers: ['L7_models'] }, message: 'L3 MUST NOT import L7 models', fix: 'Use L5 schemas for data contracts', severity: 'error' },
    { id: 'L5-sqlmodel', from: ['L5_engines', 'L5_other'], target: { modules: ['sqlmodel'] }, message: 'L5 MUST NOT import sqlmodel at runtime', fix: 'Move DB logic to L6 driver', severity: 'error' },
    { id: 'L5-sqlalchemy', from: ['L5_engines', 'L5_other'], target: { modules: ['sqlalchemy'] }, message: 'L5 MUST NOT import sqlalchemy', fix: 'Move DB logic to L6 driver', severity: 'error' },
    { id: 'L5-L7', from: ['L5_engines', 'L5_other'], target: { layers: ['L7_models'] }, message: 'L5 MUST NOT import L7 models directly', fix: 'Route through L6 driver', severity: 'error' },
    { id: 'L5-DB', from: ['L5_engines'], target: { namePrefixes: ['app.db'] }, message: 'L5 MUST NOT access DB directly', fix: 'Use L6 driver for DB access', severity: 'error' },
  ],
  counterparts: {
    engineLayer: 'L5_engines',
    driverLayer: 'L6_drivers',
    engineStemSuffixes: ['_engine', '_facade'],
    driverFileName: '{stem}_driver.py',
    databaseTargets: [{ modules: ['sqlmodel', 'sqlalchemy'] }, { namePrefixes: ['app.db'] }],
  },
  gaps: [
    {
      type: 'L2.1_facade',
      missing: 'L2.1_facade',
      whenPresent: ['L2_api'],
      countOf: 'L2_api',
      description: 'No L2.1 facade to group {count} L2 routers',
      action: 'Build hoc/api/facades/{audience}/{domain}.py grouping: {files}',
      creates: 'hoc/api/facades/{audience}/{domain}.py',
    },
    {
      type: 'L2_api',
      missing: 'L2_api',
      whenAnyPresent: ['L5_engines', 'L6_drivers'],
      countOf: 'L5_engines',
      description: 'No L2 API routes but {count} engines exist',
      action: 'Build hoc/api/{audience}/{domain}/ with route handlers',
      creates: 'hoc/api/{audience}/{domain}/',
    },
    {
      type: 'L3_adapter',
      missing: 'L3_adapters',
      whenPresent: ['L5_engines'],
      countOf: 'L5_engines',
      description: 'No L3 adapters but {count} L5 engines exist — L2 cannot reach L5',
      action: 'Build hoc/{audience}/{domain}/L3_adapters/ with domain adapter(s)',
      creates: 'hoc/{audience}/{domain}/L3_adapters/',
    },
    {
      type: 'L6_driver',
      perEngineWithoutDriver: true,
      description: '{engine} has DB imports but no matching L6 driver',
      action: 'Extract DB logic to hoc/{audience}/{domain}/L6_drivers/{driver}',
      creates: 'hoc/{audience}/{domain}/L6_drivers/{driver}',
    },
    {
      type: 'L7_models',
      missing: 'L7_models',
      whenPresent: ['L6_drivers'],
      countOf: 'L6_drivers',
      description: '{count} L6 drivers but no domain-specific L7 models',
      action: 'FLAG: domain-localized data candidate (human decision)',
    },
  ],
  unlistedFileNames: ['__init__.py'],
  headers: {
    L6_drivers: {
      layerLine: 'L6 — Database Driver',
      contractTitle: 'DRIVER CONTRACT',
      contract: ['Returns domain objects, not ORM models', 'Owns query logic', 'Owns data shape transformation'],
    },
    L3_adapters: {
      layerLine: 'L3 — Boundary Adapter',
      contractTitle: 'ADAPTER CONTRACT',
      contract: ['Translation + aggregation only', 'No state mutation', 'No retries', 'No policy decisions'],
    },
    'L2.1_facade': {
      layerLine: 'L2.1 — API Facade',
      contractTitle: 'FACADE CONTRACT',
      contract: ['Groups the L2 routers of one domain', 'No business logic'],
    },
  },
};
