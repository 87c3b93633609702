import type { DomainTopology, Topology } from './topology';

/** The topology with only the domains `keep` accepts, in the same order; an audience left with none is dropped. */
export function selectDomains(topology: Topology, keep: (domain: DomainTopology) => boolean): Topology {
  return {
    audiences: topology.audiences.flatMap((audience) => {
      const domains = audience.domains.filter(keep);
      return domains.length > 0 ? [{ ...audience, domains }] : [];
    }),
  };
}

/** Whether a domain lists a file that `include` accepts (an absolute path). */
export function listsFile(domain: DomainTopology, include: (file: string) => boolean): boolean {
  return domain.layers.some((slot) => slot.files.some((f) => include(f.file.path)));
}
