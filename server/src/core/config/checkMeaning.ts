import { validateRuleset } from '../ruleset/compileRuleset';
import { compilePathGlob } from '../ruleset/pathGlob';
import type { RulesetConfig } from '../ruleset/rulesetConfig';
import { globCovers } from './globCovers';
import { keyName } from './keyName';
import { toPointer } from './tomlDocument';

/** A problem of meaning (the types are right), at a JSON Pointer into the effective config. */
export interface MeaningProblem {
  pointer: string;
  message: string;
}

/**
 * What the schema cannot see. The ruleset's own `validateRuleset` says what `compileRuleset`
 * would refuse (unknown layer, rule and audience ids, invalid globs, rules without `from` or
 * `forbid`); the config adds what only a file written by hand gets wrong: layer globs an earlier
 * layer takes entirely, and layer ids JavaScript would reorder. Runs on the
 * effective config (preset and file merged), so a file's rule may name a preset's layer.
 */
export function checkMeaning(config: RulesetConfig): MeaningProblem[] {
  const problems: MeaningProblem[] = [];
  const at = (segments: (string | number)[], message: string) => {
    const pointer = toPointer(segments);
    problems.push({ pointer, message: `${keyName(pointer, config)}: ${message}` });
  };
  for (const problem of validateRuleset(config)) at(problem.path, problem.message);
  for (const id of Object.keys(config.layers ?? {})) {
    // Objects put integer-like keys first, which would change the matching order.
    if (/^(0|[1-9][0-9]*)$/.test(id)) at(['layers', id], `a layer id must not be a plain number (layers are matched in the order written)`);
  }
  checkShadowedPaths(config, at);
  return problems;
}

/**
 * Layers are tried in order and the first match wins, so a glob every path of which an earlier
 * layer's glob already matches can never place a file. `globCovers` proves coverings one glob
 * against one glob; a glob covered only by several earlier globs together goes unreported.
 */
function checkShadowedPaths(config: RulesetConfig, at: (segments: (string | number)[], message: string) => void): void {
  const earlier: { layer: string; glob: string }[] = [];
  for (const [id, layer] of Object.entries(config.layers ?? {})) {
    const valid = (layer.paths ?? []).map((glob, i) => ({ glob, i })).filter(({ glob }) => compilePathGlob(glob).ok);
    for (const { glob, i } of valid) {
      const taker = earlier.find((e) => globCovers(e.glob, glob));
      if (taker) at(['layers', id, 'paths', i], `'${glob}' can never match: layer '${taker.layer}' comes first and takes every path it matches ('${taker.glob}')`);
    }
    earlier.push(...valid.map(({ glob }) => ({ layer: id, glob })));
  }
}
