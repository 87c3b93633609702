import { discoverSourceRoots } from '../extract/discoverSourceRoots';
import { readSource } from '../extract/readSource';
import type { InputWarning } from '../extract/sourceRoot';
import { LayerModel } from '../layers/layerModel';
import type { Ruleset } from '../ruleset/ruleset';
import type { CheckOptions } from '../validate/checkOptions';
import { WorkspaceIndex } from './workspaceIndex';

export interface FolderAnalysis {
  index: WorkspaceIndex;
  /** Folders and files passed over (unreadable, binary, too large, link loops), one line each. */
  warnings: InputWarning[];
  /** Files that exist but could not be read at all: the check is incomplete. */
  unreadable: number;
}

/**
 * Discovers the source roots under a folder and analyses every file from disk. Files are read
 * one at a time and only their imports are kept, so memory grows with imports, not with bytes.
 */
export function analyzeFolder(folder: string, ruleset: Ruleset, options: CheckOptions, onProgress?: (done: number, total: number) => void): FolderAnalysis {
  const { roots, warnings } = discoverSourceRoots(folder, ruleset.sourceRootMarker);
  const index = new WorkspaceIndex(new LayerModel(ruleset), options);
  roots.forEach((root) => index.addRoot(root));
  const total = roots.reduce((n, r) => n + r.files.length, 0);
  let done = 0;
  let unreadable = 0;
  for (const root of roots) {
    for (const file of root.files) {
      const source = readSource(file);
      if (source.ok) {
        index.update(file, source.text);
      } else {
        index.updateSkipped(file, source.message);
        warnings.push({ path: file, message: source.message });
        if (source.reason === 'unreadable') unreadable++;
      }
      onProgress?.(++done, total);
    }
  }
  return { index, warnings, unreadable };
}
