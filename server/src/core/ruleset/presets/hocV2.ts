import type { RulesetConfig } from '../rulesetConfig';
import {
  HOC_AUDIENCE_KEYS, HOC_COUNTERPARTS, HOC_FACADE, HOC_FIX_GROUP, HOC_GAPS, HOC_L2_API, HOC_L5_LAYERS, HOC_L6_L7_LAYERS, HOC_RULES, hocMap,
  HOC_TEMPLATES, HOC_TYPE_CHECKING_TARGETS,
} from './hocV1';

/**
 * The HOC layer topology V2.0.0 (shared/spec/hoc-v2.md): no L3, L4 is the `hoc_spine` package,
 * and rules about domains (another domain's engines and drivers) and about reaching up. What the
 * spec says is "as V1" is taken from the hoc-v1 preset.
 */

const L5_LAYERS = ['L5_engines', 'L5_other'];
const SPINE_EXCEPTIONS = ['app.hoc.cus.hoc_spine.services', 'app.hoc.cus.hoc_spine.schemas'];

export const hocV2: RulesetConfig = {
  reference: 'HOC_LAYER_TOPOLOGY_V2.0.0.md (RATIFIED)',
  domains: ['hoc_spine', 'overview', 'activity', 'incidents', 'policies', 'controls', 'logs', 'analytics', 'integrations', 'apis', 'account', 'agent', 'api_keys', 'ops'],
  ...HOC_AUDIENCE_KEYS,
  layers: {
    // A V2 facade serves the domain its file stem names.
    'L2.1_facade': { ...HOC_FACADE, role: 'groups the L2 routers of one audience and domain; imports L2 routers only' },
    L2_api: { ...HOC_L2_API, role: 'thin HTTP boundary: validation, auth and tenant extraction, hands an operation to L4' },
    L4_spine: {
      label: 'L4 Spine',
      heading: 'L4 Spine',
      role: 'the single orchestrator: cross-domain coordination, transactions, retries, lifecycle',
      paths: ['**/hoc/cus/hoc_spine/**'],
      domain: 'hoc_spine',
      audience: 'cus',
    },
    L5_engines: { ...HOC_L5_LAYERS.L5_engines, role: "domain business logic; calls its own domain's L6" },
    L5_schemas: { ...HOC_L5_LAYERS.L5_schemas, role: 'data contracts, typed contexts, driver protocols' },
    L5_other: { ...HOC_L5_LAYERS.L5_other, role: 'L5 support code' },
    L6_drivers: { ...HOC_L6_L7_LAYERS.L6_drivers, role: 'DB operations of one domain; returns domain objects, not ORM rows' },
    L7_models: { ...HOC_L6_L7_LAYERS.L7_models, role: 'ORM tables' },
  },
  rules: {
    'L2-L5': { ...HOC_RULES['L2-L5'], fix: 'Route through L4 spine' },
    'L2-L6': { ...HOC_RULES['L2-L6'], fix: 'Route through L4 → L5 → L6' },
    'L2-L7': HOC_RULES['L2-L7'],
    'L2.1-L4': {
      from: ['L2.1_facade'],
      forbid: [{ layers: ['L4_spine', 'L5_engines', 'L5_schemas', 'L5_other', 'L6_drivers', 'L7_models'] }],
      message: 'L2.1 MUST NOT import L4–L7',
      fix: 'A facade imports L2 routers only',
    },
    'L5-sqlmodel': HOC_RULES['L5-sqlmodel'],
    'L5-sqlalchemy': HOC_RULES['L5-sqlalchemy'],
    'L5-L7': HOC_RULES['L5-L7'],
    'L5-DB': HOC_RULES['L5-DB'],
    'DOMAIN-002': {
      from: L5_LAYERS,
      forbid: [{ layers: ['L5_engines'], domain: 'other' }],
      message: "L5 MUST NOT import another domain's L5 engines",
      fix: 'Coordinate across domains in L4 spine',
    },
    'DOMAIN-003': {
      from: L5_LAYERS,
      forbid: [{ layers: ['L6_drivers'], domain: 'other' }],
      message: "L5 MUST NOT import another domain's L6 drivers",
      fix: 'Coordinate across domains in L4 spine',
    },
    'L6-DOMAIN': {
      from: ['L6_drivers'],
      forbid: [{ modules: ['app.hoc'], domain: 'other' }],
      // hoc_spine is never "another domain": it is the L4 layer everyone calls (UP-001 says what of it L6 may use).
      except: ['app.hoc.cus.hoc_spine'],
      message: 'L6 MUST NOT import another domain',
      fix: 'Move cross-domain queries to hoc_spine/drivers',
    },
    'L6-L5': { from: ['L6_drivers'], forbid: [{ layers: ['L5_engines'] }], message: 'L6 MUST NOT import L5 engines', fix: 'Engines call drivers, never the reverse' },
    'UP-001': {
      from: ['L5_engines', 'L5_schemas', 'L5_other', 'L6_drivers'],
      forbid: [{ layers: ['L2.1_facade', 'L2_api', 'L4_spine'] }],
      except: SPINE_EXCEPTIONS,
      message: 'L5/L6 MUST NOT reach up to L2 or L4',
      fix: 'Import only hoc_spine services and schemas from L5/L6',
    },
  },
  counterparts: HOC_COUNTERPARTS,
  gaps: [HOC_GAPS.facade, HOC_GAPS.api, HOC_GAPS.driver, HOC_GAPS.models],
  map: hocMap([{ layer: 'L4_spine', level: 1, list: 5, 'owner-domain': 'hoc_spine', via: 'L4 Spine (via hoc_spine/)' }]),
  templates: {
    L6_drivers: { ...HOC_TEMPLATES.L6_drivers, 'layer-line': 'L6 — Domain Driver' },
    'L2.1_facade': {
      ...HOC_TEMPLATES['L2.1_facade'],
      contract: ['Imports L2 routers ONLY', 'No business logic, no validation, no DB', 'One facade per domain'],
    },
  },
  fixes: {
    'move-to-counterpart': ['L5-sqlmodel', 'L5-sqlalchemy', 'L5-L7', 'L5-DB', 'L2-L7'],
    'open-importers': { layer: 'L4_spine', title: 'Open L4 handler', rules: ['L2-L5', 'L2-L6', 'DOMAIN-002', 'DOMAIN-003', 'L6-DOMAIN'] },
    group: HOC_FIX_GROUP,
    'type-checking-targets': HOC_TYPE_CHECKING_TARGETS,
  },
  unlisted: ['__init__.py'],
};
