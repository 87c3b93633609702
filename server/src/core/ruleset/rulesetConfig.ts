/**
 * The ruleset as its users write it: the keys of `strata.toml` (or `[tool.strata]` in
 * `pyproject.toml`), with the config's own kebab-case names. The built-in presets (`hoc-v1`,
 * `hoc-v2`) are values of this type too, so a preset is nothing but a config file that ships
 * with Strata, and a user's config says what it changes of one.
 *
 * `strata.schema.json` describes exactly this shape (keys, types, docs) and is the source of
 * truth for users and editors; a test keeps this type and the schema equal. The loader
 * (`config/`) turns TOML into a validated, merged `RulesetConfig`; `compileRuleset` turns that into
 * the model the analysis asks questions of. Nothing here is specific to Python or to HOC.
 *
 * Tables keyed by id (`layers`, `rules`, `audiences`, `templates`) keep the order in which they are
 * written; for `layers` that order is the matching order (first match wins). With `extends`, a
 * table entry whose id the preset has overrides only the fields it gives, in the preset's place;
 * a new id is added after the preset's entries. Arrays of tables (`counterparts`, `gaps`) replace
 * the preset's array as a whole when given.
 */

export type Severity = 'error' | 'warning' | 'info';

/** The whole config file (or the preset). Every key is optional in a file that `extends` a preset. */
export interface RulesetConfig {
  /** Start from a built-in preset: `hoc-v1` or `hoc-v2`. */
  extends?: string;
  /** Name and version shown in reports (the wiring map's Reference line). */
  reference?: string;
  /**
   * Folders that hold the top packages (`backend`), relative to the config file's folder.
   * Default: discovered, each folder holding a top package whose tree contains `marker`.
   */
  'source-roots'?: string[];
  /** Folder name that marks layered code when `source-roots` is not given (`hoc`). */
  marker?: string;
  /** Globs (relative to the config file's folder, `/` separators) of files and folders never read. */
  exclude?: string[];
  /** Declared domains in report order: each gets a map even with no file yet. */
  domains?: string[];
  /** Audiences by the id their path segment has (`cus`), with the name reports use (`CUSTOMER`). Optional: a layout without audiences is first-class. */
  audiences?: Record<string, AudienceConfig>;
  /** Layers by id, in matching order: a file belongs to the first layer one of whose `paths` matches it. */
  layers?: Record<string, LayerConfig>;
  /** Import rules by id (the id is what diagnostics, ignore comments and JSON show). */
  rules?: Record<string, RuleConfig>;
  /** File pairs across layers that belong together (an engine and its driver). */
  counterparts?: CounterpartConfig[];
  /** Structural gaps a domain is reported for, in report order. */
  gaps?: GapConfig[];
  /** The wiring map document. */
  map?: MapConfig;
  /** Header blocks of the files quick-fixes create, by the id of the layer they are created in. */
  templates?: Record<string, TemplateConfig>;
  /** Which quick-fix answers which rule. */
  fixes?: FixesConfig;
  /** File names that are checked but never listed or counted in the topology (`__init__.py`). */
  unlisted?: string[];
}

export interface AudienceConfig {
  name: string;
}

export interface LayerConfig {
  /** How people name one file's layer: `L5 Engine`. */
  label?: string;
  /** Plural, for reports and the tree: `L5 Engines` (default: the label). */
  heading?: string;
  /** One line for hovers and `explain`. */
  role?: string;
  /**
   * Globs on the file's path relative to its source root, `/` separators (`app/hoc/cus/x/L5_engines/y.py`).
   * `*` matches within a segment, `**` any number of segments (zero included), `{domain}` and
   * `{audience}` capture (part of) one segment, each at most once per glob. A module is matched as
   * its file would be (`a/b.py`), else as its package (`a/b/__init__.py`), whether or not it exists.
   */
  paths?: string[];
  /** The domain of every file of the layer, when its paths capture none (`shared` for models). */
  domain?: string;
  /**
   * The `{domain}` capture names a group of domains, not one: the file belongs to every domain of
   * its audience whose name the capture contains (a facade file named after several domains).
   */
  'groups-domains'?: boolean;
}

/** What a rule forbids; every key given must hold (`modules` with `names`: those names from those modules). */
export interface ForbidTarget {
  /** The target module classifies into one of these layers. */
  layers?: string[];
  /** The target is this module or below it (`sqlmodel` → `sqlmodel.orm`); `app.db*` is a name prefix (`app.db_async`). */
  modules?: string[];
  /** Imported names (`Session`), from any module or, with `modules`, from those. */
  names?: string[];
  /** The target's domain relative to the importer's: `same` or `other` (audience and domain compared). */
  domain?: 'same' | 'other';
}

export interface RuleConfig {
  /** Layers whose files the rule applies to. */
  from?: string[];
  /** Targets the rule forbids (any one matching breaks the rule). */
  forbid?: ForbidTarget[];
  /** Module prefixes that stay allowed even when a `forbid` entry matches (that module and below). */
  except?: string[];
  /** The "Rule Broken" text. */
  message?: string;
  /** What to do instead. */
  fix?: string;
  /** Check imports inside functions (they run lazily); default true. */
  lazy?: boolean;
  /** Check imports under `if TYPE_CHECKING:`; default false (they never run). */
  'type-checking'?: boolean;
  /** Default `error`; only errors fail a run. */
  severity?: Severity;
  /** Globs (same base as layer `paths`) of importing files the rule does not apply to. */
  'ignore-files'?: string[];
  /** `false` switches a preset rule off. */
  enabled?: boolean;
}

/** `from` files have a `to` counterpart (an engine its driver) named after the `from` file's stem. */
export interface CounterpartConfig {
  from: string;
  to: string;
  /** File name of a new counterpart: `{stem}_driver.py`. */
  name: string;
  /** Suffixes removed from the `from` file's stem, first match only (`_engine`, `_facade`). */
  'strip-suffixes'?: string[];
  /** Suffixes removed from other files' stems when a counterpart is named after them (`_adapter`). */
  'strip-suffixes-other'?: string[];
  /** A `to` file matches when the stem occurs in its name. The `from` file needs a counterpart when one of its counted imports matches one of these (database access). */
  'needed-when'?: ForbidTarget[];
}

/** A structural gap. Texts take `{audience}`, `{domain}`, `{count}`, `{files}` and, per counterpart, `{file}`, `{stem}`, `{name}`. */
export interface GapConfig {
  type: string;
  /** Reported when this layer has no file in the domain … */
  missing?: string;
  /** … and every one of these has files … */
  'when-present'?: string[];
  /** … or any one of these. */
  'when-any-present'?: string[];
  /** Instead: once per `from` file of the counterpart (by its `from` layer) that needs one and has none. */
  'per-missing-counterpart'?: string;
  /** The layer whose files `{count}` and `{files}` speak of. */
  'count-of'?: string;
  description: string;
  action: string;
  /** The file or folder the action builds, relative to the top package folder. */
  creates?: string;
}

/** The wiring map; the renderer draws one row per layer of `rows`, in that order. */
export interface MapConfig {
  /** Title line; `{Domain}` is the domain with each `_`-separated word capitalised. */
  title?: string;
  rows?: MapRowConfig[];
  /** Rows of the violations table at most. */
  'violation-rows'?: number;
  /** Characters of the statement text shown in the violations table. */
  'statement-width'?: number;
}

/** One layer's row of the map. The exact keys are the renderer's to define (see `report/`). */
export interface MapRowConfig {
  layer: string;
  [key: string]: unknown;
}

export interface TemplateConfig {
  /** `L6 — Database Driver`. */
  'layer-line': string;
  /** `DRIVER CONTRACT`. */
  'contract-title': string;
  contract: string[];
}

export interface FixesConfig {
  [key: string]: unknown;
}
