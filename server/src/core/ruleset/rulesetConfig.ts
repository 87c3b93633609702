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
  /** Declared domains in report order: each gets a map even with no file yet (in `main-audience`, when there are audiences). */
  domains?: string[];
  /** The audience the declared `domains` belong to; its maps' file names carry no audience prefix (`fdr.ops…` for the others). */
  'main-audience'?: string;
  /** Audiences by the id their path segment has (`cus`), with the name reports use (`CUSTOMER`). Optional: a layout without audiences is first-class. */
  audiences?: Record<string, AudienceConfig>;
  /**
   * Globs with `{domain}` (and `{audience}`) captures that give a domain to what no layer's glob
   * gives one: unclassified files and import targets still belong to a domain, for
   * `domain = "other"` and hovers (`**​/hoc/{audience}/{domain}/**`). Tried in order.
   */
  'domain-paths'?: string[];
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
  /** The audience of every file of the layer, when its paths capture none. */
  audience?: string;
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

/**
 * The wiring map of a domain: a title, the `**Reference:**` line, a tree with one row per entry
 * of `rows` (top to bottom), then the gaps and violations tables. Without `rows`, every layer is a
 * `branch` row, one level deeper than the one before, listing all its files.
 */
export interface MapConfig {
  /** Title line; `{Domain}` is the domain with each `_`-separated word capitalised (default `# {Domain} — Wiring Map`). */
  title?: string;
  rows?: MapRowConfig[];
  /** Rows of the violations table at most (default 20; the rest are counted in one last row). */
  'violation-rows'?: number;
  /** Characters of the statement text shown in the violations table (default 60). */
  'statement-width'?: number;
  /** File name of a domain's map for `map --out`, `{domain}` filled in (default `{domain}.DOMAIN_WIRING_MAP.md`). */
  'file-name'?: string;
}

/**
 * One layer's row of the map. Texts take `{audience}` and `{domain}`. A row's line is
 * `<indent><connector> <label> <present|gap>`; each level indents 7 columns more.
 */
export interface MapRowConfig {
  layer: string;
  /**
   * `head`: the first line of the tree (`<label> <present|gap>`, no connector; `{files}` in `present`
   * lists the layer's files from the top package, in backquotes); `branch` (default): a `└──→` row
   * with a `│` line above it and its files below; `count`: one line `<label> (<n> files)` under
   * the row before, only when the layer has files.
   */
  style?: 'head' | 'branch' | 'count';
  /** Depth in the tree (default: one deeper than the row before; the first row 0). */
  level?: number;
  /** Default: the layer's heading. */
  label?: string;
  /** After the label when the layer has files; `{count}` (default `({count} files)`). */
  present?: string;
  /** After the label when it has none (default `— **GAP** (0 files)`). */
  gap?: string;
  /** A line under the gap line, one level deeper (`FLAG: …`). */
  'gap-note'?: string;
  /** Files listed under the row at most, then `└── ... (+k more)` (default: all). */
  list?: number;
  /** Text after each listed file name (` ✅`). */
  'item-suffix'?: string;
  /** For the `from` layer of a counterpart: text after a file that has its counterpart (` → L6 ✅`)… */
  'counterpart-found'?: string;
  /** … and after one that has none (` → L6 ❌ (no matching driver)`). */
  'counterpart-missing'?: string;
  /** Only this domain lists the layer's files (under a `└──→` row, with a `│` line after them); the others show `via`. */
  'owner-domain'?: string;
  /** The line other domains than `owner-domain` show, as a `├──→` row (`L4 Runtime (via general/L4_runtime/)`). */
  via?: string;
}

export interface TemplateConfig {
  /** `L6 — Database Driver`. */
  'layer-line': string;
  /** `DRIVER CONTRACT`. */
  'contract-title': string;
  contract: string[];
}

/** Which quick-fix answers which rule; a part left out offers no such fix (ignore comments always work). */
export interface FixesConfig {
  /** Rules answered by moving the import into the file's counterpart (an engine's driver, created when missing). */
  'move-to-counterpart'?: string[];
  /** Rules answered by routing the import through a file of `layer` that re-exports the target (an adapter). */
  'route-through'?: RouteThroughFixConfig;
  /** Rules answered by opening the files of `layer` that already import the target ("Open L4 handler"). */
  'open-importers'?: OpenImportersFixConfig;
  /** The file of `layer` that groups a domain's `members` files (a facade of routers). */
  group?: GroupFixConfig;
  /** Targets whose imports may move under `if TYPE_CHECKING:` when only annotations use them. */
  'type-checking-targets'?: ForbidTarget[];
}

export interface RouteThroughFixConfig {
  layer: string;
  /** File name of the new file, from the target file's stem: `{stem}_adapter.py`. */
  name: string;
  rules: string[];
}

export interface OpenImportersFixConfig {
  layer: string;
  /** Title of the action; the file name follows it: `Open L4 handler`. */
  title: string;
  rules: string[];
}

export interface GroupFixConfig {
  layer: string;
  /** The layer whose files of the domain the new file imports (`L2_api`). */
  members: string;
  /** The module-level name collected from each member that defines it (`router`). */
  attribute: string;
}
