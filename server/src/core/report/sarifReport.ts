import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../ruleset/ruleset';
import type { Reporter } from './reporter';

const SRCROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0 for code-scanning services: one run, the rules with their message, fix and
 * default level, one result per violation (baselined ones too, marked `baselineState:
 * "unchanged"` when a baseline is in use) located by a path relative to `%SRCROOT%`.
 */
export const sarifReporter: Reporter = {
  name: 'sarif',
  description: 'SARIF 2.1.0 for code scanning',
  fingerprints: true,
  render(input, context) {
    const report = input.checkReport();
    const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
    const rules = report.rules.map((r) => ({
      id: r.id,
      name: ruleName(r.id),
      shortDescription: { text: r.message },
      fullDescription: { text: `${r.message}. Fix: ${r.fix}.` },
      help: { text: r.fix },
      defaultConfiguration: { level: level(r.severity) },
    }));
    const results = report.violations.map((v) => ({
      ruleId: v.rule,
      ruleIndex: ruleIndex.get(v.rule) ?? -1,
      level: level(v.severity),
      message: { text: `${v.detail}. Fix: ${v.fix}.` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(path.join(report.baseDir, v.file), context.sourceRoot), uriBaseId: SRCROOT },
            region: { startLine: v.line, startColumn: v.column, endLine: v.endLine, endColumn: v.endColumn },
          },
        },
      ],
      partialFingerprints: { 'strataViolation/v1': v.fingerprint },
      ...(report.baselineUsed ? { baselineState: v.baselined ? 'unchanged' : 'new' } : {}),
    }));
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: context.tool.name,
              version: context.tool.version,
              semanticVersion: context.tool.version,
              informationUri: context.tool.informationUri,
              rules,
            },
          },
          originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(context.sourceRoot).href.replace(/\/?$/, '/') } },
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    };
    return JSON.stringify(log, null, 2) + '\n';
  },
};

function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** A rule's name as SARIF wants it (an identifier in Pascal case): `L2-L5` → `L2L5`, `unused-ignore` → `UnusedIgnore`. */
function ruleName(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A relative URI reference (percent-encoded, `/`-separated) from the source root to a file. */
function artifactUri(file: string, sourceRoot: string): string {
  const rel = path.relative(sourceRoot, file).split(path.sep);
  return rel.map(encodeURIComponent).join('/');
}
