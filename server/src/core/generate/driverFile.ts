import * as path from 'node:path';
import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import type { ImportStatement } from '../extract/python/importStatement';
import type { Ruleset } from '../ruleset/ruleset';
import { driverFileNameFor, engineStem, matchesStem, reachesDatabase } from '../topology/engineCounterparts';
import { isCounted } from '../validate/checkOptions';
import { absoluteFromModule, domainLayerFiles, fileOfModule, placeInTopPackage } from './domainFiles';
import { conventionsFor, newDriverPath, pascalCase } from './fileConventions';
import { dropSuffix } from '../fileStem';
import { renderHeader } from './header';
import { boundNames, renderImport } from './pythonImports';

export interface DriverPlan {
  /** The driver's stem and file name (`cus_health`, `cus_health_driver.py`). */
  stem: string;
  fileName: string;
  /** Where a new driver goes (absolute). */
  path: string;
  /** Existing drivers of the file's domain that match it: open these instead of creating one. */
  matching: AnalyzedFile[];
  /** The new file's text (spec §5): header, the offending imports, a `<Stem>Driver` class. */
  content: string;
  className: string;
  /** The statements that move out of the file into the new driver (see {@link movingImports}). */
  moving: ImportStatement[];
  /** How comments in the file name the new driver: from the domain folder (`L6_drivers/x_driver.py`), else as the ruleset's paths do (`hoc/cus/x/L6_drivers/x_driver.py`). */
  shownPath: string;
}

/**
 * The L6 driver a file's database and model access belongs in: for an engine, the driver its
 * stem names (so the topology then pairs them); for another file (adapter, L5 support, L2
 * router), a driver named after it. Undefined when the file has no domain to put a driver in.
 */
export function planDriver(index: WorkspaceIndex, file: AnalyzedFile): DriverPlan | undefined {
  const ruleset = index.model.ruleset;
  const conventions = conventionsFor(ruleset);
  const { audience, domain, layer } = file.placement;
  const counterparts = ruleset.counterparts;
  if (!counterparts || !domain || !layer) return undefined;
  const name = path.basename(file.path);
  const stem =
    layer.id === counterparts.engineLayer
      ? engineStem(name, counterparts)
      : dropSuffix(engineStem(name, counterparts), conventions.extraStemSuffixes);
  const fileName = driverFileNameFor(counterparts, stem);
  const rel = newDriverPath(ruleset, { audience: audience ?? '', domain, stem, file: name });
  const place = rel === undefined ? undefined : placeInTopPackage(index, file, rel);
  if (!place) return undefined;

  const matching = domainLayerFiles(index, counterparts.driverLayer, audience, domain).filter((d) => matchesStem(path.basename(d.path), stem));
  // An L2 file that imports a driver directly: that driver is where its access belongs.
  for (const statement of offendingImports(index, file)) {
    for (const resolved of file.imports.filter((r) => r.statement === statement)) {
      for (const target of resolved.targets) {
        const targetFile = fileOfModule(index, file.rootDir, target.module);
        if (targetFile && targetFile.placement.layer?.id === counterparts.driverLayer && !matching.includes(targetFile)) matching.push(targetFile);
      }
    }
  }
  const imports = offendingImports(index, file).map((s) => renderImport(s, absoluteFromModule(file, s)));
  // Named as the ruleset names the counterpart's layer: `L6 Driver` → `CusHealthDriver`.
  const kind = index.model.layer(counterparts.driverLayer)?.label.split(' ').pop() ?? '';
  const className = pascalCase(stem) + (kind === '' ? '' : pascalCase(kind));
  const bound = new Set(offendingImports(index, file).flatMap(boundNames));
  const sessionType = ['Session', 'AsyncSession'].find((n) => bound.has(n));
  const content = renderDriverFile(ruleset, {
    audienceName: audience === undefined ? '' : (index.model.audienceName(audience) ?? audience),
    sourceName: name,
    sourceLabel: layer.label,
    imports: unique(imports),
    className,
    sessionType,
  });
  const moving = movingImports(index, file);
  return { stem, fileName, path: place.path, matching, content, className, moving, shownPath: shownPath(index, file, place.path) };
}

/**
 * The imports that move out of a file into its new driver: every statement breaking a rule that
 * the driver fix answers (so their diagnostics go with them), counted ones only (never under
 * TYPE_CHECKING, nor lazy ones when only module-level imports count). Statement order, each once.
 */
export function movingImports(index: WorkspaceIndex, file: AnalyzedFile): ImportStatement[] {
  const driverRules = new Set(conventionsFor(index.model.ruleset).driverRules);
  const moving = new Set<ImportStatement>();
  for (const v of file.check.violations) if (driverRules.has(v.rule.id) && isCounted(v.statement, index.checkOptions)) moving.add(v.statement);
  return file.scan.imports.filter((s) => moving.has(s));
}

/** The comment left where a statement was: what moved, where to, and what is left to do. */
export function movedImportNote(statement: ImportStatement, driverShownPath: string): string {
  return `strata: moved "${renderImport(statement, undefined)}" to ${driverShownPath}: move the code that uses it there`;
}

function shownPath(index: WorkspaceIndex, file: AnalyzedFile, driverPath: string): string {
  const domainDir = path.dirname(path.dirname(file.path));
  const fromDomain = path.relative(domainDir, driverPath);
  if (fromDomain !== '' && !fromDomain.startsWith('..') && !path.isAbsolute(fromDomain)) return fromDomain.split(path.sep).join('/');
  const root = index.rootOf(file.path);
  const base = root ? root.topPackageDir : path.dirname(file.path);
  return path.relative(base, driverPath).split(path.sep).join('/');
}

/**
 * The imports a driver takes over from a file: those breaking a rule that the driver fix answers,
 * and any counted import reaching the database. Statement order, each once.
 */
export function offendingImports(index: WorkspaceIndex, file: AnalyzedFile): ImportStatement[] {
  const ruleset = index.model.ruleset;
  const driverRules = new Set(conventionsFor(ruleset).driverRules);
  const statements = new Set<ImportStatement>();
  for (const v of file.check.violations) if (driverRules.has(v.rule.id)) statements.add(v.statement);
  for (const resolved of file.imports) if (reachesDatabase(index.model, resolved, index.checkOptions)) statements.add(resolved.statement);
  return file.imports.map((r) => r.statement).filter((s) => statements.has(s));
}

export interface DriverFileValues {
  audienceName: string;
  /** The file the driver serves (`cus_health_engine.py`) and its layer label. */
  sourceName: string;
  sourceLabel: string;
  imports: string[];
  className: string;
  /** Annotation of the session parameter, when one of the imports binds a session type. */
  sessionType?: string;
}

export function renderDriverFile(ruleset: Ruleset, values: DriverFileValues): string {
  const driverLayer = ruleset.counterparts?.driverLayer;
  const template = driverLayer !== undefined ? ruleset.headers[driverLayer] : undefined;
  const header = template
    ? renderHeader(ruleset, template, {
        audienceName: values.audienceName,
        role: `Database access for ${values.sourceName}`,
        callers: `${values.sourceName} (${values.sourceLabel})`,
      })
    : '';
  const out: string[] = [header];
  if (values.imports.length > 0) out.push(values.imports.join('\n') + '\n');
  const parameter = values.sessionType ? `session: ${values.sessionType}` : 'session';
  out.push(
    '\n' +
      `class ${values.className}:\n` +
      `    """Database access for ${values.sourceName}: its queries move here and return domain objects."""\n` +
      '\n' +
      `    def __init__(self, ${parameter}):\n` +
      '        self.session = session\n',
  );
  return out.join('\n');
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
