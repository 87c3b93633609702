import { discoverSourceRoots, type DiscoveryOptions } from './discoverSourceRoots';
import type { FileOutcome } from '../core/extract/python/scanCodec';
import { readSourceBytes } from './readSource';
import type { InputWarning } from '../core/extract/sourceRoot';
import { LayerModel } from '../core/layers/layerModel';
import type { RulesetChoice } from '../core/ruleset/presets';
import type { Ruleset } from '../core/ruleset/ruleset';
import type { CheckOptions } from '../core/validate/checkOptions';
import { endPhase, startPhase } from '../core/phaseTimings';
import { TreeReader, type ReaderThreads } from './treeReader';
import { WorkspaceIndex } from '../core/analysis/workspaceIndex';

export interface FolderAnalysis {
  index: WorkspaceIndex;
  /** Folders and files passed over (unreadable, binary, too large, link loops), one line each. */
  warnings: InputWarning[];
  /** Files that exist but could not be read at all: the check is incomplete. */
  unreadable: number;
  /** Chunks of files whose scans came from the worker thread (0 on one thread). */
  workerChunks: number;
}

/**
 * Discovers the source roots under a folder and analyses every file from disk. Files are read
 * one at a time and only their imports are kept, so memory grows with imports, not with bytes.
 * A large tree is read and scanned on two threads (see `treeReader.ts`); the index is fed in the
 * same order either way, so the result is the same. `threads` overrides the choice (for tests);
 * without a second core or the worker script, it is one thread anyway. `'worker'` (for tests of
 * the worker and its codec) leaves every chunk to the worker, on any number of cores. `discovery`
 * says where source roots may be looked for (by default never above `folder`).
 */
export function analyzeFolder(
  folder: string, rulesetOrChoice: Ruleset | RulesetChoice, options: CheckOptions, onProgress?: (done: number, total: number) => void,
  threads: ReaderThreads = 'auto', discovery: Omit<DiscoveryOptions, 'marker'> = {},
): FolderAnalysis {
  const discovering = startPhase();
  const choice = 'choose' in rulesetOrChoice ? rulesetOrChoice : undefined;
  const marker = choice ? choice.marker : (rulesetOrChoice as Ruleset).sourceRootMarker;
  const { roots, warnings } = discoverSourceRoots(folder, { ...discovery, marker });
  const ruleset = choice ? choice.choose(roots) : (rulesetOrChoice as Ruleset);
  const index = new WorkspaceIndex(new LayerModel(ruleset), options);
  roots.forEach((root) => index.addRoot(root));
  endPhase('discover', discovering);
  const files = roots.flatMap((root) => root.files);
  let done = 0;
  // Folders discovery could not read leave the check incomplete, as files do.
  let unreadable = warnings.filter((w) => w.unreadable).length;

  /** A file read here or by the worker that could not be taken: a module still, with one warning. */
  const skip = (file: string, failure: { reason: string; message: string }): void => {
    index.updateSkipped(file, failure.message);
    warnings.push({ path: file, message: failure.message });
    if (failure.reason === 'unreadable') unreadable++;
  };
  const readAndAdd = (file: string): void => {
    const source = readSourceBytes(file);
    if (source.ok) index.updateBytes(file, source.bytes);
    else skip(file, source);
    onProgress?.(++done, files.length);
  };
  const add = (file: string, outcome: FileOutcome): void => {
    if (outcome.ok) index.updateScanned(file, outcome.scan);
    else skip(file, outcome);
    onProgress?.(++done, files.length);
  };

  const reader = TreeReader.start(files, threads);
  try {
    reader.feed({ readAndAdd, add });
  } finally {
    reader.stop();
  }
  return { index, warnings, unreadable, workerChunks: reader.workerChunks };
}
