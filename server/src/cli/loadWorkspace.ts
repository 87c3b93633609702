import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder, type FolderAnalysis } from '../host/analyzeFolder';
import { configDiscovery, configRuleset, loadFolderConfig } from '../host/folderConfig';
import { findProjectRoot, PROJECT_ROOT_MARKERS } from '../host/projectRoot';
import { DETECTED_PRESET } from '../core/ruleset/presets';
import type { CheckOptions } from '../core/validate/checkOptions';
import { unresolvedImports } from '../core/resolve/resolveImports';
import { isInside } from '../core/pathInside';
import { ConfigError } from './configError';
import { paint, type Output } from './output';
import { UsageError } from './usageError';
import type { SkipPolicy } from '../host/skipPolicy';

export interface LoadedWorkspace extends FolderAnalysis {
  /** Whether a file lies in the folder the command was given: results are reported for those only. */
  inScope(file: string): boolean;
  /** What discovery passed over in this run (the config's `exclude` included). */
  skipPolicy: SkipPolicy;
}

/**
 * Analyses a folder for a command, or says clearly why it cannot. Warnings go to stderr, one line
 * each. A folder inside a top package is analysed with its whole source root (so its imports
 * resolve), looked for no higher than the project root; only its own files are reported, and
 * warned about (or those `reported` keeps).
 */
export function loadWorkspace(dir: string, options: CheckOptions, output: Output, reported?: (file: string) => boolean): LoadedWorkspace {
  const folder = existingFolder(dir);
  // A config file (nearest strata.toml or [tool.strata]) gives the ruleset and where to look;
  // without one the preset is detected. A broken config stops everything before any file is read.
  const config = loadFolderConfig(folder);
  if (config.status === 'invalid') throw new ConfigError(config.problems);
  const discovery = config.status === 'ok' ? configDiscovery(config) : { projectRoot: findProjectRoot(folder) };
  const analysis = analyzeFolder(folder, config.status === 'ok' ? configRuleset(config) : DETECTED_PRESET, options, undefined, 'auto', discovery);
  const inScope = (file: string) => isInside(folder, file);
  // Warnings only for the files the command reports (`check FILE` says nothing of the others).
  const warned = reported ?? inScope;
  for (const warning of analysis.warnings) {
    if (!warning.unreadable && !warned(warning.path)) continue;
    output.err(`${paint(output, 33, 'warning')} ${displayPath(warning.path)}: ${warning.message}\n`);
  }
  if (analysis.index.sourceRoots().length === 0 && config.status === 'ok') {
    const where = config.config['source-roots'] ? `the source roots ${config.config['source-roots'].join(', ')}` : 'a source root';
    throw new UsageError(
      `no layered Python code under ${dir}: ${displayPath(config.file)} looks in ${where} for a top package holding a '${analysis.index.model.ruleset.sourceRootMarker}/' folder of Python files (keys source-roots and marker)`,
    );
  }
  if (analysis.index.sourceRoots().length === 0) {
    throw new UsageError(
      `no layered Python code under ${dir}: Strata looks for a top package holding a '${DETECTED_PRESET.marker}/' folder of Python files (like backend/app/${DETECTED_PRESET.marker}/)${whyNotAbove(folder)}`,
    );
  }
  for (const file of analysis.index.files()) {
    if (!warned(file.path)) continue;
    for (const problem of file.scan.problems) {
      output.err(
        `${paint(output, 33, 'warning')} ${displayPath(file.path)}:${problem.position.line + 1}:${problem.position.column + 1}: ${problem.message} (the imports around it are still checked)\n`,
      );
    }
    for (const { statement, problem } of unresolvedImports(file.identity, file.scan.imports)) {
      output.err(`${paint(output, 33, 'warning')} ${displayPath(file.path)}:${statement.span.start.line + 1}:${statement.span.start.column + 1}: ${problem}\n`);
    }
  }
  return { ...analysis, inScope, skipPolicy: { projectRoot: discovery.projectRoot ?? folder, exclude: discovery.exclude } };
}

/**
 * A folder inside a `hoc/` folder of a tree with no project marker is its own project root, so its
 * source root above it was not looked for: say so, or the user reads "no layered Python code" of
 * a folder full of it.
 */
function whyNotAbove(folder: string): string {
  const insideMarker = folder.split(path.sep).includes(DETECTED_PRESET.marker);
  const marked = PROJECT_ROOT_MARKERS.some((name) => fs.existsSync(path.join(findProjectRoot(folder), name)));
  if (!insideMarker || marked) return '';
  return `; it looked no higher than this folder because no folder above it holds ${PROJECT_ROOT_MARKERS.slice(0, -1).join(', ')} or ${PROJECT_ROOT_MARKERS[PROJECT_ROOT_MARKERS.length - 1]}, which mark a project's root: add one at the project's root`;
}

/** The absolute path of a folder a command was given, or a usage error saying why it is none. */
export function existingFolder(dir: string): string {
  const folder = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new UsageError(`no such folder: ${dir}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`not a folder: ${dir}`);
  return folder;
}

/** Paths relative to the working directory, so a terminal makes them clickable. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return (rel.startsWith('..') ? file : rel).split(path.sep).join('/');
}
