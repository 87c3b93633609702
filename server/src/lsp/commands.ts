import * as fs from 'node:fs';
import * as path from 'node:path';
import { existingFacades, planFacade } from '../core/generate/facadeFile';
import { ServerCommands, type CheckSummary, type CreatedFile, type OpenFileOptions, type ServerCommand } from '../protocol/strataProtocol';
import type { ClientSupport } from './clientSupport';
import { driverChoice } from './codeActions/driverFix';
import { pathTaken, toTextEdit, toWorkspaceEdit, type FixPlan } from './codeActions/fixPlan';
import type { Log } from './log';
import type { Connection, ExecuteCommandParams, TextEdit } from './lsp';
import { BadRequest } from './topologyRequests';
import { uriToPath } from './uris';
import type { IndexChange, WorkspaceState } from './workspaceState';

export interface CommandHost {
  /** Publishes what an index change means (diagnostics, topology). */
  applied(change: IndexChange): void;
  /** Re-reads every folder and republishes everything. */
  recheckAll(): Promise<CheckSummary>;
}

/**
 * workspace/executeCommand: the server commands of the protocol, each handled by a function whose
 * result type is the command's. Arguments come from the wire and are checked here; bad ones are
 * BadRequest errors.
 */
export class Commands {
  private readonly handlers = new Map<string, (args: unknown[]) => Promise<unknown>>();

  constructor(
    private readonly connection: Connection,
    private readonly state: WorkspaceState,
    private readonly support: () => ClientSupport,
    private readonly host: CommandHost,
    private readonly log: Log,
  ) {
    this.on(ServerCommands.openFile, (args) => this.openFile(this.pathArg(args[0]), (args[1] ?? {}) as OpenFileOptions));
    this.on(ServerCommands.applyFix, (args) => this.applyPlanServerSide(validPlan(args[0])));
    this.on(ServerCommands.createCounterpart, (args) => this.createCounterpart(this.pathArg(args[0])));
    this.on(ServerCommands.createGroupFile, (args) => this.createGroupFile(stringArg(args[0], 'domain'), optionalStringArg(args[1], 'audience')));
    this.on(ServerCommands.checkWorkspace, () => this.host.recheckAll());
  }

  private on<A extends unknown[], R>(command: ServerCommand<A, R>, handler: (args: unknown[]) => Promise<R>): void {
    this.handlers.set(command.command, handler);
  }

  async execute(params: ExecuteCommandParams): Promise<unknown> {
    const handler = this.handlers.get(params.command);
    if (!handler) throw new BadRequest(`unknown command ${params.command}`);
    return handler(params.arguments ?? []);
  }

  async openFile(file: string, options: OpenFileOptions = {}): Promise<boolean> {
    if (!this.support().showDocument) {
      this.log.info(`would open ${file} (the client does not support window/showDocument)`);
      return false;
    }
    const result = await this.connection.window.showDocument({ uri: this.state.uriOf(file), takeFocus: true, selection: options.selection });
    return result.success;
  }

  /** What the quick-fix that creates a counterpart does, through the same plan: see {@link driverChoice}. */
  private async createCounterpart(source: string): Promise<CreatedFile> {
    const file = this.state.index.file(source);
    if (!file) throw new BadRequest(`not a file of the workspace: ${source}`);
    const text = this.state.textOf(source);
    if (text === undefined) throw new BadRequest(`cannot read ${source}`);
    const choice = driverChoice(this.state, file, text);
    if (!choice) throw new BadRequest(`${path.basename(source)} has no counterpart the ruleset can name`);
    if (choice.kind === 'open') {
      await this.openFile(choice.paths[0], { beside: true });
      return { uri: this.state.uriOf(choice.paths[0]), created: false };
    }
    if (choice.kind === 'outside') throw new BadRequest(`${choice.plan.path} is outside the workspace folder`);
    const created = await this.perform(choice.title, choice.fix);
    return { uri: this.state.uriOf(choice.plan.path), created };
  }

  private async createGroupFile(domain: string, audience: string | undefined): Promise<CreatedFile> {
    if (audience === undefined) throw new BadRequest(`domain '${domain}': the group file needs an audience`);
    const index = this.state.index;
    const existing = existingFacades(index, audience, domain)[0];
    if (existing) {
      await this.openFile(existing.path);
      return { uri: this.state.uriOf(existing.path), created: false };
    }
    const plan = planFacade(index, audience, domain, (p) => this.state.textOf(p));
    if (!plan) throw new BadRequest(`domain '${domain}' of audience '${audience}' has no files to group`);
    if (pathTaken(this.state, plan.path)) {
      await this.openFile(plan.path);
      return { uri: this.state.uriOf(plan.path), created: false };
    }
    if (!this.state.mayCreate(plan.path, plan.routers[0].path)) throw new BadRequest(`${plan.path} is outside the workspace folder`);
    const created = await this.perform(`Create ${plan.fileName}`, { creates: [{ path: plan.path, content: plan.content }], edits: [], open: { path: plan.path } });
    return { uri: this.state.uriOf(plan.path), created };
  }

  /** One WorkspaceEdit through the client (undoable there), then the new file shown; or the server-side fallback. */
  private async perform(label: string, plan: FixPlan): Promise<boolean> {
    const support = this.support();
    if (!support.applyEdit || !support.createFiles) return this.applyPlanServerSide(plan);
    const result = await this.connection.workspace.applyEdit({ label, edit: toWorkspaceEdit(this.state, plan, support) });
    if (!result.applied) {
      this.log.warn(`${label}: the client did not apply the edit${result.failureReason ? ` (${result.failureReason})` : ''}`);
      return false;
    }
    if (plan.open) await this.openFile(plan.open.path, plan.open.options);
    return true;
  }

  /**
   * For clients that cannot create files in an edit: creates each file with `wx` (an existing file
   * is left alone), inside a workspace folder only; then applies the text edits through the client.
   */
  private async applyPlanServerSide(plan: FixPlan): Promise<boolean> {
    const written: string[] = [];
    for (const created of plan.creates) {
      if (!this.state.mayCreate(created.path, created.path) || pathTaken(this.state, created.path)) {
        this.log.warn(`not creating ${created.path}: it exists or lies outside the workspace folders`);
        continue;
      }
      try {
        fs.mkdirSync(path.dirname(created.path), { recursive: true });
        fs.writeFileSync(created.path, created.content, { flag: 'wx' });
        written.push(created.path);
      } catch (error) {
        this.log.warn(`cannot create ${created.path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
      }
    }
    if (written.length > 0) this.host.applied(this.state.refreshFromDisk(written));
    const edits = plan.edits.filter((e) => this.state.folderOf(e.path) !== undefined);
    if (edits.length > 0 && this.support().applyEdit) {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of edits) changes[this.state.uriOf(e.path)] = e.changes.map(toTextEdit);
      const result = await this.connection.workspace.applyEdit({ label: 'Strata quick-fix', edit: { changes } });
      if (!result.applied) return false;
    }
    if (plan.open) await this.openFile(plan.open.path, plan.open.options);
    return written.length > 0 || edits.length > 0;
  }

  private pathArg(value: unknown): string {
    const file = typeof value === 'string' ? uriToPath(value) : undefined;
    if (!file) throw new BadRequest(`expected a file: URI, got ${JSON.stringify(value)}`);
    return file;
  }
}

function optionalStringArg(value: unknown, name: string): string | undefined {
  return value === undefined || value === null ? undefined : stringArg(value, name);
}

function stringArg(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new BadRequest(`expected ${name} (a string), got ${JSON.stringify(value)}`);
  return value;
}

/** A plan handed back by a client: only its shape is trusted; every path is checked again when used. */
function validPlan(value: unknown): FixPlan {
  const plan = value as FixPlan;
  const ok =
    plan &&
    Array.isArray(plan.creates) &&
    Array.isArray(plan.edits) &&
    plan.creates.every((c) => typeof c?.path === 'string' && path.isAbsolute(c.path) && typeof c.content === 'string') &&
    plan.edits.every((e) => typeof e?.path === 'string' && path.isAbsolute(e.path) && Array.isArray(e.changes));
  if (!ok) throw new BadRequest('expected a quick-fix plan');
  return plan;
}
