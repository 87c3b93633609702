import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedFile } from '../core/analysis/analyzedFile';
import { WorkspaceIndex } from '../core/analysis/workspaceIndex';
import { discoverSourceRoots } from '../host/discoverSourceRoots';
import { FolderWalker, isPythonFile } from '../host/folderWalker';
import { MAX_SOURCE_BYTES, readSource, readSourceBytes } from '../host/readSource';
import { TreeReader, type FileSink } from '../host/treeReader';
import type { FileOutcome } from '../core/extract/python/scanCodec';
import { changesSkipping, isSkippedPath, type SkipPolicy } from '../host/skipPolicy';
import type { SourceRoot } from '../core/extract/sourceRoot';
import { LayerModel } from '../core/layers/layerModel';
import { hasDatabaseImports } from '../core/topology/engineCounterparts';
import type { CheckOptions } from '../core/validate/checkOptions';
import { isInside } from '../core/pathInside';
import type { Log } from './log';
import { pathToUri } from './uris';
import { DETECTED, type RulesetSource } from './workspaceConfig';

/** What an index change means for the client: diagnostics to send again, files gone, a new topology. */
export interface IndexChange {
  files: AnalyzedFile[];
  removed: string[];
  topology: boolean;
}

export interface IndexingProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
}

/** Time one slice of indexing may take before the server answers waiting messages. */
const SLICE_MS = 30;

/**
 * The server's model of the workspace: one WorkspaceIndex over every source root of every
 * workspace folder, fed from disk, except that open documents are analysed from the editor's
 * text. Every mutation is synchronous and returns what changed, so the shell can publish at once.
 */
export class WorkspaceState {
  /** The ruleset of the workspace, chosen again on every full rebuild (preset detection). */
  model = new LayerModel(DETECTED.choice.choose([]));
  /** Where the ruleset comes from (a config file, or preset detection); set before a rebuild. */
  rulesetSource: RulesetSource = DETECTED;
  index: WorkspaceIndex;
  folders: string[] = [];
  /** True while a (re)build reads the folders. */
  indexing = false;
  /** Increases whenever the topology may have changed; `strata/topology` and `strata/topologyChanged` carry it. */
  version = 0;
  /** Increases with every change of the index at all (open-document edits included): caches of derived data key on it. */
  generation = 0;
  private options: CheckOptions = { moduleLevelOnly: false };
  private buildId = 0;
  private readonly open = new Map<string, { uri: string; doc: TextDocument }>();
  /** Indexed files per folder (and every folder above, up to the source root): a folder going from 0 to 1 is a new package. */
  private readonly packages = new PackageTracker();
  /** Files already reported as too large or unreadable, so the log says it once. */
  private readonly reported = new Set<string>();

  constructor(private readonly log: Log) {
    this.index = new WorkspaceIndex(this.model, this.options);
  }

  get checkOptions(): CheckOptions {
    return this.options;
  }

  // ── folders and building ─────────────────────────────────────────────────

  /**
   * Reads every folder from scratch into a new index, in time slices so the server keeps
   * answering. Open documents are analysed first, from their text. A newer build cancels this one.
   */
  async rebuild(progress?: IndexingProgress): Promise<{ completed: boolean; workerChunks: number }> {
    const id = ++this.buildId;
    this.indexing = true;
    this.version++;
    try {
      const roots = this.discover();
      const ruleset = this.rulesetSource.choice.choose(roots);
      if (ruleset !== this.model.ruleset) this.model = new LayerModel(ruleset);
      const index = new WorkspaceIndex(this.model, this.options);
      roots.forEach((root) => index.addRoot(root));
      this.index = index;
      this.packages.reset();
      for (const root of roots) for (const file of root.files) this.packages.add(file, root.dir);
      this.generation++;
      for (const [file, entry] of this.open) this.analyseOpen(file, entry.doc);
      const files = roots.flatMap((r) => r.files).filter((f) => !this.open.has(f));
      progress?.begin(files.length);
      // The CLI's read/scan loop (two threads for a large tree), a slice at a time. A document
      // opened meanwhile keeps its editor text.
      const reader = TreeReader.start(files);
      const sink: FileSink = {
        readAndAdd: (file) => void (this.open.has(file) || this.loadFromDisk(file)),
        add: (file, outcome) => void (this.open.has(file) || this.loadFromDisk(file, outcome)),
      };
      try {
        while (!reader.done) {
          reader.feed(sink, performance.now() + SLICE_MS);
          this.generation++;
          progress?.report(reader.fed, files.length);
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (id !== this.buildId) return { completed: false, workerChunks: reader.workerChunks };
        }
      } finally {
        reader.stop();
      }
      return { completed: true, workerChunks: reader.workerChunks };
    } finally {
      if (id === this.buildId) {
        this.indexing = false;
        this.version++;
      }
    }
  }

  /** The source roots of every workspace folder, by the core's discovery; a root two folders share is listed once. */
  private discover(): SourceRoot[] {
    const roots: SourceRoot[] = [];
    const seen = new Set<string>();
    for (const folder of this.folders) {
      try {
        // In the editor discovery never leaves the workspace folder.
        const source = this.rulesetSource;
        const { roots: found, warnings } = discoverSourceRoots(folder, { marker: source.choice.marker, sourceRoots: source.sourceRoots, ...this.policyOf(folder) });
        for (const root of found) {
          if (seen.has(root.dir)) continue;
          seen.add(root.dir);
          roots.push(root);
        }
        if (warnings.length > 0) {
          const shown = warnings.slice(0, 3).map((w) => `${w.path}: ${w.message}`).join('; ');
          this.log.warn(`${folder}: ${warnings.length} path(s) passed over while discovering (${shown}${warnings.length > 3 ? '; …' : ''})`);
        }
      } catch (error) {
        this.log.error(`cannot walk ${folder}`, error);
      }
    }
    return roots;
  }

  /** The skip policy for a path: the host's, judged from its workspace folder's project root, with the config's `exclude`. */
  private skipPolicy(file: string): SkipPolicy | undefined {
    const folder = this.folderOf(file);
    return folder === undefined ? undefined : this.policyOf(folder);
  }

  /** A workspace folder's skip policy: under a config above or at the folder, its project root and `exclude`, as the CLI's. */
  private policyOf(folder: string): SkipPolicy {
    const source = this.rulesetSource;
    if (source.projectRoot === undefined || !isInside(source.projectRoot, folder)) return { projectRoot: folder };
    return { projectRoot: source.projectRoot, exclude: source.exclude };
  }

  /** Whether a path lies where discovery never looks (outside every workspace folder included). */
  private isSkipped(file: string): boolean {
    const policy = this.skipPolicy(file);
    return policy === undefined || isSkippedPath(policy, file);
  }

  // ── open documents ───────────────────────────────────────────────────────

  isOpen(file: string): boolean {
    return this.open.has(file);
  }

  openVersion(file: string): number | undefined {
    return this.open.get(file)?.doc.version;
  }

  /** The URI the client uses for a file (the one it opened it with), or the canonical one. */
  uriOf(file: string): string {
    return this.open.get(file)?.uri ?? pathToUri(file);
  }

  /** A file's current text: the editor's when open, else the disk's; undefined when unreadable. */
  textOf(file: string): string | undefined {
    const entry = this.open.get(file);
    if (entry) return entry.doc.getText();
    const source = readSource(file);
    return source.ok ? source.text : undefined;
  }

  /** An editor opened or changed a document: analyse its text now. */
  documentChanged(file: string, uri: string, doc: TextDocument): IndexChange {
    this.open.set(file, { uri, doc });
    this.generation++;
    const before = this.index.file(file);
    const beforeKey = topologyKey(before, this.options, this.model);
    const files = this.analyseOpen(file, doc);
    this.syncPackages(file);
    const after = this.index.file(file);
    const topology = !before || files.length > 1 || topologyKey(after, this.options, this.model) !== beforeKey;
    if (topology && after) this.version++;
    return { files, removed: [], topology: topology && after !== undefined };
  }

  /** An editor closed a document: the disk is the truth again (it may differ, or be gone). */
  documentClosed(file: string): IndexChange {
    if (!this.open.delete(file)) return { files: [], removed: [], topology: false };
    return this.refreshFromDisk([file]);
  }

  private analyseOpen(file: string, doc: TextDocument): AnalyzedFile[] {
    if (!this.index.rootOf(file) || this.isSkipped(file)) return [];
    const text = doc.getText();
    if (text.length > MAX_SOURCE_BYTES || (text.length > MAX_SOURCE_BYTES / 4 && Buffer.byteLength(text) > MAX_SOURCE_BYTES)) {
      this.reportOnce(file, `${file}: skipped, over the ${MAX_SOURCE_BYTES / 1048576} MB limit`);
      return this.index.updateSkipped(file, 'too large');
    }
    return this.index.update(file, text);
  }

  // ── disk ─────────────────────────────────────────────────────────────────

  /**
   * Brings the index in line with the disk for these paths (files or folders, created, changed
   * or deleted, in any order): what exists is read, what is gone is removed. Open documents keep
   * their editor text. When the paths may change which source roots exist (a folder above or
   * around a root created or deleted, a `.py` file under a new marker folder, a marker folder
   * left without Python, a virtualenv appearing), discovery runs again and the index follows it.
   */
  refreshFromDisk(paths: Iterable<string>): IndexChange {
    this.generation++;
    const changed = new Map<string, AnalyzedFile>();
    const removed = new Set<string>();
    let structural = false;
    let rediscover = false;
    const note = (files: AnalyzedFile[]) => files.forEach((f) => changed.set(f.path, f));
    const forget = (file: string) => {
      note(this.index.remove(file));
      this.packages.remove(file);
      removed.add(file);
      changed.delete(file);
      structural = true;
    };
    const visited = new Set<string>();
    const visit = (file: string) => {
      if (this.open.has(file) || visited.has(file)) return;
      visited.add(file);
      const known = this.index.file(file) !== undefined;
      let stat: fs.Stats | undefined;
      try {
        stat = fs.statSync(file);
      } catch {
        stat = undefined;
      }
      if (!stat) {
        if (known) forget(file);
        // Maybe a folder that went away with its files (watchers report only the folder).
        else if (this.packages.hasFolder(file)) this.packages.filesUnder(file).forEach(visit);
        return;
      }
      if (stat.isDirectory()) {
        const policy = this.skipPolicy(file);
        if (!policy || !this.index.rootOf(path.join(file, '__init__.py'))) return;
        // What the walker does not list (gone, or now in a skipped folder: a copy that was read
        // half-way, before its pyvenv.cfg arrived) is visited too, and so leaves the index.
        const listed = new Set(isSkippedPath(policy, file) ? [] : new FolderWalker(policy).pythonFiles(file));
        for (const inner of listed) visit(inner);
        for (const other of this.packages.filesUnder(file)) if (!listed.has(other)) visit(other);
        return;
      }
      if (!isPythonFile(file) || !stat.isFile()) return;
      if (this.isSkipped(file) || !this.index.rootOf(file)) {
        if (known) forget(file);
        return;
      }
      if (!known) structural = true;
      const beforeKey = known ? topologyKey(this.index.file(file), this.options, this.model) : '';
      const loaded = this.loadFromDisk(file);
      note(loaded);
      if (!this.index.file(file)) removed.add(file);
      else if (loaded.length > 1 || topologyKey(this.index.file(file), this.options, this.model) !== beforeKey) structural = true;
    };
    for (const p of paths) {
      try {
        if (this.mayChangeRoots(p)) rediscover = true;
        visit(p);
      } catch (error) {
        this.log.error(`${p}: could not be refreshed`, error);
      }
    }
    for (const file of visited) this.syncPackages(file);
    // A marker folder left without Python marks no source root any more.
    const marker = this.model.ruleset.sourceRootMarker;
    if (!rediscover && removed.size > 0) rediscover = this.index.sourceRoots().some((r) => !this.packages.hasFolder(path.join(r.topPackageDir, marker)));
    if (rediscover) {
      const followed = this.followDiscovery();
      for (const file of followed.removed) {
        removed.add(file);
        changed.delete(file);
      }
      note(followed.files);
      if (followed.files.length > 0 || followed.removed.length > 0) structural = true;
    }
    if (structural || removed.size > 0) {
      const reloaded = this.followPreset();
      if (reloaded) {
        note(reloaded);
        structural = true;
      }
    }
    // A file can leave one root and join another (a root that became part of a larger one).
    for (const file of removed) if (this.index.file(file)) removed.delete(file);
    const files = [...changed.values()].filter((f) => this.index.file(f.path) === f);
    const topology = structural || removed.size > 0;
    if (topology) this.version++;
    return { files, removed: [...removed], topology };
  }

  /**
   * Whether a file event about this path can change which source roots exist, so that only
   * discovery can tell: cheap checks, erring towards yes for folders outside the known roots.
   */
  private mayChangeRoots(file: string): boolean {
    const folder = this.folderOf(file);
    if (folder === undefined) return false;
    if (changesSkipping(file)) return true;
    const roots = this.index.sourceRoots();
    // The root's top package, its marker folder, or a folder above them, deleted or renamed.
    if (roots.some((r) => isInside(file, r.topPackageDir) || path.join(r.topPackageDir, this.model.ruleset.sourceRootMarker) === file)) return true;
    if (this.index.rootOf(file) || this.isSkipped(file)) return false;
    // Below a marker folder outside every root: a `.py` file there may make a new top package,
    // and one deleted may end a top package that no root had taken (its folder shared with
    // another), letting a package inside it become one (as discovery finds them).
    const rel = path.relative(folder, file).split(path.sep);
    const marker = this.model.ruleset.sourceRootMarker;
    const belowMarker = rel.slice(0, -1).includes(marker) || rel[rel.length - 1] === marker;
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file);
    } catch {
      return belowMarker;
    }
    // A folder created outside every root may hold one (a root renamed, a checkout).
    if (stat.isDirectory()) return true;
    return isPythonFile(file) && belowMarker;
  }

  /**
   * Runs discovery again and makes the index follow it: roots gone are dropped with their files,
   * new roots are read, and within the roots that stay, files discovery no longer lists (now
   * skipped) go and files it lists that the index lacks are read.
   */
  private followDiscovery(): { files: AnalyzedFile[]; removed: string[] } {
    const files: AnalyzedFile[] = [];
    const removed: string[] = [];
    const discovered = this.discover();
    const key = (r: SourceRoot) => `${r.dir}\0${r.topPackageDir}`;
    const wanted = new Map(discovered.map((r) => [key(r), r]));
    for (const root of [...this.index.sourceRoots()]) {
      if (wanted.has(key(root))) continue;
      for (const file of this.index.removeRoot(root.dir)) {
        this.packages.remove(file);
        removed.push(file);
      }
    }
    const kept = new Set(this.index.sourceRoots().map((r) => r.dir));
    const listed = new Set(discovered.flatMap((r) => r.files));
    for (const indexed of this.index.files()) {
      if (!kept.has(indexed.rootDir) || listed.has(indexed.path) || this.open.has(indexed.path)) continue;
      files.push(...this.index.remove(indexed.path));
      this.packages.remove(indexed.path);
      removed.push(indexed.path);
    }
    for (const root of discovered) {
      const isNew = !kept.has(root.dir);
      if (isNew) this.index.addRoot(root);
      for (const file of root.files) {
        if (!isNew && this.index.file(file)) continue;
        const entry = this.open.get(file);
        files.push(...(entry ? this.analyseOpen(file, entry.doc) : this.loadFromDisk(file)));
        this.syncPackages(file);
      }
    }
    return { files, removed };
  }

  /**
   * The preset is detected from the files of the source roots (no config): when files come or
   * go, it may change, and then every file is checked again under the new one, as a fresh
   * `strata check` would. Returns every file then, or undefined when the preset stays.
   */
  private followPreset(): AnalyzedFile[] | undefined {
    const filesByRoot = new Map<string, string[]>();
    for (const file of this.index.files()) {
      const list = filesByRoot.get(file.rootDir);
      if (list) list.push(file.path);
      else filesByRoot.set(file.rootDir, [file.path]);
    }
    const roots = this.index.sourceRoots().map((r) => ({ ...r, files: filesByRoot.get(r.dir) ?? [] }));
    const ruleset = this.rulesetSource.choice.choose(roots);
    if (ruleset === this.model.ruleset) return undefined;
    this.model = new LayerModel(ruleset);
    this.index = new WorkspaceIndex(this.model, this.options);
    roots.forEach((root) => this.index.addRoot(root));
    this.generation++;
    for (const root of roots) {
      for (const file of root.files) {
        const entry = this.open.get(file);
        if (entry) this.analyseOpen(file, entry.doc);
        else this.loadFromDisk(file);
      }
    }
    return this.index.files();
  }

  /**
   * Reads one file from disk into the index (or takes its scan, when the indexing loop read it
   * ahead); returns the files whose verdict changed. Never throws.
   */
  private loadFromDisk(file: string, scanned?: FileOutcome): AnalyzedFile[] {
    try {
      return this.readIntoIndex(file, scanned);
    } catch (error) {
      // A bug, not bad input; the file is recorded as unreadable and everything else goes on.
      this.log.error(`${file}: could not be analysed`, error);
      try {
        return this.index.updateSkipped(file, 'internal error');
      } catch {
        return [];
      }
    }
  }

  private readIntoIndex(file: string, scanned?: FileOutcome): AnalyzedFile[] {
    const source = scanned ?? readSourceBytes(file);
    if (source.ok) {
      const changed = 'scan' in source ? this.index.updateScanned(file, source.scan) : this.index.updateBytes(file, source.bytes);
      this.logProblems(file);
      return changed;
    }
    return this.applyUnreadable(file, source.reason, source.message);
  }

  private logProblems(file: string): void {
    this.reported.delete(file);
    const problems = this.index.file(file)?.scan.problems ?? [];
    if (problems.length === 0) return;
    const p = problems[0];
    this.log.warn(`${file}:${p.position.line + 1}:${p.position.column + 1}: ${p.message}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''} (the imports around it are still checked)`);
  }

  private applyUnreadable(file: string, reason: string, message: string): AnalyzedFile[] {
    if (reason === 'unreadable' && !fs.existsSync(file)) {
      // Deleted between discovery (or an event) and now: it is no module any more.
      this.index.updateSkipped(file, message);
      this.packages.remove(file);
      return this.index.remove(file);
    }
    this.reportOnce(file, `${file}: ${message}`);
    return this.index.updateSkipped(file, message);
  }

  /**
   * Keeps the package tracker (which files lie under which folder, for folder deletions the
   * watcher reports without their files) in step with the index for one path. Importers of a
   * package that appears or goes are re-checked by the index itself.
   */
  private syncPackages(file: string): void {
    const root = this.index.rootOf(file);
    const present = this.index.file(file) !== undefined;
    if (present && root) this.packages.add(file, root.dir);
    else if (!present) this.packages.remove(file);
  }

  private reportOnce(file: string, message: string): void {
    if (this.reported.has(file)) return;
    this.reported.add(file);
    this.log.warn(message);
  }

  // ── settings ─────────────────────────────────────────────────────────────

  setOptions(options: CheckOptions): IndexChange {
    if (options.moduleLevelOnly === this.options.moduleLevelOnly) return { files: [], removed: [], topology: false };
    this.options = options;
    this.generation++;
    const files = this.index.setOptions(options);
    this.version++;
    return { files, removed: [], topology: true };
  }

  // ── places ───────────────────────────────────────────────────────────────

  /** The workspace folder a path lies in (the deepest, when folders nest). */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders) if (isInside(folder, file) && (!best || folder.length > best.length)) best = folder;
    return best;
  }

  /**
   * Whether a quick-fix may create `target` on behalf of `owner`: inside the owner's workspace
   * folder, also once symbolic links are followed (the deepest existing path decides, the target
   * included: a dangling link there would have the editor write the file where the link points).
   */
  mayCreate(target: string, owner: string): boolean {
    const folder = this.folderOf(owner);
    if (!folder || !isInside(folder, target) || target === folder) return false;
    try {
      const realFolder = fs.realpathSync(folder);
      let existing = target;
      // lstat, not exists: a link to nowhere is something there, and realpath refuses it below.
      while (fs.lstatSync(existing, { throwIfNoEntry: false }) === undefined) {
        const parent = path.dirname(existing);
        if (parent === existing) return false;
        existing = parent;
      }
      return isInside(realFolder, fs.realpathSync(existing));
    } catch {
      return false;
    }
  }
}

/** Counts files per folder below their source root; says when a folder gets its first file or loses its last. */
class PackageTracker {
  private readonly counts = new Map<string, number>();
  private readonly files = new Map<string, string>();

  reset(): void {
    this.counts.clear();
    this.files.clear();
  }

  add(file: string, rootDir: string): boolean {
    if (this.files.has(file)) return false;
    this.files.set(file, rootDir);
    let appeared = false;
    for (const dir of foldersBetween(rootDir, file)) {
      const n = (this.counts.get(dir) ?? 0) + 1;
      this.counts.set(dir, n);
      if (n === 1) appeared = true;
    }
    return appeared;
  }

  /** Whether some indexed file lies below this folder. */
  hasFolder(dir: string): boolean {
    return this.counts.has(dir);
  }

  filesUnder(dir: string): string[] {
    if (!this.counts.has(dir)) return [];
    const prefix = dir + path.sep;
    return [...this.files.keys()].filter((f) => f.startsWith(prefix));
  }

  remove(file: string): boolean {
    const rootDir = this.files.get(file);
    if (rootDir === undefined) return false;
    this.files.delete(file);
    let vanished = false;
    for (const dir of foldersBetween(rootDir, file)) {
      const n = (this.counts.get(dir) ?? 0) - 1;
      if (n > 0) this.counts.set(dir, n);
      else {
        this.counts.delete(dir);
        vanished = true;
      }
    }
    return vanished;
  }
}

function foldersBetween(rootDir: string, file: string): string[] {
  const folders: string[] = [];
  const prefix = rootDir.endsWith(path.sep) ? rootDir : rootDir + path.sep;
  if (!file.startsWith(prefix)) return folders;
  for (let end = file.lastIndexOf(path.sep); end >= prefix.length; end = file.lastIndexOf(path.sep, end - 1)) folders.push(file.slice(0, end));
  return folders;
}

/** What of a file the topology shows: its violations (with where they are) and whether it reaches the database. */
function topologyKey(file: AnalyzedFile | undefined, options: CheckOptions, model: LayerModel): string {
  if (!file) return '';
  const parts: string[] = [file.skipped ?? ''];
  for (const v of file.check.violations) {
    const s = v.target.span;
    parts.push(`${v.rule.id}@${s.start.line}:${s.start.column}-${s.end.line}:${s.end.column}:${v.target.module}:${v.statement.functionName ?? ''}`);
  }
  const reachesDb = hasDatabaseImports(model, file, options);
  parts.push(reachesDb ? 'db' : '');
  return parts.join('|');
}
