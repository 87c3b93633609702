import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckReport, ReportedViolation } from '../../server/src/core/report/checkReport';
import { jsonReporter } from '../../server/src/core/report/jsonReport';
import { lazyReportInput, type ReportContext } from '../../server/src/core/report/reporter';
import { presetRuleset } from '../../server/src/core/ruleset/presets';

const context: ReportContext = { color: false, displayPath: (p) => p, sourceRoot: '/', tool: { name: 'Strata', version: '0', informationUri: 'https://example.org' }, quiet: false };
const summary = { files: 3, filesWithViolations: 1, violations: 1, errors: 1, baselined: 0, baselineFixed: 0, suppressed: 0, skipped: 0, byRule: { 'L5-L7': 1 } };

function violation(k: number): ReportedViolation {
  return {
    file: `app/hoc/cus/d/L5_engines/m${k}.py`,
    line: k + 1,
    column: 1,
    endLine: k + 1,
    endColumn: 30,
    layer: 'L5',
    domain: k % 2 === 0 ? null : 'd',
    audience: 'cus',
    rule: 'L5-L7',
    severity: 'error',
    message: 'L5 engines must not import "models" — use a driver',
    fix: 'move it\\there',
    statement: `from app.models import m${k}`,
    target: 'app.models',
    scope: 'module',
    detail: 'not in JSON',
    baselined: k % 3 === 0,
    fingerprint: 'not in JSON either',
  };
}

function json(violations: ReportedViolation[]): { rendered: string; pieces: string[] } {
  const report: CheckReport = { baseDir: '/', violations, summary, rules: [], baselineUsed: false };
  const input = lazyReportInput(presetRuleset('hoc-v1'), { checkReport: () => report, topology: () => assert.fail('json reads no topology') });
  return { rendered: jsonReporter.render(input, context), pieces: [...(jsonReporter.pieces?.(input, context) ?? [])] };
}

test('json format, written in pieces: the same bytes as the whole document, literally', () => {
  const { rendered, pieces } = json([violation(1)]);
  const expected = `{
  "violations": [
    {
      "file": "app/hoc/cus/d/L5_engines/m1.py",
      "line": 2,
      "column": 1,
      "endLine": 2,
      "endColumn": 30,
      "layer": "L5",
      "domain": "d",
      "audience": "cus",
      "rule": "L5-L7",
      "severity": "error",
      "message": "L5 engines must not import \\"models\\" — use a driver",
      "fix": "move it\\\\there",
      "statement": "from app.models import m1",
      "target": "app.models",
      "scope": "module",
      "baselined": false
    }
  ],
  "summary": {
    "files": 3,
    "filesWithViolations": 1,
    "violations": 1,
    "errors": 1,
    "baselined": 0,
    "baselineFixed": 0,
    "suppressed": 0,
    "skipped": 0,
    "byRule": {
      "L5-L7": 1
    }
  }
}
`;
  assert.equal(rendered, expected);
  assert.equal(pieces.join(''), expected);
});

test('json format in pieces: no violations, and thousands (several pieces), are what JSON.stringify makes of the whole', () => {
  for (const count of [0, 3000]) {
    const violations = Array.from({ length: count }, (_, k) => violation(k));
    const whole = JSON.stringify({ violations: violations.map(({ detail: _d, fingerprint: _f, ...fields }) => fields), summary }, null, 2) + '\n';
    const { rendered, pieces } = json(violations);
    assert.equal(rendered, whole);
    assert.equal(pieces.join(''), whole);
    if (count > 0) assert.ok(pieces.length > 10 && pieces.every((p) => p.length < 70_000), `pieces: ${pieces.length}`);
  }
});
