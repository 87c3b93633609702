/**
 * The texts of a ruleset (gap descriptions and actions, file names, paths a fix creates, map
 * rows) are templates with `{name}` placeholders, filled in by the topology, the map, the
 * quick-fixes and navigation alike.
 */
/** Replaces `{name}` placeholders; an unknown one stays visible rather than vanishing. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
