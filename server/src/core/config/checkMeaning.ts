import * as path from 'node:path';
import { compilePathGlob } from '../ruleset/pathGlob';
import { namesNothing } from '../extract/excludePatterns';
import type { ForbidTarget, RulesetConfig } from '../ruleset/rulesetConfig';
import { didYouMean } from './didYouMean';
import { globCovers } from './globCovers';
import { keyName } from './keyName';
import { toPointer } from './tomlDocument';

/** A problem of meaning (the types are right), at a JSON Pointer into the effective config. */
export interface MeaningProblem {
  pointer: string;
  message: string;
}

type Segments = (string | number)[];

/**
 * What the schema cannot see, on the effective config (preset and file merged, so a file's rule
 * may name a preset's layer): every layer, rule and audience id named anywhere exists, every glob
 * compiles, every layer has paths and no glob of it is taken entirely by an earlier layer, every
 * enabled rule says whom it applies to and what it forbids, every gap says when it applies.
 * `compileRuleset` compiles anything without throwing; this is the one place that refuses.
 */
export function checkMeaning(config: RulesetConfig): MeaningProblem[] {
  const problems: MeaningProblem[] = [];
  const at = (segments: Segments, message: string) => {
    const pointer = toPointer(segments);
    problems.push({ pointer, message: `${keyName(pointer, config)}: ${message}` });
  };
  const layerIds = Object.keys(config.layers ?? {});
  const ruleIds = Object.keys(config.rules ?? {});
  const audienceIds = Object.keys(config.audiences ?? {});
  const known = (kind: string, ids: string[]) => (id: string | undefined, where: Segments) => {
    if (id !== undefined && !ids.includes(id)) at(where, `unknown ${kind} '${id}'${didYouMean(id, ids)}`);
  };
  const layer = known('layer', layerIds);
  const rule = known('rule', ruleIds);
  const audience = known('audience', audienceIds);
  const each = (check: (id: string, where: Segments) => void, ids: string[] | undefined, where: Segments) => ids?.forEach((id, i) => check(id, [...where, i]));
  const globs = (sources: string[] | undefined, where: Segments) =>
    sources?.forEach((source, i) => {
      const compiled = compilePathGlob(source);
      if (!compiled.ok) at([...where, i], compiled.error);
    });
  const targets = (list: ForbidTarget[] | undefined, where: Segments) => list?.forEach((t, i) => each(layer, t.layers, [...where, i, 'layers']));

  // A source root outside the project would be read, yet none of its files is ever reported: a
  // run that checks nothing and passes.
  config['source-roots']?.forEach((root, i) => {
    if (leavesProject(root)) at(['source-roots', i], `'${root}' is not inside the config file's folder, the project's root: source roots are folders of the project`);
  });
  config.exclude?.forEach((pattern, i) => {
    if (namesNothing(pattern)) at(['exclude', i], `'${pattern}' names no file or folder`);
  });
  for (const [id, entry] of Object.entries(config.layers ?? {})) {
    // Objects put integer-like keys first, which would change the matching order.
    if (/^(0|[1-9][0-9]*)$/.test(id)) at(['layers', id], 'a layer id must not be a plain number (layers are matched in the order written)');
    if (!entry.paths?.length) at(['layers', id, 'paths'], 'a layer needs at least one path glob');
    globs(entry.paths, ['layers', id, 'paths']);
    audience(entry.audience, ['layers', id, 'audience']);
  }
  checkShadowedPaths(config, at);
  globs(config['domain-paths'], ['domain-paths']);
  audience(config['main-audience'], ['main-audience']);

  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    if (entry.enabled === false) continue;
    if (!entry.from?.length) at(['rules', id, 'from'], 'a rule needs `from` (the layers it applies to)');
    each(layer, entry.from, ['rules', id, 'from']);
    if (!entry.forbid?.length) at(['rules', id, 'forbid'], 'a rule needs `forbid` (what it forbids)');
    targets(entry.forbid, ['rules', id, 'forbid']);
    globs(entry['ignore-files'], ['rules', id, 'ignore-files']);
  }

  const counterpartSources = new Set<string>();
  config.counterparts?.forEach((c, i) => {
    layer(c.from, ['counterparts', i, 'from']);
    layer(c.to, ['counterparts', i, 'to']);
    targets(c['needed-when'], ['counterparts', i, 'needed-when']);
    counterpartSources.add(c.from);
  });
  config.gaps?.forEach((g, i) => {
    for (const key of ['missing', 'count-of', 'per-missing-counterpart'] as const) layer(g[key], ['gaps', i, key]);
    for (const key of ['when-present', 'when-any-present'] as const) each(layer, g[key], ['gaps', i, key]);
    const perCounterpart = g['per-missing-counterpart'];
    if (g.missing === undefined && perCounterpart === undefined) at(['gaps', i], 'a gap needs `missing` or `per-missing-counterpart`');
    if (perCounterpart !== undefined && layerIds.includes(perCounterpart) && !counterpartSources.has(perCounterpart)) {
      at(['gaps', i, 'per-missing-counterpart'], `no counterpart has from = '${perCounterpart}'`);
    }
  });
  config.map?.rows?.forEach((row, i) => layer(row.layer, ['map', 'rows', i, 'layer']));
  for (const id of Object.keys(config.templates ?? {})) layer(id, ['templates', id]);

  const fixes = config.fixes ?? {};
  each(rule, fixes['move-to-counterpart'], ['fixes', 'move-to-counterpart']);
  for (const key of ['route-through', 'open-importers'] as const) {
    const fix = fixes[key];
    if (!fix) continue;
    layer(fix.layer, ['fixes', key, 'layer']);
    each(rule, fix.rules, ['fixes', key, 'rules']);
  }
  if (fixes.group) {
    layer(fixes.group.layer, ['fixes', 'group', 'layer']);
    layer(fixes.group.members, ['fixes', 'group', 'members']);
  }
  targets(fixes['type-checking-targets'], ['fixes', 'type-checking-targets']);
  return problems;
}

/**
 * Layers are tried in order and the first match wins, so a glob every path of which an earlier
 * layer's glob already matches can never place a file. `globCovers` proves coverings one glob
 * against one glob; a glob covered only by several earlier globs together goes unreported.
 */
function checkShadowedPaths(config: RulesetConfig, at: (segments: Segments, message: string) => void): void {
  const earlier: { layer: string; glob: string }[] = [];
  for (const [id, entry] of Object.entries(config.layers ?? {})) {
    const valid = (entry.paths ?? []).map((glob, i) => ({ glob, i })).filter(({ glob }) => compilePathGlob(glob).ok);
    for (const { glob, i } of valid) {
      const taker = earlier.find((e) => globCovers(e.glob, glob));
      if (taker) at(['layers', id, 'paths', i], `'${glob}' can never match: layer '${taker.layer}' comes first and takes every path it matches ('${taker.glob}')`);
    }
    earlier.push(...valid.map(({ glob }) => ({ layer: id, glob })));
  }
}

/** Whether a path from the config's folder leaves it: absolute, or `..` once normalised. */
function leavesProject(relPath: string): boolean {
  const normal = path.posix.normalize(relPath.split('\\').join('/'));
  return path.posix.isAbsolute(normal) || /^[A-Za-z]:/.test(normal) || normal === '..' || normal.startsWith('../');
}
