/**
 * Strata's language server: a thin shell over the core. Started as `node dist/server.js --stdio`
 * (or over node IPC by the VS Code client); everything here is plain LSP plus the `strata/*`
 * requests of server/src/protocol, so any LSP client gets diagnostics, hovers and quick-fixes.
 *
 * This file wires the connection to the parts: WorkspaceState (index + open documents),
 * DiagnosticsPublisher, hover, codeActions, TopologyService, CounterpartsService, Commands.
 */
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  carriesSettings, CounterpartsRequest, DEFAULT_SETTINGS, FileInfoRequest, parseSettings, SERVER_COMMAND_IDS, TopologyChangedNotification,
  TopologyRequest, WiringMapRequest, type CheckSummary, type StrataSettings,
} from '../protocol/strataProtocol';
import { enablePhaseTimings, endPhase, formatPhaseTimings, phaseTimingsEnabled, startPhase } from '../core/phaseTimings';
import { readClientSupport, type ClientSupport } from './clientSupport';
import { codeActions } from './codeActions/codeActions';
import { Commands } from './commands';
import { CounterpartsService } from './counterparts';
import { Debouncer } from './debounce';
import { DiagnosticsPublisher } from './diagnostics';
import { EditorBaseline } from './editorBaseline';
import { hoverAt } from './hover';
import { describeError, Log } from './log';
import { lsp, type InitializeParams, type InitializeResult } from './lsp';
import { stdioTransport } from './stdioTransport';
import { BadRequest, TopologyService } from './topologyRequests';
import { uriToPath } from './uris';
import { changesSkipping } from '../host/skipPolicy';
import { WorkspaceConfig } from './workspaceConfig';
import { WorkspaceState, type IndexChange } from './workspaceState';

const SERVER_VERSION = '0.1.0';
/** Watched-file events are gathered this long before the index is updated once for all of them. */
const FILE_EVENT_DELAY_MS = 40;
/** `strata/topologyChanged` waits this long for quiet (at most 1 s) after the last index change. */
const TOPOLOGY_DEBOUNCE_MS = 150;

/** The server proper: the connection, its handlers, and the parts they use. */
function startServer(): void {
  enablePhaseTimings(process.env.STRATA_TIMINGS === '1');
  const startedAt = performance.now();
  let shutdownRequested = false;
  const stdio = stdioTransport(process.argv, () => shutdownRequested);
  const connection = stdio
    ? lsp.createConnection(lsp.ProposedFeatures.all, stdio.reader, stdio.writer)
    : lsp.createConnection(lsp.ProposedFeatures.all);
  const documents = new lsp.TextDocuments(TextDocument);
  const log = new Log(connection);
  const state = new WorkspaceState(log);
  const publisher = new DiagnosticsPublisher(connection, state);
  const baseline = new EditorBaseline();
  const topology = new TopologyService(state, (file) => baseline.baselined(file));
  const counterparts = new CounterpartsService(state);
  let support: ClientSupport = readClientSupport(undefined);
  let settings: StrataSettings = DEFAULT_SETTINGS;
  publisher.baseline = { baselined: (file) => baseline.baselined(file), known: (file, findings) => baseline.known(file, findings), get severity() { return settings.baselineSeverity; } };
  let initialized = false;

  const topologyChanged = new Debouncer(TOPOLOGY_DEBOUNCE_MS, 1000, () => {
    if (initialized) void connection.sendNotification(TopologyChangedNotification, { version: state.version }).catch(() => undefined);
  });

  /** Publishes what an index change means: diagnostics of the changed files, cleared ones for files gone, a topology notice. */
  function applied(change: IndexChange): void {
    publisher.publish(change.files);
    publisher.clear(change.removed);
    if (change.topology) topologyChanged.trigger();
  }

  const commands = new Commands(connection, state, () => support, { applied, recheckAll: () => indexWorkspace() }, log);

  // ── failures never end the server ─────────────────────────────────────────

  process.on('uncaughtException', (error) => log.error('unexpected error (the server goes on)', error));
  process.on('unhandledRejection', (error) => log.error('unexpected rejection (the server goes on)', error));

  /** A notification handler that logs its failure in one line instead of throwing. */
  function guard<P extends unknown[]>(name: string, handler: (...args: P) => void): (...args: P) => void {
    return (...args: P) => {
      try {
        handler(...args);
      } catch (error) {
        log.error(`${name} failed`, error);
      }
    };
  }

  /** A request handler: bad input is InvalidParams, anything else is logged and answered with `fallback` or an error. */
  function request<P, R>(name: string, handler: (params: P) => R | Promise<R>, fallback?: () => R): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof BadRequest) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidParams, error.message);
        log.error(`${name} failed`, error);
        if (fallback) return fallback();
        throw new lsp.ResponseError(lsp.ErrorCodes.InternalError, `${name} failed: ${describeError(error)}`);
      }
    };
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────

  connection.onInitialize((params): InitializeResult => {
    // Indexing is due from now on: a `strata/topology` that comes before it starts (VS Code asks
    // right after `initialized`, while the server registers its watchers) must not hear "no code".
    state.indexing = true;
    try {
      readInitializeParams(params);
    } catch (error) {
      log.error('reading the initialize parameters failed (going on with defaults)', error);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: lsp.TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [lsp.CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: SERVER_COMMAND_IDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'strata', version: SERVER_VERSION },
    };
  });

  function readInitializeParams(params: InitializeParams): void {
    support = readClientSupport(params.capabilities);
    const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    if (folders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) folders.push(root);
    }
    if (folders.length === 0 && params.rootPath) folders.push(params.rootPath);
    state.folders = folders;
    settings = parseSettings(params.initializationOptions, settings);
    state.setOptions({ moduleLevelOnly: settings.moduleLevelOnly });
  }

  connection.onInitialized(async () => {
    initialized = true;
    try {
      if (support.watchedFilesRegistration) {
        await connection.client.register(lsp.DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.py' },
            // Folders: deleting or renaming one reports only the folder.
            { globPattern: '**/*', kind: lsp.WatchKind.Create | lsp.WatchKind.Delete },
            // The baseline `strata check --write-baseline` writes: its violations show apart.
            { globPattern: '**/strata-baseline.json' },
            // The config: editing it re-checks the workspace.
            { globPattern: '**/strata.toml' },
            { globPattern: '**/pyproject.toml' },
          ],
        });
      }
      if (support.configurationRegistration) await connection.client.register(lsp.DidChangeConfigurationNotification.type, { section: 'strata' });
      await pullSettings();
    } catch (error) {
      log.error('setting up watchers and settings failed (indexing goes on)', error);
    }
    if (support.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guard('didChangeWorkspaceFolders', (event) => {
          const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
          const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
          state.folders = [...state.folders.filter((f) => !removed.has(f)), ...added];
          void indexWorkspace();
        }),
      );
    }
    await indexWorkspace().catch((error) => log.error('indexing failed', error));
  });

  connection.onShutdown(() => {
    shutdownRequested = true;
    topologyChanged.cancel();
    fileEvents.cancel();
    configEvents.cancel();
  });

  /** Indexes every folder with work-done progress, then publishes diagnostics for every file with violations. */
  async function indexWorkspace(): Promise<CheckSummary> {
    readConfig();
    const started = Date.now();
    const reporter = support.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    let total = 0;
    let lastPercent = -1;
    const { completed, workerChunks } = await state.rebuild({
      begin: (n) => {
        total = n;
        reporter?.begin('Strata', 0, `indexing ${thousands(n)} files`, false);
      },
      report: (done, n) => {
        const percent = n === 0 ? 100 : Math.floor((done * 100) / n);
        if (percent !== lastPercent) reporter?.report(percent, `indexing ${thousands(n)} files`);
        lastPercent = percent;
      },
    });
    const summary = checkSummary();
    if (completed) {
      loadBaseline();
      const publishing = startPhase();
      publisher.publishAll();
      endPhase('report', publishing);
      topologyChanged.trigger();
      log.info(
        `indexed ${thousands(total)} files of ${state.index.sourceRoots().length} source root(s) in ${Date.now() - started} ms: ` +
          `${summary.violations} violation(s) in ${summary.filesWithViolations} file(s)` +
          (workerChunks > 0 ? ` (${workerChunks} chunk(s) of files scanned by a worker thread)` : ''),
      );
      // STRATA_TIMINGS=1 (for `npm run bench`): the initial index's phases, once, on stderr.
      if (phaseTimingsEnabled()) {
        process.stderr.write(formatPhaseTimings(startedAt));
        enablePhaseTimings(false);
      }
    }
    reporter?.done();
    return summary;
  }

  /** Reads the workspace folders' baselines again (at indexing, and when one changes on disk). */
  function loadBaseline(): void {
    baseline.load(state.folders, (message) => log.warn(message));
  }

  /** `1985` → `1,985` (toLocaleString would load ICU data: tens of milliseconds on the first call). */
  function thousands(n: number): string {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function checkSummary(): CheckSummary {
    const files = state.index.files();
    const withViolations = files.filter((f) => f.check.violations.length > 0);
    return { files: files.length, violations: withViolations.reduce((n, f) => n + f.check.violations.length, 0), filesWithViolations: withViolations.length };
  }

  // ── settings ──────────────────────────────────────────────────────────────

  async function pullSettings(): Promise<void> {
    if (!support.configuration) return;
    const section: unknown = await connection.workspace.getConfiguration('strata');
    updateSettings(parseSettings(section, settings));
  }

  function updateSettings(next: StrataSettings): void {
    const severityChanged = next.baselineSeverity !== settings.baselineSeverity;
    settings = next;
    if (severityChanged && !state.indexing) publisher.publishAll();
    applied(state.setOptions({ moduleLevelOnly: next.moduleLevelOnly }));
  }

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', (params) => {
      if (carriesSettings(params.settings)) updateSettings(parseSettings(params.settings, settings));
      else void pullSettings().catch((error) => log.error('reading settings failed', error));
    }),
  );

  // ── documents ─────────────────────────────────────────────────────────────

  function pythonPath(doc: TextDocument): string | undefined {
    const file = uriToPath(doc.uri);
    if (!file || !(file.endsWith('.py') || doc.languageId === 'python')) return undefined;
    return file;
  }

  documents.onDidChangeContent(
    guard('didChange', (event) => {
      const file = pythonPath(event.document);
      if (file) applied(state.documentChanged(file, event.document.uri, event.document));
    }),
  );

  documents.onDidClose(
    guard('didClose', (event) => {
      const file = pythonPath(event.document);
      if (file) applied(state.documentClosed(file));
    }),
  );

  // ── the config file ───────────────────────────────────────────────────────

  const config = new WorkspaceConfig();
  /** The config file whose diagnostics are showing (a broken one); its breakage is announced once. */
  let brokenConfig: string | undefined;

  /**
   * Reads the config of the workspace folders again and puts its ruleset in force; a broken file
   * keeps the last good one, gets its problems as diagnostics at their lines, and one
   * notification (until it is mended). Returns whether the ruleset changed.
   */
  function readConfig(): boolean {
    const reload = config.reload(state.folders);
    // Another file's problems (a broken pyproject.toml that a strata.toml now overrides) are no longer the config's.
    if (brokenConfig !== undefined && (reload.status !== 'broken' || reload.file !== brokenConfig)) void connection.sendDiagnostics({ uri: state.uriOf(brokenConfig), diagnostics: [] });
    if (reload.status === 'broken') {
      void connection.sendDiagnostics({
        uri: state.uriOf(reload.file),
        diagnostics: reload.problems.map((p) => ({
          range: { start: { line: p.range.start.line, character: p.range.start.column }, end: { line: p.range.end.line, character: p.range.end.column } },
          severity: lsp.DiagnosticSeverity.Error,
          source: 'strata',
          message: p.message,
        })),
      });
      if (brokenConfig !== reload.file) {
        const first = reload.problems[0];
        const where = first ? `${path.basename(reload.file)}:${first.range.start.line + 1}: ${first.message}` : path.basename(reload.file);
        const kept = reload.kept.file ? `the last good config (${path.basename(reload.kept.file)})` : 'the detected preset';
        const message = `Strata: the config is broken (${where}); checking with ${kept} until it is mended.`;
        void connection.sendNotification(lsp.ShowMessageNotification.type, { type: lsp.MessageType.Error, message });
        log.warn(`config ${reload.file} is broken: ${reload.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.column + 1}: ${p.message}`).join('; ')}`);
      }
      brokenConfig = reload.file;
      return false;
    }
    brokenConfig = undefined;
    state.rulesetSource = reload.source;
    if (reload.changed) log.info(reload.source.file ? `ruleset from ${reload.source.file}` : 'no config file: the preset is detected');
    return reload.changed;
  }

  /** A config file changed on disk: when its ruleset changes, every folder is checked again under it. */
  const configEvents = new Debouncer(FILE_EVENT_DELAY_MS, 250, () => {
    try {
      if (readConfig()) void indexWorkspace().catch((error) => log.error('re-indexing after a config change failed', error));
    } catch (error) {
      log.error('reading the config failed', error);
    }
  });

  // ── files on disk ─────────────────────────────────────────────────────────

  const pendingFileEvents = new Set<string>();
  const fileEvents = new Debouncer(FILE_EVENT_DELAY_MS, 250, () => {
    const paths = [...pendingFileEvents];
    pendingFileEvents.clear();
    try {
      const change = state.refreshFromDisk(paths);
      applied(change);
      if (paths.length >= 100) log.info(`${paths.length} file events: ${change.files.length} file(s) re-checked, ${change.removed.length} removed`);
    } catch (error) {
      log.error(`applying ${paths.length} file event(s) failed`, error);
    }
  });

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', (params) => {
      let baselineChanged = false;
      for (const change of params.changes) {
        const file = uriToPath(change.uri);
        if (file && baseline.isBaselineFile(file)) baselineChanged = true;
        else if (file && WorkspaceConfig.concerns(file)) configEvents.trigger();
        else if (file) {
          pendingFileEvents.add(file);
          // A virtualenv's marker coming or going decides whether a config file at or above it is the project's.
          if (changesSkipping(file)) configEvents.trigger();
        }
      }
      if (baselineChanged && !state.indexing) {
        loadBaseline();
        publisher.publishAll();
        // The tree counts baselined violations apart: a new version, so clients ask again.
        state.version++;
        topologyChanged.trigger();
      }
      if (pendingFileEvents.size > 0) fileEvents.trigger();
    }),
  );

  // ── features ──────────────────────────────────────────────────────────────

  connection.onHover(
    request(
      'hover',
      (params) => {
        const file = uriToPath(params.textDocument.uri);
        return file ? hoverAt(state, file, params.position) : null;
      },
      () => null,
    ),
  );

  connection.onCodeAction(request('codeAction', (params) => codeActions(state, support, params), () => []));

  connection.onExecuteCommand(request('executeCommand', (params) => commands.execute(params)));

  connection.onRequest(TopologyRequest, request(TopologyRequest.method, () => topology.result()));
  connection.onRequest(FileInfoRequest, request(FileInfoRequest.method, (params) => topology.fileInfo(uriParam(params))));
  connection.onRequest(CounterpartsRequest, request(CounterpartsRequest.method, (params) => counterparts.counterparts(uriParam(params))));
  connection.onRequest(WiringMapRequest, request(WiringMapRequest.method, (params) => topology.wiringMap(params)));

  /** Params come from the wire: typed by the protocol, checked here all the same. */
  function uriParam(params: { uri?: unknown } | undefined): string {
    if (typeof params?.uri !== 'string') throw new BadRequest('expected { uri: string }');
    return params.uri;
  }

  documents.listen(connection);
  connection.listen();
}

startServer();
