import * as vscode from 'vscode';
import type {
  AudienceNode,
  DomainNode,
  FileNode,
  LayerNode,
  TopologyResult,
} from '../../../server/src/protocol/strataProtocol';
import type { StrataServer } from '../connection/strataServer';

/** Where a file of the topology sits (a file that groups domains is listed in each). */
export interface FilePlace {
  domain: DomainNode;
  layer: LayerNode;
  file: FileNode;
}

/** `starting`: no answer yet; `ready`: have a topology; `failed`: the server could not be asked. */
export type StoreState = 'starting' | 'ready' | 'failed';

/**
 * The latest `strata/topology` answer, re-requested on `strata/topologyChanged`. Requests are
 * coalesced: a change that arrives while a request is in flight causes exactly one more.
 */
export class TopologyStore implements vscode.Disposable {
  private result: TopologyResult | undefined;
  private byUri = new Map<string, FilePlace[]>();
  private inFlight: Promise<void> | undefined;
  private again = false;
  private lastError: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  state: StoreState = 'starting';

  readonly onDidChange = this.changed.event;

  constructor(private readonly server: StrataServer, private readonly output: vscode.LogOutputChannel) {
    this.disposables.push(
      server.onTopologyChanged((p) => {
        if (!this.result || p.version !== this.result.version) void this.refresh();
      }),
      server.onRunningChanged((running) => {
        if (running) void this.refresh();
      }),
    );
  }

  get current(): TopologyResult | undefined {
    return this.result;
  }

  get error(): string | undefined {
    return this.lastError;
  }

  /** True once the server answered and found at least one domain. */
  get hasLayeredCode(): boolean {
    return (this.result?.domains.length ?? 0) > 0;
  }

  domains(): DomainNode[] {
    return this.result?.domains ?? [];
  }

  /** The audience of a domain, for a layout with audiences. */
  audienceOf(domain: DomainNode): AudienceNode | undefined {
    return domain.audience === undefined ? undefined : this.result?.audiences.find((a) => a.id === domain.audience);
  }

  /** The places of a file in the topology (usually one). */
  places(uri: vscode.Uri | string): FilePlace[] {
    return this.byUri.get(normalizeUri(uri)) ?? [];
  }

  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = (async () => {
      do {
        this.again = false;
        try {
          const result = await this.server.topology();
          this.set(result);
        } catch (err) {
          this.lastError = err instanceof Error ? err.message : String(err);
          this.output.error(`strata/topology failed: ${this.lastError}`);
          if (!this.result) {
            this.state = 'failed';
            this.changed.fire();
          }
        }
      } while (this.again);
    })().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private set(result: TopologyResult): void {
    this.result = result;
    this.lastError = undefined;
    this.state = 'ready';
    const byUri = new Map<string, FilePlace[]>();
    for (const domain of result.domains) {
      for (const layer of domain.layers) {
        for (const file of layer.files) {
          const key = normalizeUri(file.uri);
          const list = byUri.get(key) ?? [];
          list.push({ domain, layer, file });
          byUri.set(key, list);
        }
      }
    }
    this.byUri = byUri;
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.changed.dispose();
  }
}

/** One spelling per file URI (the server's `file://` strings and VS Code's Uri.toString() may differ in escaping). */
export function normalizeUri(uri: vscode.Uri | string): string {
  return (typeof uri === 'string' ? vscode.Uri.parse(uri) : uri).toString();
}
