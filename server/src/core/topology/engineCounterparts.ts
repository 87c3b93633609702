import type { LayerModel } from '../layers/layerModel';
import type { CounterpartConvention } from '../ruleset/ruleset';
import { isCounted, type CheckOptions } from '../validate/checkOptions';
import type { EngineCounterpart, TopologyFile } from './topology';

/** `cus_health_engine.py` → `cus_health`: the file stem without its first matching engine suffix. */
export function engineStem(fileName: string, convention: CounterpartConvention): string {
  const base = fileName.endsWith('.py') ? fileName.slice(0, -3) : fileName;
  const suffix = convention.engineStemSuffixes.find((s) => base.endsWith(s) && base.length > s.length);
  return suffix ? base.slice(0, -suffix.length) : base;
}

/** Pairs each engine of a domain with the drivers whose file name contains its stem. */
export function matchEngines(model: LayerModel, engines: TopologyFile[], drivers: TopologyFile[], options: CheckOptions): EngineCounterpart[] {
  const convention = model.ruleset.counterparts;
  if (!convention) return [];
  return engines.map((engine) => {
    const stem = engineStem(engine.name, convention);
    return {
      engine,
      stem,
      driverFileName: convention.driverFileName.replace('{stem}', stem),
      drivers: drivers.filter((d) => d.name.includes(stem)),
      hasDatabaseImports: engine.file.imports.some((i) => isCounted(i.statement, options) && reachesCounterpartTargets(model, i.targets)),
    };
  });
}

/** Whether one of these targets makes an engine need its counterpart (it reaches the database). */
export function reachesCounterpartTargets(model: LayerModel, targets: readonly { module: string }[]): boolean {
  const needed = model.ruleset.counterparts?.databaseTargets ?? [];
  return targets.some((t) => needed.some((m) => model.targetMatches(m, t.module)));
}
