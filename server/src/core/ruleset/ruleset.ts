/**
 * The shape of a ruleset: everything Strata knows about one layered architecture, as data.
 * The built-in `hoc-v1` is one value of this type; a config file will provide others, so no
 * analysis code may mention a layer id or a module name of its own.
 */

/** A layer, matched by substrings of a path relative to the source root, with `/` separators. */
export interface LayerDefinition {
  id: string;
  /** How people name it: `L5 Engine`. */
  label: string;
  /** Plural heading used in reports and the tree: `L5 Engines`. */
  heading: string;
  /** The layer applies when the path contains any of these. Layers are tried in ruleset order; first match wins. */
  pathContains: string[];
  /** One line for hovers and `explain`: what the layer is for. */
  role: string;
}

/** Which import targets a rule or a fact is about. Exactly one field is set. */
export type TargetMatcher =
  /** The target's module path classifies into one of these layers. */
  | { layers: string[] }
  /** The target is this module or below it (`sqlmodel`, `sqlmodel.orm`). */
  | { modules: string[] }
  /** The target's dotted name starts with this text (`app.db` matches `app.db_async`). */
  | { namePrefixes: string[] };

export type { Severity } from './rulesetConfig';
import type { Severity } from './rulesetConfig';

export interface ImportRule {
  /** Stable id, used in diagnostics, ignore comments (`# strata: ignore[L2-L5]`) and JSON. */
  id: string;
  /** Layers whose files the rule applies to. */
  from: string[];
  target: TargetMatcher;
  /** The "Rule Broken" text of the wiring map. */
  message: string;
  fix: string;
  /** Only errors fail a run; warnings and info are reported. */
  severity: Severity;
}

/** An audience folder (`hoc/cus/…`) and the name reports give it. */
export interface AudienceDefinition {
  id: string;
  name: string;
}

/**
 * Where audience and domain are read from a path: `…<after><audience>/<domain>/…`. Tried in order.
 * A `fileNamePrefix` entry instead takes the domain from the file name (facades group domains).
 */
export interface DomainLocator {
  /** The path contains this; the audience folder follows it. */
  after: string;
  /** When true the segment after the audience is a file that belongs to every domain its name contains. */
  domainsFromFileName?: boolean;
}

/** How an engine finds its driver: `cus_health_engine.py` → stem `cus_health` → `cus_health_driver.py`. */
export interface CounterpartConvention {
  engineLayer: string;
  driverLayer: string;
  /** Suffixes removed from the engine's file stem, first match only. */
  engineStemSuffixes: string[];
  /** File name template of a new driver. */
  driverFileName: string;
  /** Imports that make an engine need a driver (database access). */
  databaseTargets: TargetMatcher[];
}

/** A structural gap: a layer a domain should have but lacks. Texts use `{placeholders}`. */
export interface GapDefinition {
  type: string;
  /**
   * When it applies:
   * - `missing` is absent from the domain and every layer of `whenPresent` is there (or any, with `whenAnyPresent`);
   * - `perEngineWithoutDriver`: once per engine with database imports and no matching driver.
   */
  missing?: string;
  whenPresent?: string[];
  whenAnyPresent?: string[];
  perEngineWithoutDriver?: boolean;
  /** The layer whose files `{count}` and `{files}` speak of. */
  countOf?: string;
  /** Texts: `{audience}`, `{domain}`, `{count}`, `{files}` (names, ", "), and per engine `{engine}`, `{stem}`, `{driver}`. */
  description: string;
  action: string;
  /** The file or folder the action builds, relative to the top package folder (same placeholders). */
  creates?: string;
}

/** Templates of the files quick-fixes create (spec §5). `{audienceName}` etc. are filled in. */
export interface FileHeaderTemplate {
  layerLine: string;
  contractTitle: string;
  contract: string[];
}

export interface Ruleset {
  id: string;
  /** Human name and version, shown in reports: `HOC_LAYER_TOPOLOGY_V1.md (RATIFIED, V1.4.0)`. */
  reference: string;
  /**
   * A source root holds a top package whose tree contains this folder name
   * (`backend/app/hoc/` → top package `app`, source root `backend`).
   */
  sourceRootMarker: string;
  layers: LayerDefinition[];
  /** Report order of layers (the tree, the maps, the violation tables). */
  layerOrder: string[];
  audiences: AudienceDefinition[];
  domainLocators: DomainLocator[];
  /** Domain of files that match this path prefix but no locator (`app/models/` → `shared`). */
  sharedDomains: { pathContains: string; domain: string }[];
  rules: ImportRule[];
  counterparts: CounterpartConvention;
  gaps: GapDefinition[];
  /** Names of the files that are checked but not listed in the topology. */
  unlistedFileNames: string[];
  headers: Record<string, FileHeaderTemplate>;
}
