import type { GapDefinition, Ruleset, TargetMatcher } from '../ruleset/ruleset';
import { fillForEngine } from '../topology/engineCounterparts';

/**
 * The parts the quick-fixes of a ruleset give to layers when a fix creates a file (hoc-v1.md
 * §5), read from the ruleset's `fixes` and `counterparts`: a layer the ruleset does not name
 * for a part is `undefined`, and that fix is simply not offered (ignore comments still work).
 */
export interface FileConventions {
  /** Files that group the files of a domain (facades). */
  facadeLayer?: string;
  /** The files a facade groups (routers). */
  routerLayer?: string;
  /** The layer an import is routed through by a re-exporting file (adapters). */
  adapterLayer?: string;
  /** File name of a new adapter, from the target's stem. */
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

export function conventionsFor(ruleset: Ruleset): FileConventions {
  const { fixes } = ruleset;
  return {
    facadeLayer: fixes.group?.layer,
    routerLayer: fixes.group?.members,
    adapterLayer: fixes.routeThrough?.layer,
    adapterFileName: fixes.routeThrough?.fileName ?? '{stem}.py',
    routerAttribute: fixes.group?.attribute ?? '',
    extraStemSuffixes: ruleset.counterparts?.otherStemSuffixes ?? [],
    adapterRules: fixes.routeThrough?.rules ?? [],
    driverRules: ruleset.counterparts ? fixes.moveToCounterpart : [],
    typeOnlyTargets: fixes.typeCheckingTargets,
  };
}

/** The gap that reports a missing layer; its `creates` template says where that layer's files go. */
export function gapForMissing(ruleset: Ruleset, layerId: string | undefined): GapDefinition | undefined {
  if (layerId === undefined) return undefined;
  return ruleset.gaps.find((g) => g.missing === layerId && g.creates !== undefined);
}

/** The per-engine driver gap, whose `creates` template names a new driver file. */
export function driverGap(ruleset: Ruleset): GapDefinition | undefined {
  return ruleset.gaps.find((g) => g.perMissingCounterpart !== undefined && g.creates !== undefined);
}

/**
 * Where a new driver for a file goes, relative to the top package folder: the driver gap's
 * `creates` template, filled as the topology fills it. Undefined for a ruleset without one.
 */
export function newDriverPath(ruleset: Ruleset, at: { audience: string; domain: string; stem: string; file: string }): string | undefined {
  const creates = driverGap(ruleset)?.creates;
  if (!creates || !ruleset.counterparts) return undefined;
  return fillForEngine(creates, ruleset.counterparts, at);
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
