import type { PythonScan } from '../extract/python/importStatement';
import { scanPythonImportBytes, scanPythonImports } from '../extract/python/scanImports';
import type { SourceRoot } from '../extract/sourceRoot';
import type { LayerModel } from '../layers/layerModel';
import { moduleIdentity } from '../resolve/moduleNames';
import { ModuleSet } from '../resolve/moduleSet';
import { resolveImports } from '../resolve/resolveImports';
import { compareBytes } from '../ordering';
import { isInside } from '../pathInside';
import { checkImports } from '../validate/checkImports';
import type { CheckOptions } from '../validate/checkOptions';
import type { AnalyzedFile } from './analyzedFile';
import { IndexedFile } from './indexedFile';
import { endPhase, startPhase } from '../phaseTimings';

const EMPTY_SCAN: PythonScan = { imports: [], suppressions: [], problems: [] };

/**
 * The analysed files of a workspace, kept current one file at a time. The CLI fills it once;
 * the language server updates it as files change. Each change returns the files whose verdict
 * changed, so that a shell republishes just those.
 */
export class WorkspaceIndex {
  private readonly filesByPath = new Map<string, AnalyzedFile>();
  private readonly modulesByRoot = new Map<string, ModuleSet>();
  /** Files known to exist per root (discovered or added since), to tell a new module from a changed one. */
  private readonly knownFiles = new Set<string>();
  private readonly roots: SourceRoot[] = [];

  constructor(
    readonly model: LayerModel,
    private options: CheckOptions,
  ) {}

  get checkOptions(): CheckOptions {
    return this.options;
  }

  /** Registers a source root and all its modules, so imports resolve before any file is read. */
  addRoot(root: SourceRoot): void {
    if (this.modulesByRoot.has(root.dir)) return;
    this.roots.push(root);
    this.roots.sort((a, b) => compareBytes(a.dir, b.dir));
    const modules = new ModuleSet();
    for (const file of root.files) {
      modules.add(moduleIdentity(root.dir, file).module);
      this.knownFiles.add(file);
    }
    this.modulesByRoot.set(root.dir, modules);
  }

  /**
   * Forgets a source root that is no more (its folder deleted or renamed, its marker folder
   * emptied of Python) with all its files; returns the paths of the files it had.
   */
  removeRoot(dir: string): string[] {
    const at = this.roots.findIndex((r) => r.dir === dir);
    if (at < 0) return [];
    const [root] = this.roots.splice(at, 1);
    this.modulesByRoot.delete(dir);
    for (const file of root.files) this.knownFiles.delete(file);
    const removed: string[] = [];
    for (const [filePath, file] of this.filesByPath) {
      if (file.rootDir !== dir) continue;
      this.filesByPath.delete(filePath);
      this.knownFiles.delete(filePath);
      removed.push(filePath);
    }
    return removed;
  }

  sourceRoots(): readonly SourceRoot[] {
    return this.roots;
  }

  /** The source root a path lies in, if any (the deepest when roots nest). */
  rootOf(file: string): SourceRoot | undefined {
    let best: SourceRoot | undefined;
    for (const root of this.roots) {
      if (isInside(root.topPackageDir, file) && (!best || root.dir.length > best.dir.length)) best = root;
    }
    return best;
  }

  /** Whether a dotted name belongs to the workspace's packages (rather than an installed package). */
  isWorkspaceModule(rootDir: string, module: string): boolean {
    return this.modulesByRoot.get(rootDir)?.ownsTopLevel(module) ?? false;
  }

  file(filePath: string): AnalyzedFile | undefined {
    return this.filesByPath.get(filePath);
  }

  /** All files, in path order. */
  files(): AnalyzedFile[] {
    return [...this.filesByPath.values()].sort((a, b) => compareBytes(a.path, b.path));
  }

  /**
   * Analyses a file's text (from disk or an editor). A file that is new to its root can change
   * how other files' `from M import x` resolve, so those are re-checked and returned too.
   */
  update(filePath: string, text: string): AnalyzedFile[] {
    const started = startPhase();
    const scan = scanPythonImports(text);
    endPhase('scan', started);
    return this.put(filePath, scan, undefined);
  }

  /** Like `update`, for a file's bytes as read from disk (`readSourceBytes`): scanned without decoding them. */
  updateBytes(filePath: string, bytes: Uint8Array): AnalyzedFile[] {
    const started = startPhase();
    const scan = scanPythonImportBytes(bytes);
    endPhase('scan', started);
    return this.put(filePath, scan, undefined);
  }

  /** Like `update`, for a text already scanned elsewhere (`analyzeFolder` scans part of a tree on a worker thread). */
  updateScanned(filePath: string, scan: PythonScan): AnalyzedFile[] {
    return this.put(filePath, scan, undefined);
  }

  /** Records a file that exists but could not be read: a module for resolution, with no imports. */
  updateSkipped(filePath: string, reason: string): AnalyzedFile[] {
    return this.put(filePath, EMPTY_SCAN, reason);
  }

  /** Forgets a deleted file; returns the files whose verdict changed (not the deleted one). */
  remove(filePath: string): AnalyzedFile[] {
    const existing = this.filesByPath.get(filePath);
    if (!existing) return [];
    this.filesByPath.delete(filePath);
    this.knownFiles.delete(filePath);
    const modules = this.modulesByRoot.get(existing.rootDir);
    if (!modules) return [];
    return this.reresolve(existing.rootDir, modules.remove(existing.identity.module));
  }

  /** Changes options (e.g. module-level only) and re-checks everything; returns the files whose verdict changed. */
  setOptions(options: CheckOptions): AnalyzedFile[] {
    this.options = options;
    const changed: AnalyzedFile[] = [];
    for (const file of this.filesByPath.values()) if (this.recheck(file)) changed.push(file);
    return changed;
  }

  /** Every root added has its module set (addRoot makes both); a file's root is always one of them. */
  private modulesOf(rootDir: string): ModuleSet {
    const modules = this.modulesByRoot.get(rootDir);
    if (!modules) throw new Error(`internal: source root ${rootDir} has no module set`);
    return modules;
  }

  private put(filePath: string, scan: PythonScan, skipped: string | undefined): AnalyzedFile[] {
    const root = this.rootOf(filePath);
    if (!root) return [];
    const modules = this.modulesOf(root.dir);
    const identity = moduleIdentity(root.dir, filePath);
    const isNewModule = !this.knownFiles.has(filePath);
    let appeared: string[] = [];
    if (isNewModule) {
      this.knownFiles.add(filePath);
      appeared = modules.add(identity.module);
    }
    const resolving = startPhase();
    const placement = this.model.classifyPath(identity.relPath);
    const imports = resolveImports(identity, scan.imports, modules);
    const checking = endPhase('resolve', resolving);
    const check = checkImports(this.model, { placement, relPath: identity.relPath }, imports, scan.suppressions, this.options);
    endPhase('check', checking);
    const file = new IndexedFile(filePath, root.dir, identity, placement, scan, modules, check, skipped);
    this.filesByPath.set(filePath, file);
    return isNewModule ? [file, ...this.reresolve(root.dir, appeared, file)] : [file];
  }

  /**
   * Re-resolves the files of a root that could name one of `modules` in a from-import
   * (`from parent import leaf`): a module, or a package, that appeared or vanished.
   */
  private reresolve(rootDir: string, modules: string[], except?: AnalyzedFile): AnalyzedFile[] {
    if (modules.length === 0) return [];
    const leaves = new Set(modules.map((m) => m.slice(m.lastIndexOf('.') + 1)));
    const changed: AnalyzedFile[] = [];
    for (const file of this.filesByPath.values()) {
      if (file === except || file.rootDir !== rootDir) continue;
      const mentions = file.scan.imports.some((s) => s.kind === 'from' && s.names.some((n) => leaves.has(n.name)));
      if (mentions && this.recheck(file)) changed.push(file);
    }
    return changed;
  }

  /** Resolves and checks a file again from its scan; true when its violations changed. */
  private recheck(file: AnalyzedFile): boolean {
    const before = signature(file);
    file.check = checkImports(this.model, { placement: file.placement, relPath: file.identity.relPath }, file.imports, file.scan.suppressions, this.options);
    return signature(file) !== before;
  }
}

function signature(file: AnalyzedFile): string {
  return file.check.violations.map((v) => `${v.rule.id}@${v.statement.span.start.line}:${v.target.module}`).join('|');
}
