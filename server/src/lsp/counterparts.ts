import * as path from 'node:path';
import type { AnalyzedFile } from '../core/analysis/analyzedFile';
import { counterpartsOf } from '../core/navigate/fileCounterparts';
import { ImportGraph } from '../core/navigate/importGraph';
import { compareBytes } from '../core/ordering';
import type { CounterpartsResult, FileRef, LayerGroup } from '../protocol/strataProtocol';
import { uriToPath } from './uris';
import type { WorkspaceState } from './workspaceState';

/** `strata/counterparts`: a file's counterparts (both ways), its importers and its imports, grouped by layer. */
export class CounterpartsService {
  private cached?: { generation: number; graph: ImportGraph };

  constructor(private readonly state: WorkspaceState) {}

  counterparts(uri: string): CounterpartsResult {
    const empty: CounterpartsResult = { uri, counterparts: [], importedBy: [], imports: [] };
    const filePath = uriToPath(uri);
    const file = filePath ? this.state.index.file(filePath) : undefined;
    if (!file) return empty;
    const graph = this.graph();
    const { counterparts, missingDriver } = counterpartsOf(this.state.index, file);
    const result: CounterpartsResult = {
      uri,
      counterparts: counterparts.map((f) => this.ref(f)),
      importedBy: this.group(graph.importersOf(file).map((e) => e.from)),
      imports: this.group(graph.importsOf(file).map((e) => e.to)),
    };
    const convention = this.state.model.ruleset.counterparts;
    const toLayer = convention && this.state.model.layer(convention.driverLayer);
    if (missingDriver && toLayer) {
      result.missingCounterpart = { uri: this.state.uriOf(missingDriver), name: path.basename(missingDriver), layer: toLayer.id, layerLabel: toLayer.label };
    }
    return result;
  }

  private graph(): ImportGraph {
    if (this.cached?.generation !== this.state.generation) this.cached = { generation: this.state.generation, graph: ImportGraph.build(this.state.index) };
    return this.cached.graph;
  }

  private ref(file: AnalyzedFile): FileRef {
    const ref: FileRef = { uri: this.state.uriOf(file.path), name: path.basename(file.path), relPath: file.identity.relPath };
    if (file.placement.layer) {
      ref.layer = file.placement.layer.id;
      ref.layerLabel = file.placement.layer.label;
    }
    return ref;
  }

  /** Files grouped by layer in report order, unclassified last; files by path inside a group. */
  private group(files: AnalyzedFile[]): LayerGroup[] {
    const model = this.state.model;
    const groups = new Map<string | null, AnalyzedFile[]>();
    for (const f of files) {
      const key = f.placement.layer?.id ?? null;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => model.layerRank(a ?? undefined) - model.layerRank(b ?? undefined))
      .map(([layer, list]) => ({
        layer,
        layerLabel: layer ? (model.layer(layer)?.heading ?? layer) : 'Not in any layer',
        files: list.sort((a, b) => compareBytes(a.identity.relPath, b.identity.relPath)).map((f) => this.ref(f)),
      }));
  }
}
