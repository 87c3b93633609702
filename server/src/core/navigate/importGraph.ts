import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import type { ImportStatement } from '../extract/python/importStatement';

/** One import of a workspace file by another: the statement that does it. */
export interface ImportEdge {
  from: AnalyzedFile;
  to: AnalyzedFile;
  statement: ImportStatement;
}

/**
 * Who imports whom among the workspace's own files, from the index's resolved imports (every
 * import, TYPE_CHECKING ones included: this is for navigation, not for rules). Built in one
 * pass; build a new one after the index changes.
 */
export class ImportGraph {
  private readonly outgoing = new Map<AnalyzedFile, ImportEdge[]>();
  private readonly incoming = new Map<AnalyzedFile, ImportEdge[]>();

  private constructor(private readonly byModule: Map<string, AnalyzedFile>) {}

  static build(index: WorkspaceIndex): ImportGraph {
    const files = index.files();
    const byModule = new Map<string, AnalyzedFile>();
    for (const file of files) {
      const key = moduleKey(file.rootDir, file.identity.module);
      // `a/b/__init__.py` and `a/b.py` both claim `a.b`; Python loads the package.
      if (!byModule.has(key) || file.identity.isPackageInit) byModule.set(key, file);
    }
    const graph = new ImportGraph(byModule);
    for (const file of files) {
      const seen = new Set<AnalyzedFile>();
      for (const resolved of file.imports) {
        for (const target of resolved.targets) {
          const to = byModule.get(moduleKey(file.rootDir, target.module));
          if (!to || to === file || seen.has(to)) continue;
          seen.add(to);
          const edge: ImportEdge = { from: file, to, statement: resolved.statement };
          push(graph.outgoing, file, edge);
          push(graph.incoming, to, edge);
        }
      }
    }
    return graph;
  }

  /** The file that defines a module of a root, if the workspace has one. */
  fileOf(rootDir: string, module: string): AnalyzedFile | undefined {
    return this.byModule.get(moduleKey(rootDir, module));
  }

  /** Workspace files this file imports, one edge per file (its first import of it). */
  importsOf(file: AnalyzedFile): ImportEdge[] {
    return this.outgoing.get(file) ?? [];
  }

  /** Workspace files that import this file, one edge per importing file. */
  importersOf(file: AnalyzedFile): ImportEdge[] {
    return this.incoming.get(file) ?? [];
  }
}

function moduleKey(rootDir: string, module: string): string {
  return `${rootDir}\u0000${module}`;
}

function push(map: Map<AnalyzedFile, ImportEdge[]>, key: AnalyzedFile, edge: ImportEdge): void {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}
