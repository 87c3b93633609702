// A compact reporter for node's test runner (`--test-reporter`): silent about tests that pass,
// each failure in full (its error, diff and stack, and what its file printed), one line per
// skipped test with its reason, then the summary `unit: N passed, N failed, N skipped` alone on
// the last line (CI reads that line).
import { inspect } from 'node:util';
import { relative } from 'node:path';

/** The assertion or exception itself, not the runner's wrapper around it. */
function describeError(error) {
  const inner = error?.code === 'ERR_TEST_FAILURE' && error.cause ? error.cause : error;
  return inspect(inner, { depth: 6, colors: false, breakLength: 120 });
}

function where(data) {
  if (!data.file) return '';
  const file = relative(process.cwd(), data.file);
  return data.line ? ` (${file}:${data.line})` : ` (${file})`;
}

const indent = (text) => text.replace(/^/gm, '    ');

export default async function* compactReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  /** What each test file printed, shown only when one of its tests fails. */
  const printed = new Map();
  const failedFiles = new Set();
  for await (const event of source) {
    const { type, data } = event;
    if (type === 'test:stdout' || type === 'test:stderr') {
      if (data.file) printed.set(data.file, (printed.get(data.file) ?? '') + data.message);
      continue;
    }
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    // Suites (describe) only group tests; their tests are counted.
    if (data.details?.type === 'suite') continue;
    if (data.skip !== undefined && data.skip !== false) {
      skipped++;
      yield `skipped: ${data.name}${where(data)}: ${typeof data.skip === 'string' ? data.skip : 'no reason given'}\n`;
    } else if (type === 'test:pass') {
      passed++;
    } else {
      failed++;
      if (data.file) failedFiles.add(data.file);
      yield `\nnot ok: ${data.name}${where(data)}\n${indent(describeError(data.details?.error))}\n`;
    }
  }
  for (const file of failedFiles) {
    const output = printed.get(file);
    if (output?.trim()) yield `\noutput of ${relative(process.cwd(), file)}:\n${indent(output.trimEnd())}\n`;
  }
  yield `${failed > 0 ? '\n' : ''}unit: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
