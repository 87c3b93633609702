import * as path from 'node:path';
import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import { domainLayerFiles } from '../generate/domainFiles';
import { newDriverPath } from '../generate/fileConventions';
import { engineStem, matchesStem } from '../topology/engineCounterparts';

export interface FileCounterparts {
  /** For an engine: the drivers matching its stem. For a driver: the engines whose stem it contains. */
  counterparts: AnalyzedFile[];
  /** For an engine without a driver: the absolute path its driver would have. */
  missingDriver?: string;
}

/** The engine ↔ driver pairing of the topology (spec §3), seen from one file. */
export function counterpartsOf(index: WorkspaceIndex, file: AnalyzedFile): FileCounterparts {
  const ruleset = index.model.ruleset;
  const convention = ruleset.counterparts;
  const { layer, audience, domain } = file.placement;
  const name = path.basename(file.path);
  if (!convention || !layer || !audience || !domain || ruleset.unlistedFileNames.includes(name)) return { counterparts: [] };
  if (layer.id === convention.engineLayer) {
    const stem = engineStem(name, convention);
    const drivers = domainLayerFiles(index, convention.driverLayer, audience, domain).filter((d) => matchesStem(path.basename(d.path), stem));
    if (drivers.length > 0) return { counterparts: drivers };
    const rel = newDriverPath(ruleset, { audience, domain, stem, file: name });
    const root = index.rootOf(file.path);
    if (rel === undefined || !root) return { counterparts: [] };
    return { counterparts: [], missingDriver: path.join(root.topPackageDir, ...rel.split('/')) };
  }
  if (layer.id === convention.driverLayer) {
    const engines = domainLayerFiles(index, convention.engineLayer, audience, domain).filter((e) => matchesStem(name, engineStem(path.basename(e.path), convention)));
    return { counterparts: engines };
  }
  return { counterparts: [] };
}
