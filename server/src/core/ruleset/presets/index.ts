import type { SourceRoot } from '../../extract/sourceRoot';
import { compileRuleset, DEFAULT_MARKER } from '../compileRuleset';
import type { Ruleset } from '../ruleset';
import type { RulesetConfig } from '../rulesetConfig';
import { hocV1 } from './hocV1';
import { hocV2 } from './hocV2';

/** The built-in presets by the name `extends` gives them. */
export const PRESETS: Readonly<Record<string, RulesetConfig>> = { 'hoc-v1': hocV1, 'hoc-v2': hocV2 };

export type PresetName = 'hoc-v1' | 'hoc-v2';

/** The folder that marks code a preset applies to, when there is no config: a top package holding `hoc/` (a config's default too). */
export const DETECTION_MARKER = DEFAULT_MARKER;

/** A V2 tree has the spine package (hoc-v2.md, "Detection"). */
const V2_FOLDER = 'hoc/cus/hoc_spine/';

/**
 * The preset for source roots found (with `DETECTION_MARKER`) without a config file: `hoc-v2`
 * when a top package has `hoc/cus/hoc_spine/`, else `hoc-v1`. One preset serves a whole
 * analysis, so a tree mixing both versions gets `hoc-v2`.
 */
export function detectPreset(roots: readonly SourceRoot[]): PresetName {
  for (const root of roots) {
    const spine = root.topPackageDir.split('\\').join('/') + '/' + V2_FOLDER;
    if (root.files.some((file) => file.split('\\').join('/').startsWith(spine))) return 'hoc-v2';
  }
  return 'hoc-v1';
}

/** Chooses the ruleset once discovery (with `marker`) has found the source roots: detection, when there is no config. */
export interface RulesetChoice {
  marker: string;
  choose(roots: readonly SourceRoot[]): Ruleset;
}

/** No config: the preset `detectPreset` names. */
export const DETECTED_PRESET: RulesetChoice = {
  marker: DETECTION_MARKER,
  choose: (roots) => presetRuleset(detectPreset(roots)),
};

const compiled = new Map<string, Ruleset>();

/** A preset compiled (once per process: presets never change). */
export function presetRuleset(name: PresetName): Ruleset {
  let ruleset = compiled.get(name);
  if (!ruleset) compiled.set(name, (ruleset = compileRuleset(PRESETS[name], name)));
  return ruleset;
}
