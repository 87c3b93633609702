import type { RulesetConfig } from '../ruleset/rulesetConfig';
import { tomlKey } from './keyName';
import { writeToml } from './writeToml';

const HEADER = `# Strata configuration: the layers of this codebase and the imports each layer may not make.
# Every key is described in Strata's JSON Schema (server/schema/strata.schema.json), which
# editors with a TOML extension use to complete and check this file. Paths and globs use "/".`;

/** TOML lines as comments: an example to uncomment. */
function commented(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '' : `# ${line}`))
    .join('\n');
}

/**
 * The starter config for a tree whose preset Strata detected: `extends` that preset, and every
 * other key as a commented example taken from the preset's own data, so that uncommenting any of
 * them gives a valid file (a test uncomments all of them at once).
 */
export function presetStarter(presetName: string, preset: RulesetConfig, foundIn: readonly string[]): string {
  const layers = preset.layers ?? {};
  const audiences = preset.audiences ?? {};
  const templates = preset.templates ?? {};
  const [firstLayer, secondLayer] = Object.keys(layers);
  const [ruleId] = Object.keys(preset.rules ?? {});
  const [audienceId] = Object.keys(audiences);
  const [templateId] = Object.keys(templates);
  const sections: string[] = [
    HEADER,
    `# Strata found layered code in ${foundIn.join(', ')}: the built-in preset ${presetName} applies.
# Everything below the next line is optional: uncomment a key to change the preset.
extends = ${JSON.stringify(presetName)}`,
    `# Name and version of the architecture, shown in the wiring map's Reference line.
${commented(writeToml({ reference: preset.reference ?? '' }))}`,
    `# Folders that hold the top packages, relative to this file. Default: every folder holding
# a top package with a ${JSON.stringify(preset.marker ?? '')} folder.
${commented(writeToml({ 'source-roots': [...foundIn] }))}`,
    `# The folder name that marks layered code when source-roots is not given.
${commented(writeToml({ marker: preset.marker ?? '' }))}`,
    `# Files and folders never read: a name anywhere (migrations, *_pb2.py), or a path from this file's folder.
# exclude = ["migrations", "backend/app/legacy"]`,
    `# Declared domains, in report order: each gets a wiring map even with no file yet.
${commented(writeToml({ domains: preset.domains ?? [] }))}`,
    `# The audience the declared domains belong to (its maps' file names carry no prefix).
${commented(writeToml({ 'main-audience': preset['main-audience'] ?? audienceId ?? '' }))}`,
    `# Where the domain of a file or import no layer places is read from ({domain} captures it).
${commented(writeToml({ 'domain-paths': preset['domain-paths'] ?? ['*/{domain}/**'] }))}`,
    `# File names that are checked but never listed or counted in the topology.
${commented(writeToml({ unlisted: preset.unlisted ?? ['__init__.py'] }))}`,
  ];
  if (audienceId) {
    sections.push(`# An audience: the id its path segment has, and the name reports give it.
${commented(writeToml({ audiences: { [audienceId]: audiences[audienceId] } }))}`);
  }
  if (firstLayer) {
    sections.push(`# Change a layer: only the fields given change; the preset's matching order stays
# (a file belongs to the first layer one of whose paths matches it).
${commented(writeToml({ layers: { [firstLayer]: layers[firstLayer] } }))}`);
  }
  sections.push(`# A new layer, tried after the preset's. Globs are relative to the source root;
# {domain} and {audience} capture one folder name each.
# [layers.scripts]
# label = "Script"
# heading = "Scripts"
# role = "one-off maintenance scripts"
# paths = ["*/scripts/**"]
# domain = "ops"
# groups-domains = false`);
  if (ruleId) {
    sections.push(`# Change a rule of the preset (only the fields given), or switch it off.
# [rules.${tomlKey(ruleId)}]
# severity = "warning"                  # error (default) | warning | info: only errors fail a run
# lazy = false                          # imports inside functions are not checked
# type-checking = true                  # imports under "if TYPE_CHECKING:" are checked too
# ignore-files = ["*/legacy/**"]        # importing files the rule does not apply to
# enabled = false`);
  }
  if (firstLayer && secondLayer) {
    sections.push(`# A new rule. Each forbid entry is one target: layers, modules (that module or below;
# "x*" is a name prefix), names imported (with modules: only from those), and the target's
# domain relative to the importer's ("same" or "other"). except keeps module prefixes allowed.
# [rules.no-http-clients]
# from = [${JSON.stringify(firstLayer)}]
# forbid = [{ modules = ["requests", "httpx"] }, { layers = [${JSON.stringify(secondLayer)}], domain = "other" }, { modules = ["sqlalchemy.orm"], names = ["Session"] }]
# except = ["requests.exceptions"]
# message = "${firstLayer} MUST NOT call HTTP services"
# fix = "Call them from an adapter"`);
  }
  if (preset.counterparts?.length) {
    sections.push(`# Files that belong together across layers. Given, this list replaces the preset's.
${commented(writeToml({ counterparts: preset.counterparts }))}`);
  }
  if (preset.gaps?.length) {
    sections.push(`# Structural gaps a domain is reported for. Given, this list replaces the preset's (${preset.gaps.length} gaps).
${commented(writeToml({ gaps: [preset.gaps[0]] }))}`);
  }
  sections.push(`# The wiring map (strata map): its table sizes and file names. rows = [...] redraws its tree.
${commented(
  writeToml({
    map: {
      ...(preset.map?.title !== undefined ? { title: preset.map.title } : {}),
      'violation-rows': preset.map?.['violation-rows'] ?? 20,
      'statement-width': preset.map?.['statement-width'] ?? 60,
      'file-name': preset.map?.['file-name'] ?? '{domain}.DOMAIN_WIRING_MAP.md',
    },
  }),
)}`);
  if (templateId) {
    sections.push(`# The header of the files quick-fixes create in a layer.
${commented(writeToml({ templates: { [templateId]: templates[templateId] } }))}`);
  }
  if (preset.fixes && Object.keys(preset.fixes).length) {
    sections.push(`# Which quick-fix answers which rule.
${commented(writeToml({ fixes: preset.fixes }))}`);
  }
  return sections.join('\n\n') + '\n';
}

/** What Strata saw of a layout it has no preset for. */
export interface LayoutSurvey {
  /** The folder holding the top package, relative to the config's folder (`src`, or `.`). */
  sourceRoot: string;
  /** The top package whose subpackages are the candidate layers (`shop`), if there is one. */
  topPackage?: string;
  /** Candidate layers: folder names, each a package under the top package (or a top package). */
  candidates: string[];
}

/**
 * The starter config for a layout Strata does not recognise: no preset; one layer per package
 * found (in byte order: reorder them, first match wins), the marker that lets discovery find the
 * code, and a commented rule to start from.
 */
export function layoutStarter(survey: LayoutSurvey): string {
  const prefix = survey.topPackage ? `${survey.topPackage}/` : '';
  const where = survey.topPackage ? `the packages of ${[survey.sourceRoot, survey.topPackage].filter((p) => p !== '.').join('/')}` : 'the top packages';
  const sections = [
    HEADER,
    survey.candidates.length
      ? `# Strata knows no preset for this layout. Candidate layers below: ${where}, in the order
# Strata tries them (a file belongs to the first layer one of whose paths matches it).
# Rename, merge, reorder or drop them, then say which layer may not import which.`
      : `# Strata knows no preset for this layout and found no Python package to suggest as a layer.
# Declare the layers (globs relative to the source root) and the rules between them.`,
  ];
  const top: Record<string, unknown> = {};
  if (survey.sourceRoot !== '.') top['source-roots'] = [survey.sourceRoot];
  if (survey.topPackage && survey.candidates.length) top.marker = survey.candidates[0];
  if (Object.keys(top).length) {
    sections.push(`# Where the code is (relative to this file), and a folder inside the top package that marks it.
${writeToml(top).trimEnd()}`);
  }
  if (survey.candidates.length) {
    const layers = Object.fromEntries(survey.candidates.map((name) => [name, { label: label(name), paths: [`${prefix}${name}/**`] }]));
    sections.push(writeToml({ layers }).trimEnd());
  } else {
    sections.push(`# [layers.domain]
# label = "Domain"
# paths = ["*/domain/**"]`);
  }
  const [first, ...others] = survey.candidates;
  sections.push(`# A rule: files of "from" may not import what "forbid" names (layers, modules, names).
# [rules.${first ?? 'domain'}-independent]
# from = [${JSON.stringify(first ?? 'domain')}]
# forbid = [${others.length ? `{ layers = [${others.map((o) => JSON.stringify(o)).join(', ')}] }` : '{ modules = ["requests"] }'}]
# message = "${first ?? 'domain'} MUST NOT depend on the other layers"
# fix = "Depend on an interface the ${first ?? 'domain'} layer declares"
# severity = "error"`);
  return sections.join('\n\n') + '\n';
}

/** `domain_model` → `Domain model`: a first label for a package name. */
function label(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
