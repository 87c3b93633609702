import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as rpc from 'vscode-jsonrpc/node';
import { repoRoot } from './paths';

export const serverPath = path.join(repoRoot, 'dist', 'server.js');

import type { Position, Range } from '../../server/src/protocol/strataProtocol';
export type { Position, Range };
export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  data?: unknown;
}
export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
export interface TextEdit {
  range: Range;
  newText: string;
}
export interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: (
    | { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }
    | { kind: 'create'; uri: string; options?: { overwrite?: boolean; ignoreIfExists?: boolean } }
    | { kind: 'rename'; oldUri: string; newUri: string }
    | { kind: 'delete'; uri: string }
  )[];
}
export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}
export interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  command?: Command;
}

/** File change types of workspace/didChangeWatchedFiles. */
export const FileChange = { Created: 1, Changed: 2, Deleted: 3 } as const;

export interface ClientOptions {
  /** initializationOptions sent with `initialize`. */
  initializationOptions?: unknown;
  /** What `workspace/configuration` answers for the `strata` section. */
  settings?: Record<string, unknown>;
  /** Leave out client capabilities, to act as a minimal LSP client. */
  minimal?: boolean;
  /** Client capabilities to announce instead of the full set. */
  capabilities?: Record<string, unknown>;
  /** `node` arguments before the server script (e.g. `--max-old-space-size`). */
  nodeArgs?: string[];
  /** Environment variables of the server process, on top of this process's. */
  env?: Record<string, string>;
}

type Listener = () => void;

/**
 * An LSP client for tests and benchmarks: spawns `dist/server.js --stdio`, speaks JSON-RPC to it,
 * records what it publishes, answers its requests the way an editor does (applying workspace edits
 * to disk), and lets a test wait for a condition, never for a fixed time.
 */
export class LspClient {
  readonly process: ChildProcess;
  readonly connection: rpc.MessageConnection;
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics, in order, with the time it arrived (ms, performance.now()). */
  readonly published: { params: PublishDiagnosticsParams; at: number }[] = [];
  readonly logs: string[] = [];
  /** Every window/showMessage notification (the notifications an editor shows), in order. */
  readonly messages: { type: number; message: string }[] = [];
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[] = [];
  readonly topologyChanges: number[] = [];
  readonly shownDocuments: { uri: string; takeFocus?: boolean; selection?: Range }[] = [];
  readonly appliedEdits: { label?: string; edit: WorkspaceEdit }[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  stderr = '';
  settings: Record<string, unknown>;
  /** Latest publishDiagnostics per file path, with its index in `published`. */
  private readonly latestByPath = new Map<string, { params: PublishDiagnosticsParams; seq: number }>();
  private readonly versions = new Map<string, number>();
  private readonly openTexts = new Map<string, string>();
  private readonly listeners = new Set<Listener>();
  private exited = false;

  constructor(private readonly options: ClientOptions = {}) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.process.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.process.stdout!), new rpc.StreamMessageWriter(this.process.stdin!));
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      const seq = this.published.length;
      this.published.push({ params, at: performance.now() });
      this.latestByPath.set(pathOf(params.uri), { params, seq });
      this.notify();
    });
    c.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.notify();
    });
    c.onNotification('$/progress', (params: { token: string | number; value: { kind: string } }) => {
      this.progress.push(params);
      this.notify();
    });
    c.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.notify();
    });
    c.onNotification('strata/topologyChanged', (params: { version: number }) => {
      this.topologyChanges.push(params.version);
      this.notify();
    });
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      this.notify();
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'strata' ? this.settings : null)),
    );
    c.onRequest('workspace/applyEdit', (params: { label?: string; edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params);
      const touched = this.applyWorkspaceEdit(params.edit);
      this.notify();
      // An editor then reports the new and changed files, as its watcher would.
      setImmediate(() => void this.announce(touched).catch(() => undefined));
      return { applied: true };
    });
    c.onRequest('window/showDocument', (params: { uri: string; takeFocus?: boolean; selection?: Range }) => {
      this.shownDocuments.push(params);
      this.notify();
      return { success: true };
    });
    c.onRequest('workspace/workspaceFolders', () => null);
    c.onClose(() => this.notify());
    c.listen();
  }

  // ── lifecycle ──────────────────────────────────────────────────────────

  async initialize(folders: string[]): Promise<{ capabilities: Record<string, unknown> }> {
    const full = !this.options.minimal;
    const capabilities = this.options.capabilities ?? (full
      ? {
          workspace: {
            applyEdit: true,
            workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
            didChangeWatchedFiles: { dynamicRegistration: true },
            didChangeConfiguration: { dynamicRegistration: true },
            configuration: true,
            workspaceFolders: true,
          },
          window: { workDoneProgress: true, showDocument: { support: true } },
          textDocument: {
            hover: { contentFormat: ['markdown', 'plaintext'] },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
            publishDiagnostics: { versionSupport: true },
          },
        }
      : {});
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? uri(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uri(f), name: path.basename(f) })),
      capabilities,
      initializationOptions: this.options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Waits for the end of the indexing progress (clients that announce workDoneProgress get one). */
  async indexed(timeoutMs = 20000): Promise<void> {
    await this.waitFor(() => this.progress.some((p) => p.value.kind === 'end'), timeoutMs, 'indexing progress to end');
  }

  /** Starts a server on these folders and waits until its initial diagnostics are out. */
  static async start(folders: string[], options: ClientOptions = {}): Promise<LspClient> {
    const client = new LspClient(options);
    await client.initialize(folders);
    if (!options.minimal) await client.indexed();
    return client;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 3000);
      await this.connection.sendNotification('exit');
      await this.waitFor(() => this.exited, 3000, 'server exit');
    } catch {
      this.process.kill();
    } finally {
      this.connection.dispose();
    }
  }

  get alive(): boolean {
    return !this.exited;
  }

  // ── waiting ────────────────────────────────────────────────────────────

  /** Resolves once `condition` holds, checking after every message from the server; rejects after `timeoutMs`. */
  waitFor<T>(condition: () => T | undefined | false, timeoutMs = 10000, what = 'condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        let value: T | undefined | false;
        try {
          value = condition();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value) {
          finish();
          resolve(value);
        } else if (this.exited) {
          finish();
          reject(new Error(`server exited while waiting for ${what}\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last logs:\n${this.logs.slice(-5).join('\n')}\n${this.stderr}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Waits for diagnostics of a file that satisfy `test` (published after `since`, an index into `published`). */
  waitForDiagnostics(file: string, test: (d: Diagnostic[]) => boolean, what = '', since = 0, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    const key = path.normalize(file);
    return this.waitFor(
      () => {
        const latest = this.latestByPath.get(key);
        return latest && latest.seq >= since && test(latest.params.diagnostics) ? latest.params : undefined;
      },
      timeoutMs,
      `diagnostics of ${path.basename(file)} ${what}`,
    );
  }

  diagnosticsOf(file: string): Diagnostic[] {
    return this.latestByPath.get(path.normalize(file))?.params.diagnostics ?? [];
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ── documents ──────────────────────────────────────────────────────────

  async open(file: string, text = fs.readFileSync(file, 'utf8')): Promise<void> {
    this.versions.set(file, 1);
    this.openTexts.set(file, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(file), languageId: 'python', version: 1, text } });
  }

  /** Replaces the whole text of an open document; returns the new version. */
  async change(file: string, text: string): Promise<number> {
    const version = (this.versions.get(file) ?? 0) + 1;
    this.versions.set(file, version);
    this.openTexts.set(file, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(file), version }, contentChanges: [{ text }] });
    return version;
  }

  /** Sends incremental edits to an open document (as editors do); returns the new version. */
  async edit(file: string, edits: TextEdit[]): Promise<number> {
    const version = (this.versions.get(file) ?? 0) + 1;
    this.versions.set(file, version);
    this.openTexts.set(file, applyTextEdits(this.openTexts.get(file) ?? '', edits));
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(file), version },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    return version;
  }

  async close(file: string): Promise<void> {
    this.versions.delete(file);
    this.openTexts.delete(file);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(file) } });
  }

  textOf(file: string): string | undefined {
    return this.openTexts.get(file);
  }

  async fileEvents(changes: { file: string; type: number }[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: uri(c.file), type: c.type })) });
  }

  // ── features ───────────────────────────────────────────────────────────

  hover(file: string, position: Position): Promise<{ contents: { kind: string; value: string }; range?: Range } | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(file) }, position });
  }

  codeActions(file: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(file) }, range, context: { diagnostics, only } });
  }

  executeCommand<T = unknown>(command: string, args: unknown[] = []): Promise<T> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params);
  }

  async configure(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { strata: settings } });
  }

  // ── applying edits, as an editor that saves would ──────────────────────

  /**
   * Applies a WorkspaceEdit to disk (and to open documents, with didChange), honouring
   * `overwrite`/`ignoreIfExists`, then tells the server about the files as a client's watcher
   * would. Returns the paths it created or changed.
   */
  async applyEdit(edit: WorkspaceEdit): Promise<string[]> {
    const touched = this.applyWorkspaceEdit(edit);
    await this.announce(touched);
    return touched.map((t) => t.file);
  }

  private applyWorkspaceEdit(edit: WorkspaceEdit): { file: string; created: boolean }[] {
    const touched: { file: string; created: boolean }[] = [];
    const textEdit = (u: string, edits: TextEdit[]) => {
      const file = fileURLToPath(u);
      const before = this.openTexts.get(file) ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, applyTextEdits(before, edits));
      if (!touched.some((t) => t.file === file)) touched.push({ file, created: false });
    };
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
        const file = fileURLToPath(change.uri);
        if (fs.existsSync(file)) {
          if (change.options?.overwrite) fs.writeFileSync(file, '');
          else if (!change.options?.ignoreIfExists) throw new Error(`${file} exists`);
          continue;
        }
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, '');
        touched.push({ file, created: true });
      } else {
        textEdit(change.textDocument.uri, change.edits);
      }
    }
    for (const [u, edits] of Object.entries(edit.changes ?? {})) textEdit(u, edits);
    return touched;
  }

  /** Tells the server what changed: didChange for open documents, watched-file events for the rest. */
  async announce(touched: { file: string; created: boolean }[]): Promise<void> {
    const events: { file: string; type: number }[] = [];
    for (const t of touched) {
      if (this.openTexts.has(t.file)) await this.change(t.file, fs.readFileSync(t.file, 'utf8'));
      else events.push({ file: t.file, type: t.created ? FileChange.Created : FileChange.Changed });
    }
    if (events.length > 0) await this.fileEvents(events);
  }
}

export function uri(file: string): string {
  return pathToFileURL(file).href;
}

function pathOf(u: string): string {
  try {
    return path.normalize(fileURLToPath(u));
  } catch {
    return u;
  }
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const offsets = lineOffsets(text);
  const at = (p: Position) => Math.min(text.length, (offsets[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => at(b.range.start) - at(a.range.start) || at(b.range.end) - at(a.range.end));
  let out = text;
  for (const e of sorted) out = out.slice(0, at(e.range.start)) + e.newText + out.slice(at(e.range.end));
  return out;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) offsets.push(i + 1);
  }
  return offsets;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
