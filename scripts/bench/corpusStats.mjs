// Measures what makes a Python tree easy or hard to scan, with a real parser (@lezer/python), so
// that the benchmark's claim "the synthetic corpus is shaped like real code" can be checked:
// bytes, lines, non-ASCII files, the share of bytes in string literals and in comments, string
// literals (triple-quoted, f-strings) per file, import statements per file and how many are
// indented. `npm run bench` prints it for its corpora.
//
//   node scripts/bench/corpusStats.mjs DIR [--sample N]     any tree, e.g. a real backend
//
// With a sample of N, the parser-based figures come from every k-th file (k = files / N); the
// plain byte and line counts always cover every file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { parser } = require('@lezer/python');

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '__pycache__', '.venv', 'venv']);

export function pythonFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.py')) found.push(full);
    }
  };
  walk(dir);
  return found;
}

/** @param {{ sample?: number }} [options] */
export function corpusStats(dir, { sample } = {}) {
  const files = pythonFiles(dir);
  const every = sample && files.length > sample ? Math.ceil(files.length / sample) : 1;
  const t = { files: files.length, bytes: 0, lines: 0, nonAsciiFiles: 0, parsed: 0, parsedBytes: 0, stringBytes: 0, commentBytes: 0, strings: 0, triple: 0, fstrings: 0, imports: 0, indentedImports: 0, nonAsciiInCode: 0 };
  const linesPerFile = [];
  files.forEach((file, k) => {
    const bytes = fs.readFileSync(file);
    t.bytes += bytes.length;
    let lines = 0;
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
    t.lines += lines;
    linesPerFile.push(lines);
    const nonAscii = bytes.some((b) => b >= 0x80);
    if (nonAscii) t.nonAsciiFiles++;
    if (k % every === 0) measureSyntax(bytes.toString('utf8'), nonAscii, t);
  });
  linesPerFile.sort((a, b) => a - b);
  const perParsed = (n) => n / Math.max(1, t.parsed);
  return {
    files: t.files,
    MB: t.bytes / 1e6,
    linesPerFileMean: t.lines / Math.max(1, t.files),
    linesPerFileMedian: linesPerFile[linesPerFile.length >> 1] ?? 0,
    meanLineBytes: t.bytes / Math.max(1, t.lines),
    nonAsciiFileShare: t.nonAsciiFiles / Math.max(1, t.files),
    parsedFiles: t.parsed,
    stringByteShare: t.stringBytes / Math.max(1, t.parsedBytes),
    commentByteShare: t.commentBytes / Math.max(1, t.parsedBytes),
    stringsPerFile: perParsed(t.strings),
    tripleQuotedPerFile: perParsed(t.triple),
    fstringsPerFile: perParsed(t.fstrings),
    importsPerFile: perParsed(t.imports),
    indentedImportShare: t.indentedImports / Math.max(1, t.imports),
    /** Parsed files with non-ASCII outside strings and comments (identifiers): the scanner must decode those. */
    nonAsciiInCodeFiles: t.nonAsciiInCode,
  };
}

function measureSyntax(text, nonAscii, t) {
  t.parsed++;
  t.parsedBytes += Buffer.byteLength(text);
  const cursor = parser.parse(text).cursor();
  let outside = nonAscii ? '' : undefined;
  let last = 0;
  for (let more = true; more;) {
    const name = cursor.name;
    if (name === 'String' || name === 'FormatString' || name === 'Comment') {
      const literal = text.slice(cursor.from, cursor.to);
      if (outside !== undefined) outside += text.slice(last, cursor.from);
      last = cursor.to;
      if (name === 'Comment') t.commentBytes += Buffer.byteLength(literal);
      else {
        t.stringBytes += Buffer.byteLength(literal);
        t.strings++;
        if (/^[a-zA-Z]{0,2}("""|''')/.test(literal)) t.triple++;
        if (name === 'FormatString') t.fstrings++;
      }
      more = cursor.next(false); // nested f-strings belong to the literal that holds them
      continue;
    }
    if (name === 'ImportStatement') {
      t.imports++;
      const lineStart = text.lastIndexOf('\n', cursor.from - 1) + 1;
      if (cursor.from > lineStart) t.indentedImports++;
    }
    more = cursor.next();
  }
  if (outside !== undefined && /[^\x00-\x7f]/.test(outside + text.slice(last))) t.nonAsciiInCode++;
}

/**
 * The figures as table rows, next to the real backend's (issue 11) where it gave them; at scale
 * 10, ten copies of it (19,850 files, 259 MB).
 */
export function statsRows(stats, scale = 1) {
  const pct = (x) => `${(100 * x).toFixed(0)}%`;
  return [
    ['files', stats.files.toLocaleString('en-US'), (1985 * scale).toLocaleString('en-US')],
    ['MB (10^6 bytes)', stats.MB.toFixed(1), (25.9 * scale).toFixed(1)],
    ['lines per file, mean / median', `${stats.linesPerFileMean.toFixed(0)} / ${stats.linesPerFileMedian}`, '390 / 323'],
    ['mean line, bytes', stats.meanLineBytes.toFixed(1), '33'],
    ['files with non-ASCII', pct(stats.nonAsciiFileShare), '81%'],
    ['bytes in string literals', pct(stats.stringByteShare), '29%'],
    ['bytes in comments', pct(stats.commentByteShare), '11%'],
    ['string literals per file', stats.stringsPerFile.toFixed(0), '~95'],
    ['triple-quoted per file', stats.tripleQuotedPerFile.toFixed(1), '~16'],
    ['f-strings per file', stats.fstringsPerFile.toFixed(1), '-'],
    ['import statements per file', stats.importsPerFile.toFixed(1), '7.8'],
    ['imports indented', pct(stats.indentedImportShare), '29%'],
  ].map(([measure, corpus, real]) => ({ measure, corpus, 'real backend': real }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/bench/corpusStats.mjs DIR [--sample N]');
    process.exit(2);
  }
  const at = process.argv.indexOf('--sample');
  const stats = corpusStats(dir, { sample: at > 0 ? Number(process.argv[at + 1]) : undefined });
  console.log(`${dir}: parser figures from ${stats.parsedFiles} of ${stats.files} files`);
  console.table(statsRows(stats));
}

