import type { AnalyzedFile } from '../analysis/analyzedFile';
import type { LayerDefinition } from '../ruleset/ruleset';
import type { Violation } from '../validate/violation';

/** A file as the topology lists it. */
export interface TopologyFile {
  file: AnalyzedFile;
  /** Base name (`dispatcher.py`). */
  name: string;
}

/** An engine and the drivers of its domain that match its stem. */
export interface EngineCounterpart {
  engine: TopologyFile;
  stem: string;
  /** The name a new driver would have (`cus_health_driver.py`). */
  driverFileName: string;
  drivers: TopologyFile[];
  /** One of its counted imports matches the convention's `needed-when` targets (database access). */
  hasDatabaseImports: boolean;
}

export interface Gap {
  type: string;
  description: string;
  action: string;
  /** What the action builds, relative to the top package folder. */
  creates?: string;
  /** The engine a per-engine gap is about. */
  engine?: TopologyFile;
}

export interface LayerSlot {
  layer: LayerDefinition;
  files: TopologyFile[];
}

export interface DomainViolation {
  file: TopologyFile;
  violation: Violation;
}

export interface DomainTopology {
  /** Absent in a layout without audiences (and for domains of files no audience captures). */
  audience?: string;
  domain: string;
  /** Every layer of the ruleset, in report order, empty ones included. */
  layers: LayerSlot[];
  engines: EngineCounterpart[];
  gaps: Gap[];
  /** Violations of the domain's listed files, in report order. */
  violations: DomainViolation[];
}

/** The domains of one audience; the group with no `id` holds the domains of files without an audience. */
export interface AudienceTopology {
  id?: string;
  name?: string;
  domains: DomainTopology[];
}

export interface Topology {
  audiences: AudienceTopology[];
}
