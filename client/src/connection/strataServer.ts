import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
  type ShowDocumentParams,
  type ShowDocumentResult,
} from 'vscode-languageclient/node';
import {
  CounterpartsRequest,
  FileInfoRequest,
  ServerCommands,
  TopologyChangedNotification,
  TopologyRequest,
  WiringMapRequest,
  type CommandRef,
  type CounterpartsResult,
  type FileInfoResult,
  type OpenFileOptions,
  type Range,
  type ServerCommand,
  type TopologyChangedParams,
  type TopologyResult,
  type WiringMapResult,
} from '../../../server/src/protocol/strataProtocol';
import { readSettings } from '../settings';

/**
 * The one connection to Strata's language server. Everything the client knows about the
 * workspace comes through here, as the requests and notifications of strataProtocol.ts.
 */
export class StrataServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<TopologyChangedParams>();
  private readonly stateChanged = new vscode.EventEmitter<boolean>();
  private readonly disposables: vscode.Disposable[] = [];

  /** `strata/topologyChanged`. */
  readonly onTopologyChanged = this.changed.event;
  /** Fires `true` when the server (re)started, `false` when it stopped. */
  readonly onRunningChanged = this.stateChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  start(): Promise<void> {
    if (!this.starting) {
      this.starting = this.createAndStart().catch((err) => {
        this.starting = undefined;
        throw err;
      });
    }
    return this.starting;
  }

  private async createAndStart(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'python' }],
      synchronize: {
        // Python files changed outside the editor (git checkout, a file a fix created) re-index.
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.py'),
        // workspace/didChangeConfiguration carries the `strata` section: settings apply live.
        configurationSection: 'strata',
      },
      initializationOptions: () => readSettings(),
      outputChannel: this.output,
      diagnosticCollectionName: 'strata',
      markdown: { isTrusted: false, supportThemeIcons: true },
      middleware: {
        // Quick-fixes show files through the server command `openFile`, whose `beside` hint
        // window/showDocument cannot carry: the client opens those itself.
        executeCommand: async (command, args, next) => {
          if (command === ServerCommands.openFile.command && typeof args[0] === 'string') {
            const options = (args[1] ?? {}) as OpenFileOptions;
            await this.show(vscode.Uri.parse(args[0]), { beside: !!options.beside, selection: options.selection, focus: true });
            return true;
          }
          return next(command, args);
        },
        window: {
          // Server commands that create a file show the file they made next to the one
          // the person is working in, not instead of it.
          showDocument: async (params: ShowDocumentParams, token, next): Promise<ShowDocumentResult> => {
            if (params.external) return (await next(params, token)) as ShowDocumentResult;
            const success = await this.show(vscode.Uri.parse(params.uri), {
              beside: true,
              selection: params.selection,
              focus: params.takeFocus !== false,
            });
            return { success };
          },
        },
      },
    };
    const client = new LanguageClient('strata', 'Strata', serverOptions, clientOptions);
    this.client = client;
    this.disposables.push(
      client.onNotification(TopologyChangedNotification, (params) => this.changed.fire(params)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.stateChanged.fire(true);
        else if (e.oldState === State.Running) this.stateChanged.fire(false);
      }),
    );
    await client.start();
  }

  /** Opens a file: where it already shows, else beside the active editor when asked (and there is one). */
  private async show(
    uri: vscode.Uri,
    { beside, selection, focus }: { beside: boolean; selection?: Range; focus: boolean },
  ): Promise<boolean> {
    try {
      // A file already showing is revealed where it is, not opened a second time beside.
      const showing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      await vscode.window.showTextDocument(uri, {
        viewColumn: showing?.viewColumn ?? (beside && vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active),
        preserveFocus: !focus,
        preview: false,
        selection: selection
          ? new vscode.Range(selection.start.line, selection.start.character, selection.end.line, selection.end.character)
          : undefined,
      });
      return true;
    } catch (err) {
      this.output.error(`opening ${uri.toString()} failed: ${String(err)}`);
      return false;
    }
  }

  async restart(): Promise<void> {
    if (!this.client) return this.start();
    this.output.info('restarting the Strata language server');
    await this.client.restart();
  }

  private async ready(): Promise<LanguageClient> {
    await this.start();
    if (!this.client) throw new Error('the Strata language server is not running');
    return this.client;
  }

  async topology(): Promise<TopologyResult> {
    return (await this.ready()).sendRequest(TopologyRequest, {});
  }

  async fileInfo(uri: vscode.Uri): Promise<FileInfoResult> {
    return (await this.ready()).sendRequest(FileInfoRequest, { uri: uri.toString() });
  }

  async counterparts(uri: vscode.Uri): Promise<CounterpartsResult> {
    return (await this.ready()).sendRequest(CounterpartsRequest, { uri: uri.toString() });
  }

  async wiringMap(domain: string, audience: string | undefined): Promise<WiringMapResult> {
    return (await this.ready()).sendRequest(WiringMapRequest, audience === undefined ? { domain } : { domain, audience });
  }

  /** workspace/executeCommand: the same path the quick-fixes take; arguments and result typed by the command. */
  async executeCommand<A extends unknown[], R>(command: ServerCommand<A, R>, ...args: A): Promise<R> {
    return (await this.ready()).sendRequest('workspace/executeCommand', { command: command.command, arguments: args }) as Promise<R>;
  }

  /** A command the server itself handed out (a gap's action): its arguments are the server's. */
  async executeCommandRef(ref: CommandRef): Promise<unknown> {
    return (await this.ready()).sendRequest('workspace/executeCommand', { command: ref.command, arguments: ref.arguments });
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.changed.dispose();
    this.stateChanged.dispose();
    const client = this.client;
    this.client = undefined;
    if (client) await client.dispose(2000).catch(() => undefined);
  }
}
