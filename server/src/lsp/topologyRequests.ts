import * as path from 'node:path';
import type { AnalyzedFile } from '../core/analysis/analyzedFile';
import type { Violation } from '../core/validate/violation';
import { conventionsFor } from '../core/generate/fileConventions';
import { moduleIdentity } from '../core/resolve/moduleNames';
import { describeViolation } from '../core/report/describeImport';
import { wiringMapDocument } from '../core/report/wiringMapReport';
import { buildTopology } from '../core/topology/buildTopology';
import type { DomainTopology, Gap, LayerSlot, Topology, TopologyFile } from '../core/topology/topology';
import {
  commandRef, ServerCommands,
  type CommandRef, type DomainNode, type FileInfoResult, type FileNode, type GapNode, type LayerState, type TopologyResult,
  type ViolationNode, type WiringMapParams, type WiringMapResult,
} from '../protocol/strataProtocol';
import { toRange } from './diagnostics';
import { uriToPath } from './uris';
import type { WorkspaceState } from './workspaceState';

/** A request the server cannot answer as asked: the shell turns it into an InvalidParams error. */
export class BadRequest extends Error {}

/**
 * The core topology in the protocol's terms. Built only when asked for (the tree, a map), and
 * kept until the index changes again.
 */
export class TopologyService {
  private cached?: { generation: number; topology: Topology };

  constructor(
    private readonly state: WorkspaceState,
    /** The violations of a file the baseline knows (the same the diagnostics show apart). */
    private readonly baselined: (file: AnalyzedFile) => Set<Violation> = () => new Set(),
  ) {}

  topology(): Topology {
    if (this.cached?.generation !== this.state.generation) {
      this.cached = { generation: this.state.generation, topology: buildTopology(this.state.index) };
    }
    return this.cached.topology;
  }

  result(): TopologyResult {
    const state = this.state;
    return {
      version: state.version,
      sourceRoots: state.index.sourceRoots().map((r) => state.uriOf(r.dir)),
      indexing: state.indexing,
      // Audiences (groups with an id) for the tree's top level; a layout without them sends none.
      audiences: this.topology().audiences.flatMap((a) => (a.id === undefined ? [] : [{ id: a.id, name: a.name ?? a.id }])),
      domains: this.topology().audiences.flatMap((a) => a.domains.map((d) => this.domainNode(d))),
    };
  }

  fileInfo(uri: string): FileInfoResult {
    const state = this.state;
    const model = state.model;
    const file = this.fileOrPlaceholder(uri);
    const result: FileInfoResult = { uri, mayNotImport: [], violationCount: file?.check.violations.length ?? 0 };
    if (!file) return result;
    result.module = file.identity.module;
    const { layer, audience, domain, groupingStem } = file.placement;
    if (layer) {
      result.layer = { id: layer.id, label: layer.label, role: layer.role };
      result.mayNotImport = model.rulesFor(layer.id).map((r) => ({ rule: r.id, message: r.message, fix: r.fix }));
      const counterpartLayer = this.counterpartLayerOf(layer.id);
      if (counterpartLayer) result.counterpartLayer = counterpartLayer;
    }
    if (domain ?? groupingStem) result.domain = domain ?? groupingStem;
    if (audience) {
      result.audience = audience;
      result.audienceName = model.audienceName(audience);
    }
    return result;
  }

  wiringMap(params: WiringMapParams): WiringMapResult {
    const audience = params?.audience;
    const domain = this.topology()
      .audiences.filter((a) => !audience || (a.id ?? '') === audience)
      .flatMap((a) => a.domains)
      .find((d) => d.domain === params?.domain);
    if (!domain) throw new BadRequest(`no domain '${params?.domain}' in audience '${audience ?? ''}'`);
    // The map format's document for this one domain: what `strata map --domain` prints, and its file name there.
    const map = wiringMapDocument(domain, this.state.model.ruleset);
    return { markdown: map.text, fileName: map.name };
  }

  /** The analysed file of a URI, or, for a file of a source root not analysed (yet), one placed by its path alone. */
  private fileOrPlaceholder(uri: string): AnalyzedFile | undefined {
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    const index = this.state.index;
    const known = index.file(filePath);
    if (known) return known;
    const root = index.rootOf(filePath);
    if (!root) return undefined;
    const identity = moduleIdentity(root.dir, filePath);
    return {
      path: filePath,
      rootDir: root.dir,
      identity,
      placement: index.model.classifyPath(identity.relPath),
      scan: { imports: [], suppressions: [], problems: [] },
      imports: [],
      check: { violations: [], suppressed: [] },
    };
  }

  /** The layer the ruleset pairs a layer's files with, when it does. */
  private counterpartLayerOf(layerId: string): { id: string; label: string } | undefined {
    const convention = this.state.model.ruleset.counterparts;
    if (!convention || convention.engineLayer !== layerId) return undefined;
    const to = this.state.model.layer(convention.driverLayer);
    return to && { id: to.id, label: to.label };
  }

  private domainNode(d: DomainTopology): DomainNode {
    const ruleset = this.state.model.ruleset;
    const counterpartLayer = ruleset.counterparts && this.counterpartLayerOf(ruleset.counterparts.engineLayer);
    const pairs = new Map(d.engines.map((e) => [e.engine, e]));
    const fileNode = (f: TopologyFile): FileNode => {
      const node: FileNode = { uri: this.state.uriOf(f.file.path), name: f.name, relPath: f.file.identity.relPath, violationCount: f.file.check.violations.length };
      const pair = pairs.get(f);
      if (pair && counterpartLayer) {
        node.counterpart = {
          layer: counterpartLayer.id,
          layerLabel: counterpartLayer.label,
          files: pair.drivers.map((x) => this.state.uriOf(x.file.path)),
          newFileName: pair.driverFileName,
          needed: pair.hasDatabaseImports,
        };
      }
      return node;
    };
    const layerState = (slot: LayerSlot): LayerState => {
      if (slot.files.length > 0) return 'present';
      const named = d.gaps.some((g) => {
        const definition = ruleset.gaps.find((x) => x.type === g.type);
        return definition?.missing === slot.layer.id || (definition?.perMissingCounterpart !== undefined && slot.layer.id === ruleset.counterparts?.driverLayer);
      });
      return named ? 'missing' : 'empty';
    };
    const anyFile = d.layers.flatMap((s) => s.files)[0]?.file;
    const root = anyFile ? this.state.index.rootOf(anyFile.path) : undefined;
    const gapNode = (g: Gap): GapNode => {
      const node: GapNode = { type: g.type, description: g.description, action: g.action };
      if (g.creates && root) node.creates = this.state.uriOf(path.join(root.topPackageDir, ...g.creates.split('/').filter((p) => p !== '')));
      if (g.engine) node.file = this.state.uriOf(g.engine.file.path);
      const command = this.gapCommand(g, d);
      if (command) node.command = command;
      return node;
    };
    const known = new Map<AnalyzedFile, Set<Violation>>();
    const isBaselined = (file: AnalyzedFile, violation: Violation) => {
      let set = known.get(file);
      if (!set) known.set(file, (set = this.baselined(file)));
      return set.has(violation);
    };
    const violations: ViolationNode[] = d.violations.map(({ file, violation }) => ({
      uri: this.state.uriOf(file.file.path),
      range: toRange(violation.target.span),
      rule: violation.rule.id,
      message: describeViolation(this.state.model, violation, this.state.index.isWorkspaceModule(file.file.rootDir, violation.target.module)),
      fix: violation.rule.fix,
      statement: violation.statement.text,
      target: violation.target.module,
      baselined: isBaselined(file.file, violation),
    }));
    const baselinedCount = violations.filter((v) => v.baselined).length;
    const node: DomainNode = {
      domain: d.domain,
      fileCount: d.layers.reduce((n, s) => n + s.files.length, 0),
      violationCount: d.violations.length - baselinedCount,
      baselinedCount,
      gapCount: d.gaps.length,
      layers: d.layers.map((slot) => ({ id: slot.layer.id, label: slot.layer.label, heading: slot.layer.heading, state: layerState(slot), files: slot.files.map(fileNode) })),
      gaps: d.gaps.map(gapNode),
      violations,
    };
    if (d.audience) node.audience = d.audience;
    return node;
  }

  /** The server command that closes a gap, when Strata can: a missing counterpart, or a missing group file. */
  private gapCommand(g: Gap, d: DomainTopology): CommandRef | undefined {
    const ruleset = this.state.model.ruleset;
    const conventions = conventionsFor(ruleset);
    const definition = ruleset.gaps.find((x) => x.type === g.type);
    if (!definition) return undefined;
    if (definition.perMissingCounterpart !== undefined && g.engine) {
      return commandRef(ServerCommands.createCounterpart, `Create ${g.creates?.split('/').pop() ?? 'counterpart'}`, [this.state.uriOf(g.engine.file.path)]);
    }
    if (definition.missing !== undefined && definition.missing === conventions.facadeLayer) {
      const fileName = g.creates?.split('/').pop();
      return commandRef(ServerCommands.createGroupFile, `Create ${fileName ?? 'the file'}`, d.audience === undefined ? [d.domain] : [d.domain, d.audience]);
    }
    return undefined;
  }
}
