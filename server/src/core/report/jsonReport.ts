import type { CheckReport, ReportedViolation } from './checkReport';
import type { Reporter } from './reporter';

/**
 * `{"violations":[…],"summary":{…}}`: every violation, baselined ones included (`"baselined": true`),
 * without the text-only `detail` and the SARIF-only `fingerprint`. Byte for byte what
 * `JSON.stringify(…, null, 2)` makes of the whole, made a violation at a time (`jsonPieces`).
 */
export const jsonReporter: Reporter = {
  name: 'json',
  description: '{"violations":[…],"summary":{…}}, paths relative to the folder checked',
  render: (input) => [...jsonPieces(input.checkReport())].join(''),
  pieces: (input) => jsonPieces(input.checkReport()),
};

/** About this many characters a piece: few writes, and never the whole document (megabytes for a large tree) at once. */
const PIECE_LENGTH = 1 << 16;

function* jsonPieces(report: CheckReport): Generator<string> {
  const { violations } = report;
  let piece = violations.length === 0 ? '{\n  "violations": [],\n' : '{\n  "violations": [\n';
  for (let k = 0; k < violations.length; k++) {
    // Indented as an element of an array inside an object: its lines two levels in.
    piece += `${k === 0 ? '' : ',\n'}    ${JSON.stringify(jsonFields(violations[k]), null, 2).replace(/\n/g, '\n    ')}`;
    if (piece.length >= PIECE_LENGTH) {
      yield piece;
      piece = '';
    }
  }
  if (violations.length > 0) piece += '\n  ],\n';
  yield `${piece}  "summary": ${JSON.stringify(report.summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`;
}

function jsonFields({ detail: _detail, fingerprint: _fingerprint, ...fields }: ReportedViolation): Omit<ReportedViolation, 'detail' | 'fingerprint'> {
  return fields;
}
