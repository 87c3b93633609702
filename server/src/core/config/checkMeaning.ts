import { compilePathGlob } from '../ruleset/pathGlob';
import type { RulesetConfig } from '../ruleset/rulesetConfig';
import { didYouMean } from './didYouMean';
import { globCovers } from './globCovers';
import { keyName } from './keyName';
import { toPointer } from './tomlDocument';

/** A problem of meaning (the types are right), at a JSON Pointer into the effective config. */
export interface MeaningProblem {
  pointer: string;
  /** Whether the problem is about the key written there (a table, an id) or the value. */
  at: 'key' | 'value';
  message: string;
}

/**
 * What the schema cannot see: every layer id named anywhere exists, every glob compiles, no
 * layer's glob is taken entirely by an earlier layer, every rule says what it forbids and whom.
 * Runs on the effective config (preset and file merged), so a file's rule may name a preset's layer.
 */
export function checkMeaning(config: RulesetConfig): MeaningProblem[] {
  const problems: MeaningProblem[] = [];
  const layers = config.layers ?? {};
  const layerIds = Object.keys(layers);
  const at = (where: 'key' | 'value', segments: (string | number)[], message: string) =>
    problems.push({ pointer: toPointer(segments), at: where, message });

  /** `named` is where the id is written (`rules.r.from`, `gaps[0].missing`), for the message. */
  const layerRef = (segments: (string | number)[], id: string | undefined, named = segments) => {
    if (id === undefined || id in layers) return;
    const known = layerIds.length ? ` (layers: ${layerIds.join(', ')})` : ' (no layers are defined)';
    at('value', segments, `unknown layer '${id}' in ${keyName(toPointer(named), config)}${didYouMean(id, layerIds)}${known}`);
  };
  const layerRefs = (segments: (string | number)[], ids: string[] | undefined) => ids?.forEach((id, i) => layerRef([...segments, i], id, segments));

  const globs = (segments: (string | number)[], sources: string[] | undefined) =>
    sources?.forEach((source, i) => {
      const compiled = compilePathGlob(source);
      if (!compiled.ok) at('value', [...segments, i], `${keyName(toPointer([...segments, i]), config)}: ${compiled.error}`);
    });

  for (const [id, layer] of Object.entries(layers)) {
    // JavaScript objects put integer-like keys first, which would lose the matching order.
    if (/^(0|[1-9][0-9]*)$/.test(id)) at('key', ['layers', id], `layer id '${id}' must not be a plain number (layers are matched in the order written)`);
    if (!layer.paths?.length) at('key', ['layers', id], `layer '${id}' has no paths: no file can belong to it`);
    globs(['layers', id, 'paths'], layer.paths);
  }
  checkShadowedPaths(config, at);
  globs(['exclude'], config.exclude);

  for (const [id, rule] of Object.entries(config.rules ?? {})) {
    layerRefs(['rules', id, 'from'], rule.from);
    rule.forbid?.forEach((target, i) => layerRefs(['rules', id, 'forbid', i, 'layers'], target.layers));
    globs(['rules', id, 'ignore-files'], rule['ignore-files']);
    if (rule.enabled === false) continue;
    if (!rule.forbid?.length) at('key', ['rules', id], `rule '${id}' has no forbid: say what it forbids, e.g. forbid = [{ layers = ["…"] }]`);
    if (!rule.from?.length) at('key', ['rules', id], `rule '${id}' has no from: name the layers whose files it applies to, e.g. from = ["…"]`);
  }

  const counterpartSources = new Set<string>();
  config.counterparts?.forEach((counterpart, i) => {
    layerRef(['counterparts', i, 'from'], counterpart.from);
    layerRef(['counterparts', i, 'to'], counterpart.to);
    counterpart['needed-when']?.forEach((target, j) => layerRefs(['counterparts', i, 'needed-when', j, 'layers'], target.layers));
    counterpartSources.add(counterpart.from);
  });
  config.gaps?.forEach((gap, i) => {
    layerRef(['gaps', i, 'missing'], gap.missing);
    layerRefs(['gaps', i, 'when-present'], gap['when-present']);
    layerRefs(['gaps', i, 'when-any-present'], gap['when-any-present']);
    layerRef(['gaps', i, 'count-of'], gap['count-of']);
    const perCounterpart = gap['per-missing-counterpart'];
    layerRef(['gaps', i, 'per-missing-counterpart'], perCounterpart);
    if (perCounterpart !== undefined && perCounterpart in layers && !counterpartSources.has(perCounterpart)) {
      at('value', ['gaps', i, 'per-missing-counterpart'], `no counterpart has from = '${perCounterpart}' (gaps[${i}].per-missing-counterpart)`);
    }
  });
  config.map?.rows?.forEach((row, i) => layerRef(['map', 'rows', i, 'layer'], row.layer));
  for (const id of Object.keys(config.templates ?? {})) {
    if (!(id in layers)) at('key', ['templates', id], `templates.${id}: unknown layer '${id}'${didYouMean(id, layerIds)}`);
  }
  return problems;
}

/**
 * Layers are tried in order and the first match wins, so a glob every path of which an earlier
 * layer's glob already matches can never place a file. `globCovers` proves coverings one glob
 * against one glob; a glob covered only by several earlier globs together goes unreported.
 */
function checkShadowedPaths(config: RulesetConfig, at: (where: 'key' | 'value', segments: (string | number)[], message: string) => void): void {
  const earlier: { layer: string; glob: string }[] = [];
  for (const [id, layer] of Object.entries(config.layers ?? {})) {
    const valid = (layer.paths ?? []).map((glob, i) => ({ glob, i })).filter(({ glob }) => compilePathGlob(glob).ok);
    for (const { glob, i } of valid) {
      const taker = earlier.find((e) => globCovers(e.glob, glob));
      if (taker) {
        at('value', ['layers', id, 'paths', i], `'${glob}' can never match: layer '${taker.layer}' comes first and takes every path it matches ('${taker.glob}')`);
      }
    }
    earlier.push(...valid.map(({ glob }) => ({ layer: id, glob })));
  }
}
