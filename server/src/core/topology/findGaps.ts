import { fill } from '../ruleset/template';
import type { Ruleset } from '../ruleset/ruleset';
import { fillForEngine } from './engineCounterparts';
import type { EngineCounterpart, Gap, LayerSlot } from './topology';

/** The gaps of one domain, in ruleset order, texts filled from the ruleset's templates. */
export function findGaps(ruleset: Ruleset, audience: string | undefined, domain: string, layers: LayerSlot[], engines: EngineCounterpart[]): Gap[] {
  const filesOf = (layerId: string) => layers.find((slot) => slot.layer.id === layerId)?.files ?? [];
  const present = (layerId: string) => filesOf(layerId).length > 0;
  const gaps: Gap[] = [];
  for (const definition of ruleset.gaps) {
    const values: Record<string, string> = { audience: audience ?? '', domain };
    if (definition.perMissingCounterpart !== undefined) {
      const convention = ruleset.counterparts;
      for (const engine of engines) {
        if (!convention || !engine.hasDatabaseImports || engine.drivers.length > 0) continue;
        const at = { audience: audience ?? '', domain, file: engine.engine.name, stem: engine.stem };
        gaps.push({
          type: definition.type,
          description: fillForEngine(definition.description, convention, at),
          action: fillForEngine(definition.action, convention, at),
          creates: definition.creates && fillForEngine(definition.creates, convention, at),
          engine: engine.engine,
        });
      }
      continue;
    }
    if (definition.missing === undefined || present(definition.missing)) continue;
    if (definition.whenPresent && !definition.whenPresent.every(present)) continue;
    if (definition.whenAnyPresent && !definition.whenAnyPresent.some(present)) continue;
    if (definition.countOf) {
      const files = filesOf(definition.countOf);
      values.count = String(files.length);
      values.files = files.map((f) => f.name).join(', ');
    }
    gaps.push({
      type: definition.type,
      description: fill(definition.description, values),
      action: fill(definition.action, values),
      creates: definition.creates && fill(definition.creates, values),
    });
  }
  return gaps;
}
