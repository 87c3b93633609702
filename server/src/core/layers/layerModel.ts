import type { ImportRule, LayerDefinition, Ruleset, TargetMatcher } from '../ruleset/ruleset';
import type { Placement } from './placement';

/**
 * The ruleset compiled for fast questions: which layer, audience and domain a path or a dotted
 * module has, and whether a target matches a rule. Module answers are cached: the same targets
 * (`sqlmodel`, `app.models.x`) recur thousands of times in a tree.
 */
export class LayerModel {
  private readonly moduleCache = new Map<string, Placement>();
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

  /** Classifies a path relative to the source root, with `/` separators (`app/hoc/cus/x/L5_engines/y.py`). */
  classifyPath(path: string): Placement {
    const placement: Placement = {};
    for (const layer of this.ruleset.layers) {
      if (layer.pathContains.some((fragment) => path.includes(fragment))) {
        placement.layer = layer;
        break;
      }
    }
    this.locateDomain(path, placement);
    return placement;
  }

  /**
   * Classifies a dotted module by its path, whether or not a file exists for it. The trailing `/`
   * makes a package (`app.models`) match the patterns of the files inside it (`app/models/`).
   */
  classifyModule(dotted: string): Placement {
    let placement = this.moduleCache.get(dotted);
    if (!placement) {
      placement = this.classifyPath(dotted.replace(/\./g, '/') + '/');
      this.moduleCache.set(dotted, placement);
    }
    return placement;
  }

  /** Whether a resolved import target matches a rule's or a convention's target. */
  targetMatches(matcher: TargetMatcher, dotted: string): boolean {
    if ('layers' in matcher) {
      const layer = this.classifyModule(dotted).layer;
      return layer !== undefined && matcher.layers.includes(layer.id);
    }
    if ('modules' in matcher) {
      return matcher.modules.some((m) => dotted === m || dotted.startsWith(m + '.'));
    }
    return matcher.namePrefixes.some((prefix) => dotted.startsWith(prefix));
  }

  /** Rules that apply to files of a layer, in ruleset order. */
  rulesFor(layerId: string | undefined): ImportRule[] {
    if (layerId === undefined) return [];
    let rules = this.rulesByLayer.get(layerId);
    if (!rules) this.rulesByLayer.set(layerId, (rules = this.ruleset.rules.filter((rule) => rule.from.includes(layerId))));
    return rules;
  }

  private locateDomain(path: string, placement: Placement): void {
    for (const locator of this.ruleset.domainLocators) {
      const at = path.indexOf(locator.after);
      if (at < 0) continue;
      const rest = path.slice(at + locator.after.length).split('/');
      if (rest.length < 2 || !this.audienceIds.has(rest[0])) continue;
      placement.audience = rest[0];
      if (locator.domainsFromFileName) {
        if (rest[1] !== '') placement.groupingStem = stem(rest[1]);
      } else if (rest.length >= 3 && rest[1] !== '') {
        // A domain is a folder: `hoc/cus/<domain>/…`; a file right under the audience has none.
        placement.domain = rest[1];
      }
      return;
    }
    for (const shared of this.ruleset.sharedDomains) {
      if (path.includes(shared.pathContains)) {
        placement.domain = shared.domain;
        return;
      }
    }
  }
}

function stem(fileName: string): string {
  return fileName.endsWith('.py') ? fileName.slice(0, -3) : fileName;
}
