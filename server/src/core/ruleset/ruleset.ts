import type { PathGlob } from './pathGlob';
import type { Severity } from './rulesetConfig';

/**
 * The ruleset as the analysis asks questions of it: a `RulesetConfig` (a preset or a user's
 * config) compiled by `compileRuleset`, with defaults filled in and globs compiled. Everything
 * Strata knows about one layered architecture is here, as data: no other code may mention a
 * layer id, a module or an audience of a preset.
 */

export type { Severity } from './rulesetConfig';

export interface LayerDefinition {
  id: string;
  /** How people name one file's layer: `L5 Engine`. */
  label: string;
  /** Plural heading used in reports and the tree: `L5 Engines`. */
  heading: string;
  /** One line for hovers and `explain`: what the layer is for. */
  role: string;
  /** Tried in order; the first matching glob places the file (and gives its captures). */
  paths: PathGlob[];
  /** Domain of every file of the layer when its glob captures none. */
  domain?: string;
  /** Audience of every file of the layer when its glob captures none. */
  audience?: string;
  /** The `{domain}` capture names the domains the file groups (every domain of its audience whose name it contains). */
  groupsDomains: boolean;
}

/** Which import targets a rule or a convention is about: every field given must hold. */
export interface TargetMatcher {
  /** The target module classifies into one of these layers. */
  layers?: string[];
  /** The target is one of these modules or below it. */
  modules?: string[];
  /** The target's dotted name starts with one of these (`app.db` matches `app.db_async`). */
  namePrefixes?: string[];
  /** Names imported by a from-import (from the `modules`/`namePrefixes` modules only, when those are given). */
  names?: string[];
  /** The target's domain relative to the importer's. */
  domain?: 'same' | 'other';
}

export interface ImportRule {
  /** Stable id, used in diagnostics, ignore comments (`# strata: ignore[L2-L5]`) and JSON. */
  id: string;
  /** Layers whose files the rule applies to. */
  from: string[];
  /** Any one matching breaks the rule. */
  forbid: TargetMatcher[];
  /** Module prefixes that stay allowed (that module and below). */
  except: string[];
  /** The "Rule Broken" text of the wiring map. */
  message: string;
  fix: string;
  /** Imports inside functions are checked. */
  lazy: boolean;
  /** Imports under `if TYPE_CHECKING:` are checked. */
  typeChecking: boolean;
  /** Only errors fail a run; warnings and info are reported. */
  severity: Severity;
  /** Importing files (paths relative to the source root) the rule does not apply to. */
  ignoreFiles: PathGlob[];
}

/** An audience folder (`hoc/cus/…`) and the name reports give it. */
export interface AudienceDefinition {
  id: string;
  name: string;
}

/** Files of `engineLayer` have a counterpart in `driverLayer` named after their stem (an engine and its driver). */
export interface CounterpartConvention {
  engineLayer: string;
  driverLayer: string;
  /** Suffixes removed from the engine's file stem, first match only. */
  engineStemSuffixes: string[];
  /** Suffixes removed, after those, from other files' stems when a counterpart is named after them. */
  otherStemSuffixes: string[];
  /** File name template of a new counterpart (`{stem}_driver.py`). */
  driverFileName: string;
  /** Imports that make an engine need a counterpart (database access). */
  databaseTargets: TargetMatcher[];
}

/** A structural gap: a layer a domain should have but lacks. Texts use `{placeholders}`. */
export interface GapDefinition {
  type: string;
  /** Reported when this layer has no file in the domain, and every layer of `whenPresent` has (any, with `whenAnyPresent`). */
  missing?: string;
  whenPresent?: string[];
  whenAnyPresent?: string[];
  /** Instead: once per counterpart-needing file of this layer that has no counterpart. */
  perMissingCounterpart?: string;
  /** The layer whose files `{count}` and `{files}` speak of. */
  countOf?: string;
  /** Texts: `{audience}`, `{domain}`, `{count}`, `{files}`, and per file `{file}`, `{stem}`, `{name}`. */
  description: string;
  action: string;
  /** The file or folder the action builds, relative to the top package folder (same placeholders). */
  creates?: string;
}

/** Header block of a file a quick-fix creates. */
export interface FileHeaderTemplate {
  layerLine: string;
  contractTitle: string;
  contract: string[];
}

/** What the quick-fixes of a ruleset need beyond its rules. Absent parts offer no such fix. */
export interface FixConventions {
  /** Rules answered by moving the import into the file's counterpart (an engine's driver). */
  moveToCounterpart: string[];
  /** Rules answered by routing the import through a new re-exporting file of `layer` (an adapter). */
  routeThrough?: { layer: string; fileName: string; rules: string[] };
  /** Rules answered by opening the files of `layer` that already import the target. */
  openImporters?: { layer: string; title: string; rules: string[] };
  /** Files of `layer` group the files of `members` of a domain (a facade of routers), collecting `attribute` of each. */
  group?: { layer: string; members: string; attribute: string };
  /** Targets whose annotation-only imports may move under `if TYPE_CHECKING:`. */
  typeCheckingTargets: TargetMatcher[];
}

/** How one layer appears in the wiring map's tree (see `report/wiringMap.ts`). */
export interface MapRow {
  layer: string;
  /** `head`: the first line; `branch`: a `└──→` row with its files; `count`: one indented count line, only when non-empty. */
  style: 'head' | 'branch' | 'count';
  /** Depth in the tree: each level is indented 7 columns more. */
  level: number;
  /** Text naming the layer (placeholders `{audience}`, `{domain}`); default the layer's heading. */
  label: string;
  /** After the label when the layer has files: `({count} files)`; for the head, `{files} ✅`. */
  present: string;
  /** After the label when it has none: `— **GAP** (0 files)`. */
  gap: string;
  /** A line under the gap line. */
  gapNote?: string;
  /** Files listed under the row at most (the rest as `... (+k more)`). */
  list: number;
  /** After each listed file name. */
  itemSuffix: string;
  /** After each listed file that has (or lacks) its counterpart; replaces `itemSuffix`. */
  counterpartFound?: string;
  counterpartMissing?: string;
  /** Only this domain lists the layer's files; every other domain shows `via` instead. */
  ownerDomain?: string;
  via?: string;
}

export interface MapDefinition {
  title: string;
  rows: MapRow[];
  violationRows: number;
  statementWidth: number;
  /** File name of a domain's map (`{domain}`); other audiences than `mainAudience` get `<audience>.` in front. */
  fileName: string;
}

export interface Ruleset {
  /** The preset or config it was compiled from. */
  id: string;
  /** Human name and version, shown in reports: `HOC_LAYER_TOPOLOGY_V1.md (RATIFIED, V1.4.0)`. */
  reference: string;
  /** A source root holds a top package with this folder (`backend/app/hoc/` → top package `app`, source root `backend`). */
  sourceRootMarker: string;
  /** Where files no layer's glob gives a domain take it from, in order. */
  domainPaths: PathGlob[];
  /** Matching order, which is also report order. */
  layers: LayerDefinition[];
  /** Report order of layer ids (the tree, the maps, the violation tables). */
  layerOrder: string[];
  audiences: AudienceDefinition[];
  /** The audience declared domains belong to; its maps carry no audience prefix. */
  mainAudience?: string;
  /** Declared domains in report order: each has a map even with no file yet. */
  domains: string[];
  /** Enabled rules, in ruleset order. */
  rules: ImportRule[];
  counterparts?: CounterpartConvention;
  gaps: GapDefinition[];
  /** Names of the files that are checked but not listed in the topology. */
  unlistedFileNames: string[];
  /** By the id of the layer the file is created in. */
  headers: Record<string, FileHeaderTemplate>;
  fixes: FixConventions;
  map: MapDefinition;
}
