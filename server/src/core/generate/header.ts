import type { FileHeaderTemplate, Ruleset } from '../ruleset/ruleset';

export interface HeaderValues {
  /** CUSTOMER, FOUNDER, INTERNAL. */
  audienceName: string;
  /** One line: what the file is for. */
  role: string;
  /** Who calls it. */
  callers: string;
}

/**
 * The comment block every HOC file starts with (spec §5):
 *
 * ```
 * # Layer: L6 — Database Driver
 * # AUDIENCE: CUSTOMER
 * # Role: …
 * # Callers: …
 * # Reference: HOC_LAYER_TOPOLOGY_V1.md
 * #
 * # DRIVER CONTRACT:
 * # - Returns domain objects, not ORM models
 * ```
 */
export function renderHeader(ruleset: Ruleset, template: FileHeaderTemplate, values: HeaderValues): string {
  const lines = [
    `# Layer: ${template.layerLine}`,
    `# AUDIENCE: ${values.audienceName}`,
    `# Role: ${oneLine(values.role)}`,
    `# Callers: ${oneLine(values.callers)}`,
    `# Reference: ${referenceDocument(ruleset)}`,
    '#',
    `# ${template.contractTitle}:`,
    ...template.contract.map((item) => `# - ${item}`),
  ];
  return lines.join('\n') + '\n';
}

/** `HOC_LAYER_TOPOLOGY_V1.md (RATIFIED, V1.4.0)` → `HOC_LAYER_TOPOLOGY_V1.md`: headers name the document only. */
export function referenceDocument(ruleset: Ruleset): string {
  const space = ruleset.reference.indexOf(' ');
  return space < 0 ? ruleset.reference : ruleset.reference.slice(0, space);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
