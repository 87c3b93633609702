import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalyzedFile } from '../../core/analysis/analyzedFile';
import { BASELINE_FILE_NAME, baselineOf, formatBaseline, matchBaseline, type Baseline } from '../../core/baseline/baseline';
import { readBaseline } from '../../host/readBaseline';
import { violationFingerprint, violationKey } from '../../core/baseline/violationKey';
import { excludeMatcher, namesNothing } from '../../core/extract/excludePatterns';
import { findProjectRoot } from '../../host/projectRoot';
import { findConfigFile } from '../../host/findConfigFile';
import { isSkippedPath, type SkipPolicy } from '../../host/skipPolicy';
import { readSource } from '../../host/readSource';
import { splitLines, withoutTerminator } from '../../core/generate/textEdits';
import { summarize, type CheckReport, type ReportedViolation, type RuleDescription } from '../../core/report/checkReport';
import { REPORTERS, reporterNamed } from '../../core/report/reporters';
import { ignoreProblemRecord, violationRecords, type ViolationRecord } from '../../core/report/violationRecord';
import { findIgnoreProblems, IGNORE_RULES } from '../../core/validate/unusedIgnores';
import { lazyReportInput, plural } from '../../core/report/reporter';
import { buildTopology } from '../../core/topology/buildTopology';
import { listsFile, selectDomains } from '../../core/topology/selectDomains';
import { isInside } from '../../core/pathInside';
import { displayPath, loadWorkspace } from '../loadWorkspace';
import { paint, type Output } from '../output';
import type { ParsedCommand } from '../parseCommand';
import { TOOL } from '../tool';
import { UsageError } from '../usageError';
import { checkWritesFolder, writeReport } from '../writeReport';

const FORMATS = REPORTERS.map((r) => r.name);
const HELP_INDENT = ' '.repeat(25);

export const checkHelp = `Usage: strata check [paths…] [options]

Checks the Python files of the layered source roots against the HOC topology they follow (hoc-v1 or hoc-v2, detected)
and lists the imports that break its rules. Paths are folders (default: .) or files; with files,
only their violations are reported (the rest of the project is still read to resolve imports).

Options:
  --format ${FORMATS.join('|')}
${REPORTERS.map((r, i) => `${HELP_INDENT}${r.name}${i === 0 ? ' (default)' : ''}: ${r.description}`).join(';\n')}
  --out <folder>         write the format's files into folder instead of standard output (formats
                         with several files: ${REPORTERS.filter((r) => r.documents).map((r) => r.name).join(', ')})
  --stdin-filename <path>
                         check the text on standard input as the file at <path> (unsaved editor text)
  --exclude <glob>       do not check matching files (repeatable): a name anywhere (legacy, *_pb2.py)
                         or a path from the project root (backend/app/legacy/**)
  --baseline <file>      the baseline to use or write (default: ${BASELINE_FILE_NAME} at the project root)
  --write-baseline       record the current violations as known, then exit 0
  --strict               warnings (unused ignores, unknown rules) fail the run too
  --quiet                errors only: no warnings, no summary
  --color auto|always|never
                         colours in text output (auto: on a terminal, unless NO_COLOR is set)
  --module-level-only    ignore imports inside functions (they still run, lazily)
  -h, --help             show this help

Silence one rule on one import with a comment on its line: # strata: ignore[L2-L5]
An ignore that silences nothing is reported (unused-ignore), as is an unknown rule id (unknown-rule).
With a baseline, the violations it knows are counted but never fail the run.

Exit codes: 0 no new errors, 1 new errors (or, with --strict, warnings), 2 usage error or unreadable input.
`;

export const checkOptions = {
  format: { type: 'string' },
  out: { type: 'string' },
  'stdin-filename': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  baseline: { type: 'string' },
  'write-baseline': { type: 'boolean' },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'string' },
  'module-level-only': { type: 'boolean' },
} as const;

export function runCheck(command: ParsedCommand, given: Output): number {
  const reporter = reporterNamed(command.string('format') ?? 'text');
  if (!reporter) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not '${command.string('format')}'`);
  const outDir = command.string('out');
  checkWritesFolder(reporter, outDir);
  const output = withColor(given, command.string('color') ?? 'auto');
  const quiet = command.flag('quiet');
  const options = { moduleLevelOnly: command.flag('module-level-only') };
  const selection = selectTarget(command, output);
  const analysis = loadWorkspace(selection.analysisDir, options, quiet ? { ...output, err: () => undefined } : output, selection.includes);
  const index = analysis.index;
  if (selection.stdin) index.update(selection.stdin.path, selection.stdin.text);
  const projectRoot = findProjectRoot(selection.analysisDir);
  const nothing = command.strings('exclude').find(namesNothing);
  if (nothing !== undefined) throw new UsageError(`--exclude '${nothing}' names no file or folder`);
  const excluded = excludeMatcher(command.strings('exclude'), projectRoot);
  // A file named on the command line that the run does not check is said, not silently "0 files checked".
  if (!quiet) {
    for (const file of selection.files) {
      if (index.file(file) === undefined || excluded(file)) output.err(`${paint(output, 33, 'warning')} ${displayPath(file)}: not checked: ${whyNotChecked(file, analysis.skipPolicy, excluded)}\n`);
    }
  }

  const inScope = (file: string) => selection.includes(file) && !excluded(file);
  const files = index.files().filter((f) => inScope(f.path));
  const records = [...violationRecords(index, selection.analysisDir, (f) => inScope(f.path)), ...ignoreRecords(files, index, options, selection)];
  records.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));

  const baselinePath = path.resolve(command.string('baseline') ?? path.join(projectRoot, BASELINE_FILE_NAME));
  const baselineDir = path.dirname(baselinePath);
  // A file's path from the baseline's folder, once per file (a file has many records).
  const fromBaseline = new Map<string, string>();
  const identities = records.map((r) => {
    let file = fromBaseline.get(r.file);
    if (file === undefined) {
      file = path.relative(baselineDir, path.join(selection.analysisDir, r.file)).split(path.sep).join('/');
      fromBaseline.set(r.file, file);
    }
    return { record: r, file, rule: r.rule, target: r.target, statement: r.statement };
  });
  const entryInScope = (entry: { file: string }) => inScope(path.join(baselineDir, entry.file));
  const read = readBaseline(baselinePath);
  if (read !== undefined && !read.ok) throw new UsageError(read.message);
  const baseline: Baseline | undefined = read?.baseline;
  // A baseline named on the command line and not there is a mistake (a typo would otherwise
  // fail the run with every known violation as new); the default one is optional.
  if (baseline === undefined && command.string('baseline') !== undefined && !command.flag('write-baseline')) {
    throw new UsageError(`no baseline at ${displayPath(baselinePath)} (write one with --write-baseline)`);
  }

  if (command.flag('write-baseline')) {
    const kept = (baseline?.entries ?? []).filter((e) => !entryInScope(e)).flatMap((e) => Array.from({ length: e.count }, () => e));
    const written = baselineOf([...kept, ...identities]);
    try {
      // Its folder is made as --out makes its own (a CI step may name ci/strata-baseline.json in a fresh checkout).
      fs.mkdirSync(baselineDir, { recursive: true });
      fs.writeFileSync(baselinePath, formatBaseline(written));
    } catch (error) {
      throw new UsageError(`cannot write the baseline ${displayPath(baselinePath)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const total = written.entries.reduce((n, e) => n + e.count, 0);
    const fileCount = new Set(written.entries.map((e) => e.file)).size;
    output.out(`wrote ${displayPath(baselinePath)}: ${total} known ${plural(total, 'violation')} in ${fileCount} ${plural(fileCount, 'file')}\n`);
    return analysis.unreadable > 0 ? 2 : 0;
  }

  const match = baseline ? matchBaseline(baseline, identities, entryInScope) : undefined;
  const seen = new Map<string, number>();
  const violations: ReportedViolation[] = identities.map((identity) => {
    const baselined = match?.baselined.has(identity) ?? false;
    // Object.assign, not a spread: a spread copy gets a hidden class of its own (megabytes for a large tree).
    if (!reporter.fingerprints) return Object.assign({}, identity.record, { baselined });
    const key = violationKey(identity);
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return Object.assign({}, identity.record, { baselined, fingerprint: violationFingerprint(key, occurrence) });
  });
  const shown = quiet ? violations.filter((v) => v.severity === 'error') : violations;
  const report: CheckReport = {
    baseDir: selection.analysisDir,
    violations: shown,
    summary: summarize(shown, {
      files: files.filter((f) => !f.skipped).length,
      suppressed: files.reduce((n, f) => n + f.check.suppressed.length, 0),
      skipped: files.filter((f) => f.skipped).length,
      baselineFixed: match?.fixed ?? 0,
    }),
    rules: ruleDescriptions(index.model.ruleset.rules),
    baselineUsed: baseline !== undefined,
  };
  const cwd = process.cwd();
  // The map format reads the domains: those with a file this run checks, drawn whole.
  const input = lazyReportInput(index.model.ruleset, {
    checkReport: () => report,
    topology: () => selectDomains(buildTopology(index, true), (domain) => listsFile(domain, inScope)),
  });
  const context = { color: output.color, displayPath, sourceRoot: isInside(cwd, selection.analysisDir) ? cwd : selection.analysisDir, tool: TOOL, quiet };
  writeReport(reporter, input, context, output, outDir);
  const failing = violations.filter((v) => !v.baselined && (v.severity === 'error' || (command.flag('strict') && v.severity === 'warning')));
  if (failing.length > 0) return 1;
  return analysis.unreadable > 0 ? 2 : 0;
}

/** What a run looks at: the folder analysed (so imports resolve) and which of its files are reported. */
interface Selection {
  analysisDir: string;
  includes: (file: string) => boolean;
  /** The files named on the command line, or by --stdin-filename (absolute). */
  files: readonly string[];
  stdin?: { path: string; text: string };
}

function selectTarget(command: ParsedCommand, output: Output): Selection {
  const stdinName = command.string('stdin-filename');
  if (stdinName !== undefined) {
    if (command.positionals.length > 0) throw new UsageError('give either paths or --stdin-filename, not both');
    if (!output.readStdin) throw new UsageError('--stdin-filename needs standard input');
    const file = path.resolve(stdinName);
    // A BOM dropped as from a file on disk (and by an editor), or every column of the first line is one off.
    const text = output.readStdin().replace(/^\uFEFF/, '');
    return { analysisDir: findProjectRoot(path.dirname(file)), includes: (f) => f === file, files: [file], stdin: { path: file, text } };
  }
  const given = command.positionals.length > 0 ? command.positionals : ['.'];
  const folders: string[] = [];
  const files = new Set<string>();
  for (const arg of given) {
    const full = path.resolve(arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
    if (stat.isDirectory()) folders.push(full);
    else files.add(full);
  }
  const common = commonAncestor([...folders, ...[...files].map((f) => path.dirname(f))]);
  // Folders alone: their common folder is analysed (with its source root above it, when it is
  // inside a top package). With files, the project around them is read, so their imports resolve
  // as in a whole run.
  const analysisDir = files.size === 0 ? common : findProjectRoot(common);
  // A run has one config, the analysed folder's: a path that another config governs (a project of
  // its own beside the others) would be checked by rules not its own, or silently not at all.
  if (given.length > 1) {
    const used = findConfigFile(analysisDir);
    for (const arg of given) {
      const full = path.resolve(arg);
      const own = findConfigFile(folders.includes(full) ? full : path.dirname(full));
      const name = (file: string | undefined) => (file === undefined ? 'none: the detected preset' : displayPath(file));
      if (own !== used) throw new UsageError(`${arg} has a config of its own (${name(own)}), not the one this run would check it with (${name(used)}): check it in a run of its own`);
    }
  }
  return { analysisDir, includes: (f) => files.has(f) || folders.some((d) => isInside(d, f)), files: [...files] };
}

/** Why a file named on the command line is not among the files checked. */
function whyNotChecked(file: string, policy: SkipPolicy, excluded: (file: string) => boolean): string {
  if (!file.endsWith('.py')) return 'not a Python file';
  if (!isRegularFile(file)) return 'not a regular file (a pipe, socket or device is never read)';
  if (excluded(file)) return 'excluded by --exclude';
  if (isSkippedPath({ projectRoot: policy.projectRoot }, file)) return 'in a folder Strata never reads (dependencies, caches, virtualenvs, VCS data)';
  if (isSkippedPath(policy, file)) return "excluded by the config's exclude";
  return 'not inside a layered source root';
}

/** Whether `file` is a regular file, links followed; a file that is not there yet (`--stdin-filename`) counts as one. */
function isRegularFile(file: string): boolean {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat === undefined || stat.isFile();
}

/** Records of ignore comments that silence nothing or name unknown rules; their lines are read only for the files that have any. */
function ignoreRecords(files: AnalyzedFile[], index: { model: { ruleset: { rules: { id: string }[] } } }, options: { moduleLevelOnly: boolean }, selection: Selection): ViolationRecord[] {
  const known = new Set([...index.model.ruleset.rules.map((r) => r.id), ...IGNORE_RULES.map((r) => r.id)]);
  const records: ViolationRecord[] = [];
  for (const file of files) {
    const problems = findIgnoreProblems(file, known, options);
    if (problems.length === 0) continue;
    const text = selection.stdin?.path === file.path ? selection.stdin.text : textOf(file.path);
    const lines = splitLines(text);
    for (const problem of problems) records.push(ignoreProblemRecord(file, problem, withoutTerminator(lines[problem.line] ?? ''), selection.analysisDir));
  }
  return records;
}

function textOf(file: string): string {
  const source = readSource(file);
  return source.ok ? source.text : '';
}

function ruleDescriptions(rules: readonly RuleDescription[]): RuleDescription[] {
  return [...rules, ...IGNORE_RULES].map((r) => ({ id: r.id, severity: r.severity, message: r.message, fix: r.fix }));
}

function withColor(output: Output, mode: string): Output {
  if (mode === 'auto') return output;
  if (mode === 'always' || mode === 'never') return { ...output, color: mode === 'always' };
  throw new UsageError(`--color must be auto, always or never, not '${mode}'`);
}

function commonAncestor(dirs: string[]): string {
  return dirs.reduce((common, dir) => {
    while (!isInside(common, dir)) common = path.dirname(common);
    return common;
  });
}

/** `file` is `dir` or below it. */