import type { Reporter } from './reporter';

/**
 * `{"violations":[…],"summary":{…}}`: every violation, baselined ones included (`"baselined": true`),
 * without the text-only `detail` and the SARIF-only `fingerprint`.
 */
export const jsonReporter: Reporter = {
  name: 'json',
  description: '{"violations":[…],"summary":{…}}, paths relative to the folder checked',
  render(input) {
    const report = input.checkReport();
    const violations = report.violations.map(({ detail: _detail, fingerprint: _fingerprint, ...fields }) => fields);
    return JSON.stringify({ violations, summary: report.summary }, null, 2) + '\n';
  },
};
