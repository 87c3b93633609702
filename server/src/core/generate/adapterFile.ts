import * as path from 'node:path';
import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import type { ImportStatement, SourceSpan } from '../extract/python/importStatement';
import type { Ruleset } from '../ruleset/ruleset';
import { fill } from '../ruleset/template';
import { engineStem } from '../topology/engineCounterparts';
import type { Violation } from '../validate/violation';
import { absoluteFromModule, domainLayerFiles, fileOfModule, placeInTopPackage } from './domainFiles';
import { conventionsFor, gapForMissing } from './fileConventions';
import { renderHeader } from './header';
import { pythonStringList } from './pythonImports';

/** An adapter of the engine's domain that already imports the engine, and where. */
export interface ExistingRoute {
  adapter: AnalyzedFile;
  span: SourceSpan;
}

export interface AdapterPlan {
  engine: AnalyzedFile;
  engineModule: string;
  /** `cus_telemetry_service_adapter.py`, its path and module. */
  fileName: string;
  path: string;
  module: string;
  /** Adapters of the engine's domain that already import the engine. */
  existingRoutes: ExistingRoute[];
  /** Whether the adapter file already exists: then `append` is added to it instead of `content`. */
  exists: boolean;
  /** Text of a new adapter (spec §5): header, the re-export, `__all__`. */
  content: string;
  /** For an existing adapter: the re-export to append (empty when it already has it). */
  append: string;
  /** What the L2 import's module becomes, and where it is written. */
  rewrite: { span: SourceSpan; newText: string };
}

/**
 * Routing an import of an engine through an L3 adapter of the engine's domain: the adapter
 * re-exports exactly what the importing file took from the engine, so rewriting the import to
 * the adapter changes no behaviour. Only for `from <engine> import <names>` (a plain `import`
 * or a star import cannot be re-exported name by name). `readText` gives a file's current text.
 */
export function planAdapterRoute(
  index: WorkspaceIndex,
  file: AnalyzedFile,
  violation: Violation,
  readText: (file: string) => string | undefined,
): AdapterPlan | undefined {
  const ruleset = index.model.ruleset;
  const conventions = conventionsFor(ruleset);
  const gap = gapForMissing(ruleset, conventions.adapterLayer);
  const statement = violation.statement;
  const adapterLayer = conventions.adapterLayer;
  if (!adapterLayer || !ruleset.counterparts || !gap?.creates || statement.kind !== 'from' || !statement.moduleSpan) return undefined;
  if (statement.names.some((n) => n.name === '*')) return undefined;
  const engineModule = absoluteFromModule(file, statement);
  if (engineModule === undefined || violation.target.module !== engineModule) return undefined;
  const engine = fileOfModule(index, file.rootDir, engineModule);
  const { audience, domain } = index.model.classifyModule(engineModule);
  if (!engine || engine.identity.isPackageInit || !audience || !domain) return undefined;

  const stem = engineStem(path.basename(engine.path), ruleset.counterparts);
  const fileName = fill(conventions.adapterFileName, { stem });
  const folder = fill(gap.creates, { audience, domain });
  const place = placeInTopPackage(index, engine, `${folder.replace(/\/?$/, '/')}${fileName}`);
  if (!place) return undefined;

  const existingRoutes: ExistingRoute[] = [];
  for (const adapter of domainLayerFiles(index, adapterLayer, audience, domain)) {
    const route = adapter.imports.find((r) => !r.statement.typeCheckingOnly && r.targets.some((t) => t.module === engineModule));
    if (route) existingRoutes.push({ adapter, span: route.statement.span });
  }

  const names = statement.names.map((n) => n.name);
  const existingText = readText(place.path);
  const exists = existingText !== undefined;
  let append = '';
  if (existingText !== undefined) {
    const adapterFile = index.file(place.path);
    const already = new Set(adapterFile ? reexportedNames(adapterFile, engineModule) : []);
    const missing = names.filter((n) => !already.has(n));
    if (missing.length > 0) {
      append = (existingText === '' || existingText.endsWith('\n') ? '' : '\n') + '\n' + `from ${engineModule} import ${missing.join(', ')}\n`;
      if (/^__all__\s*(:[^=\n]*)?[+]?=/m.test(existingText)) append += `__all__ += ${pythonStringList(missing)}\n`;
    }
  }
  const content = renderAdapterFile(ruleset, {
    audienceName: index.model.audienceName(audience) ?? audience,
    engineName: path.basename(engine.path),
    callerName: path.basename(file.path),
    callerLabel: file.placement.layer?.label ?? 'caller',
    engineModule,
    names,
  });
  return {
    engine,
    engineModule,
    fileName,
    path: place.path,
    module: place.module,
    existingRoutes,
    exists,
    content,
    append,
    rewrite: { span: statement.moduleSpan, newText: place.module },
  };
}

/** Names an adapter already imports from the engine under their own name. */
function reexportedNames(adapter: AnalyzedFile, engineModule: string): string[] {
  const names: string[] = [];
  for (const resolved of adapter.imports) {
    const s: ImportStatement = resolved.statement;
    if (s.kind !== 'from' || s.typeCheckingOnly || s.scope !== 'module') continue;
    if (absoluteFromModule(adapter, s) !== engineModule) continue;
    for (const n of s.names) if (n.alias === undefined || n.alias === n.name) names.push(n.name);
  }
  return names;
}

export interface AdapterFileValues {
  audienceName: string;
  engineName: string;
  callerName: string;
  callerLabel: string;
  engineModule: string;
  names: string[];
}

export function renderAdapterFile(ruleset: Ruleset, values: AdapterFileValues): string {
  const adapterLayer = conventionsFor(ruleset).adapterLayer;
  const template = adapterLayer !== undefined ? ruleset.headers[adapterLayer] : undefined;
  const header = template
    ? renderHeader(ruleset, template, {
        audienceName: values.audienceName,
        role: `Boundary to ${values.engineName}: re-exports what L2 uses of it`,
        callers: `${values.callerName} (${values.callerLabel})`,
      })
    : '';
  return [header, `from ${values.engineModule} import ${values.names.join(', ')}\n`, `__all__ = ${pythonStringList(values.names)}\n`].join('\n');
}
