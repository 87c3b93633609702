import { fileStem } from '../fileStem';
import type { ImportedName } from '../extract/python/importStatement';
import type { GlobCaptures, PathGlob } from '../ruleset/pathGlob';
import type { ImportRule, LayerDefinition, Ruleset, TargetMatcher } from '../ruleset/ruleset';
import type { Placement } from './placement';

/**
 * The ruleset compiled for fast questions: which layer, audience and domain a path or a dotted
 * module has, and whether a target matches a rule. Module answers are cached: the same targets
 * (`sqlmodel`, `app.models.x`) recur thousands of times in a tree.
 */
export class LayerModel {
  private readonly moduleCache = new Map<string, Placement>();
  private readonly placements = new Map<string, Placement>();
  private readonly rank = new Map<string, number>();
  private readonly layersById = new Map<string, LayerDefinition>();
  private readonly audienceIds: Set<string>;
  private readonly rulesByLayer = new Map<string, ImportRule[]>();

  constructor(readonly ruleset: Ruleset) {
    ruleset.layers.forEach((layer) => this.layersById.set(layer.id, layer));
    ruleset.layerOrder.forEach((id, index) => this.rank.set(id, index));
    this.audienceIds = new Set(ruleset.audiences.map((a) => a.id));
  }

  layer(id: string): LayerDefinition | undefined {
    return this.layersById.get(id);
  }

  /** Position of a layer in report order; unknown layers sort last. */
  layerRank(id: string | undefined): number {
    return (id !== undefined ? this.rank.get(id) : undefined) ?? this.ruleset.layerOrder.length;
  }

  audienceName(id: string | undefined): string | undefined {
    return this.ruleset.audiences.find((a) => a.id === id)?.name;
  }

  /**
   * Classifies a path relative to the source root, with `/` separators (`app/hoc/cus/x/L5_engines/y.py`):
   * the first layer one of whose globs matches, in ruleset order. A glob whose `{audience}`
   * capture is not a declared audience does not match (when the ruleset declares audiences).
   */
  classifyPath(path: string): Placement {
    const placement = this.placeInLayer(path);
    if (placement.domain === undefined && placement.groupingStem === undefined) this.placeInDomain(path, placement);
    return this.shared(placement);
  }

  /**
   * The one placement object of its place (layer, audience, domain), shared by every file and
   * module there: the index keeps one per file, and a tree has a few hundred places for tens of
   * thousands of files (each with its own copy of the domain's name). Placements are therefore
   * never modified once returned.
   */
  private shared(placement: Placement): Placement {
    const key = `${placement.layer?.id ?? ''}\0${placement.audience ?? ''}\0${placement.domain ?? ''}\0${placement.groupingStem ?? ''}`;
    const known = this.placements.get(key);
    if (known !== undefined) return known;
    this.placements.set(key, placement);
    return placement;
  }

  private placeInLayer(path: string): Placement {
    for (const layer of this.ruleset.layers) {
      for (const glob of layer.paths) {
        const captures = this.match(glob, path);
        if (!captures) continue;
        const placement: Placement = { layer };
        const audience = captures.audience ?? layer.audience;
        if (audience !== undefined) placement.audience = audience;
        const domain = captures.domain !== undefined ? fileStem(captures.domain) : undefined;
        if (layer.groupsDomains && domain !== undefined) placement.groupingStem = domain;
        else if ((domain ?? layer.domain) !== undefined) placement.domain = domain ?? layer.domain;
        return placement;
      }
    }
    return {};
  }

  /** The ruleset's `domain-paths`, for what its layer (if any) gives no domain; a layer's own audience stays. */
  private placeInDomain(path: string, placement: Placement): void {
    for (const glob of this.ruleset.domainPaths) {
      const captures = this.match(glob, path);
      if (captures?.domain === undefined) continue;
      if (captures.audience !== undefined && placement.audience !== undefined && captures.audience !== placement.audience) continue;
      placement.domain = captures.domain;
      if (captures.audience !== undefined) placement.audience = captures.audience;
      return;
    }
  }

  /** A glob's captures, when it matches and its `{audience}` (if any) is a declared audience. */
  private match(glob: PathGlob, path: string): GlobCaptures | undefined {
    const captures = glob.match(path);
    if (!captures) return undefined;
    if (captures.audience !== undefined && this.audienceIds.size > 0 && !this.audienceIds.has(captures.audience)) return undefined;
    return captures;
  }

  /**
   * Classifies a dotted module by its path, whether or not a file exists for it: as its file
   * (`a/b.py`), else as its package (`a/b/__init__.py`), so `app.models` is placed like the
   * files inside it.
   */
  classifyModule(dotted: string): Placement {
    let placement = this.moduleCache.get(dotted);
    if (!placement) {
      const base = dotted.replace(/\./g, '/');
      placement = this.classifyPath(base + '.py');
      if (!placement.layer) placement = this.classifyPath(base + '/__init__.py');
      this.moduleCache.set(dotted, placement);
    }
    return placement;
  }

  /**
   * Whether a target module matches (everything but `names`, which only a statement has). With
   * `domain`, the importer's placement decides: two placements are in the same domain when their
   * audience and domain are equal; a target (or importer) with no domain is neither.
   */
  targetMatches(matcher: TargetMatcher, dotted: string, importer?: Placement): boolean {
    if (matcher.layers) {
      const layer = this.classifyModule(dotted).layer;
      if (layer === undefined || !matcher.layers.includes(layer.id)) return false;
    }
    if (matcher.modules || matcher.namePrefixes) {
      const inModules = matcher.modules?.some((m) => isModuleOrBelow(dotted, m)) ?? false;
      const byPrefix = matcher.namePrefixes?.some((prefix) => dotted.startsWith(prefix)) ?? false;
      if (!inModules && !byPrefix) return false;
    }
    if (matcher.domain) {
      const target = this.classifyModule(dotted);
      if (!importer?.domain || !target.domain) return false;
      const same = target.domain === importer.domain && target.audience === importer.audience;
      if (same !== (matcher.domain === 'same')) return false;
    }
    return true;
  }

  /** For a `names` matcher: the first imported name it forbids from module `from` (a from-import's module). */
  forbiddenName(matcher: TargetMatcher, from: string, names: readonly ImportedName[], importer?: Placement): ImportedName | undefined {
    const forbidden = matcher.names;
    if (!forbidden || !this.targetMatches(matcher, from, importer)) return undefined;
    return names.find((n) => forbidden.includes(n.name));
  }

  /** Rules that apply to files of a layer, in ruleset order. */
  rulesFor(layerId: string | undefined): ImportRule[] {
    if (layerId === undefined) return [];
    let rules = this.rulesByLayer.get(layerId);
    if (!rules) this.rulesByLayer.set(layerId, (rules = this.ruleset.rules.filter((rule) => rule.from.includes(layerId))));
    return rules;
  }

  /** Rules that apply to one file: its layer's, minus those whose `ignore-files` match its path. */
  rulesForFile(layerId: string | undefined, relPath: string): ImportRule[] {
    const rules = this.rulesFor(layerId);
    if (!rules.some((r) => r.ignoreFiles.length > 0)) return rules;
    return rules.filter((rule) => !rule.ignoreFiles.some((glob) => glob.match(relPath)));
  }
}

/** `sqlmodel.orm` is below `sqlmodel`; `sqlmodel_x` is not. */
export function isModuleOrBelow(dotted: string, module: string): boolean {
  return dotted === module || dotted.startsWith(module + '.');
}
