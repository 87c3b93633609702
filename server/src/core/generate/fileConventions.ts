import type { GapDefinition, Ruleset, TargetMatcher } from '../ruleset/ruleset';

/**
 * What the quick-fixes of a ruleset need beyond its rules: which layer plays which part when a
 * fix creates a file (spec §5), and which rules each fix answers. Paths come from the ruleset's
 * own gap templates (`creates`), headers from its `headers`; only the roles are named here.
 *
 * This is ruleset data kept beside the code that uses it until a config format can carry it;
 * a ruleset without conventions simply gets no file-creating fixes (ignore comments still work).
 */
export interface FileConventions {
  /** Files that group the routers of a domain (L2.1 facades). */
  facadeLayer: string;
  /** The files a facade groups (L2 routers). */
  routerLayer: string;
  /** The layer an L2 file reaches an engine through. */
  adapterLayer: string;
  /** File name of a new adapter, from the engine's stem. */
  adapterFileName: string;
  /** Module-level name a router module defines, that a facade collects. */
  routerAttribute: string;
  /** Suffixes dropped from a non-engine file's stem when a driver is named after it (after the engine suffixes). */
  extraStemSuffixes: string[];
  /** Rules fixed by routing the import through an adapter. */
  adapterRules: string[];
  /** Rules fixed by moving the import into a driver. */
  driverRules: string[];
  /** Targets whose type-only imports may move under `if TYPE_CHECKING:`. */
  typeOnlyTargets: TargetMatcher[];
}

const HOC_V1: FileConventions = {
  facadeLayer: 'L2.1_facade',
  routerLayer: 'L2_api',
  adapterLayer: 'L3_adapters',
  adapterFileName: '{stem}_adapter.py',
  routerAttribute: 'router',
  extraStemSuffixes: ['_adapter'],
  adapterRules: ['L2-L5'],
  driverRules: ['L3-DB', 'L3-L7', 'L5-sqlmodel', 'L5-sqlalchemy', 'L5-L7', 'L5-DB', 'L2-L6', 'L2-L7'],
  typeOnlyTargets: [{ modules: ['sqlmodel', 'sqlalchemy'] }, { layers: ['L7_models'] }],
};

const BY_RULESET: Record<string, FileConventions> = { 'hoc-v1': HOC_V1 };

export function conventionsFor(ruleset: Ruleset): FileConventions | undefined {
  return BY_RULESET[ruleset.id];
}

/** The gap that reports a missing layer; its `creates` template says where that layer's files go. */
export function gapForMissing(ruleset: Ruleset, layerId: string): GapDefinition | undefined {
  return ruleset.gaps.find((g) => g.missing === layerId && g.creates !== undefined);
}

/** The per-engine driver gap, whose `creates` template names a new driver file. */
export function driverGap(ruleset: Ruleset): GapDefinition | undefined {
  return ruleset.gaps.find((g) => g.perEngineWithoutDriver && g.creates !== undefined);
}

/** `cus_health` → `CusHealth`: a Python class name from a snake_case stem. */
export function pascalCase(stem: string): string {
  const name = stem
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return /^[0-9]/.test(name) || name === '' ? `X${name}` : name;
}

/** Drops the first matching suffix, keeping at least one character. */
export function dropSuffix(stem: string, suffixes: string[]): string {
  const suffix = suffixes.find((s) => stem.endsWith(s) && stem.length > s.length);
  return suffix ? stem.slice(0, -suffix.length) : stem;
}
