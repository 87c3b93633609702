import type { AnalyzedFile } from '../analysis/analyzedFile';
import { dropSuffix, fileStem } from '../fileStem';
import type { LayerModel } from '../layers/layerModel';
import type { ResolvedImport } from '../resolve/resolvedImport';
import type { CounterpartConvention } from '../ruleset/ruleset';
import { fill } from '../ruleset/template';
import { isCounted, type CheckOptions } from '../validate/checkOptions';
import type { EngineCounterpart, TopologyFile } from './topology';

/**
 * The engine ↔ driver convention in one place: an engine's stem, the drivers that match it, the
 * name a new one gets, and which imports make an engine need one (it reaches the database).
 * The topology, navigation, the quick-fixes and the server's change detection all ask here.
 */

/** `cus_health_engine.py` → `cus_health`: the file stem without its first matching engine suffix. */
export function engineStem(fileName: string, convention: CounterpartConvention): string {
  return dropSuffix(fileStem(fileName), convention.engineStemSuffixes);
}

/** Whether a driver's file name matches an engine's stem (`cus_health_driver.py` matches `cus_health`). */
export function matchesStem(driverFileName: string, stem: string): boolean {
  return driverFileName.includes(stem);
}

/** The file name a new driver for `stem` gets (`cus_health_driver.py`). */
export function driverFileNameFor(convention: CounterpartConvention, stem: string): string {
  return fill(convention.driverFileName, { stem });
}

/**
 * Fills a text about one engine and the driver it lacks (the driver gap's description, action and
 * the path it creates): `{audience}`, `{domain}`, the engine's `{file}` name and `{stem}`, and the
 * new driver's `{name}`. The topology's gaps and the fixes that create the driver both fill here.
 */
export function fillForEngine(template: string, convention: CounterpartConvention, at: { audience: string; domain: string; file: string; stem: string }): string {
  return fill(template, { ...at, name: driverFileNameFor(convention, at.stem) });
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
      driverFileName: driverFileNameFor(convention, stem),
      drivers: drivers.filter((d) => matchesStem(d.name, stem)),
      hasDatabaseImports: hasDatabaseImports(model, engine.file, options),
    };
  });
}

/** Whether an import makes its file need a counterpart: it counts (runs, and at import time with module-level-only) and reaches the database. */
export function reachesDatabase(model: LayerModel, resolved: ResolvedImport, options: CheckOptions): boolean {
  if (!isCounted(resolved.statement, options)) return false;
  const needed = model.ruleset.counterparts?.databaseTargets ?? [];
  return resolved.targets.some((t) => needed.some((m) => model.targetMatches(m, t.module)));
}

/** Whether one of a file's imports reaches the database (see {@link reachesDatabase}). */
export function hasDatabaseImports(model: LayerModel, file: AnalyzedFile, options: CheckOptions): boolean {
  return file.imports.some((i) => reachesDatabase(model, i, options));
}
