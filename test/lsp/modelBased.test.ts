import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyOperation, nextOperation, Random, UNTOUCHED_FOLDER, type DiskOperation } from '../support/diskOperations';
import { FileChange, LspClient, type Diagnostic } from '../support/lspClient';
import { hocBackend } from '../support/paths';
import { runCliInProcess } from '../support/runCliInProcess';
import { copyTree, mirrorTree, tempDir } from '../support/tempTree';

/**
 * The model-based test: a seeded random sequence of file operations on a copy of the fixture
 * (Python files and folders, the config, the baseline), under a running server; after each one,
 * once the server is quiet, what it shows must be what a fresh `strata check --format json` says
 * of the disk (with the README's rules for a broken config or baseline: `expectedFindings`). On a
 * failure it prints the seed and the shortest failing sequence it could find.
 *
 * Knobs (environment): STRATA_MODEL_STEPS (default 200), STRATA_MODEL_SEED (default: a fixed
 * seed, so that `npm test` is the same run everywhere and a failure in CI is never luck;
 * `STRATA_MODEL_SEED=random` explores a new sequence, printed when it fails so it can be repeated),
 * STRATA_MODEL_SHRINK_S (time for shrinking a failure, default 120), STRATA_MODEL_CONFIG_SHARE (the
 * share of operations on the config and the baseline, default 0.15).
 */
const STEPS = Number(process.env.STRATA_MODEL_STEPS ?? 200);
const DEFAULT_SEED = 20261127;
const SEED = seedFrom(process.env.STRATA_MODEL_SEED);

function seedFrom(setting: string | undefined): number {
  if (setting === undefined || setting === '') return DEFAULT_SEED;
  return setting === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(setting);
}
const SHRINK_MS = Number(process.env.STRATA_MODEL_SHRINK_S ?? 120) * 1000;
/** The share of operations on the config and the baseline. */
const CONFIG_SHARE = Number(process.env.STRATA_MODEL_CONFIG_SHARE ?? 0.15);
/** How long the server may take to converge after one operation: one debounce (≤ 250 ms) and the work, on a loaded machine. */
const CONVERGE_MS = 5000;

/**
 * One diagnostic as both sides can state it. A violation: file, rule, target module, the 1-based
 * lines of its statement, and the severity the server gives it (its rule's; Information when the
 * baseline knows it, as `strata.baselineSeverity` is by default). A config problem: the config
 * file, its 1-based line and column, the message.
 */
type Finding =
  | { kind: 'violation'; file: string; rule: string; target: string; line: number; endLine: number; severity: number }
  | { kind: 'config'; file: string; line: number; column: number; message: string };

/** LSP's DiagnosticSeverity of a rule's severity in `strata check --format json`. */
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };
/**
 * How the server shows a violation the baseline knows (`strata.baselineSeverity`, default
 * information; STRATA_MODEL_BASELINE_SEVERITY=hint or none explores the others): its LSP
 * severity, or undefined for none (not shown).
 */
const BASELINE_SEVERITY = process.env.STRATA_MODEL_BASELINE_SEVERITY ?? 'information';
const BASELINED: number | undefined = ({ information: 3, hint: 4, none: undefined } as Record<string, number | undefined>)[BASELINE_SEVERITY];

/** The files that can be the workspace's config: the workspace is one folder, and the config is looked up from it upwards. */
const CONFIG_FILES = ['strata.toml', 'pyproject.toml'] as const;
type ConfigFiles = Partial<Record<(typeof CONFIG_FILES)[number], string>>;

function configFilesOf(root: string): ConfigFiles {
  const files: ConfigFiles = {};
  for (const name of CONFIG_FILES) if (fs.existsSync(path.join(root, name))) files[name] = fs.readFileSync(path.join(root, name), 'utf8');
  return files;
}

/** The problems `strata config` finds in the workspace's config (`path:line:column: message` lines); none when it is valid or absent. */
function configProblems(root: string): Finding[] {
  if (!CONFIG_FILES.some((name) => fs.existsSync(path.join(root, name)))) return [];
  const run = runCliInProcess(['config', root, '--format', 'json']);
  if (run.code === 0) return [];
  const problems = run.stderr.split('\n').filter((l) => l !== '').map((l) => /^(.*):(\d+):(\d+): (.*)$/.exec(l));
  if (run.code !== 2 || problems.some((m) => m === null)) throw new Error(`strata config failed (${run.code}): ${run.stderr}`);
  return problems.map((m) => {
    const [, file, line, column, message] = m as RegExpExecArray;
    return { kind: 'config', file: path.relative(root, path.resolve(file)).split(path.sep).join('/'), line: Number(line), column: Number(column), message };
  });
}

/**
 * What `strata check --format json` says of a tree (nothing when there is no layered code);
 * undefined when its baseline is broken. `knowing: false` reads an empty baseline instead.
 */
function checkFindings(root: string, knowing = true): Finding[] | undefined {
  const run = runCliInProcess(['check', root, '--format', 'json', ...(knowing ? [] : ['--baseline', emptyBaseline()])]);
  if (run.code === 2 && /^strata check: the baseline /m.test(run.stderr)) return undefined;
  if (run.code === 2 && run.stdout === '') return [];
  if (run.code > 2 || run.stdout === '') throw new Error(`strata check failed (${run.code}): ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { violations: { file: string; rule: string; target: string; line: number; endLine: number; severity: string; baselined: boolean }[] };
  return report.violations
    .filter((v) => !v.baselined || BASELINED !== undefined)
    .map(({ file, rule, target, line, endLine, severity, baselined }) => ({ kind: 'violation', file, rule, target, line, endLine, severity: baselined && BASELINED !== undefined ? BASELINED : SEVERITY[severity] }));
}

let emptyBaselineFile: string | undefined;
function emptyBaseline(): string {
  if (emptyBaselineFile === undefined) {
    emptyBaselineFile = path.join(tempDir(), 'empty-baseline.json');
    fs.writeFileSync(emptyBaselineFile, '{"version": 1, "violations": []}\n');
  }
  return emptyBaselineFile;
}

/**
 * What the server must show for the disk now, by the README's contract. A broken config keeps the
 * last good one in force and shows its problems on the config file: the findings are the CLI's on
 * `shadow`, a mirror of the tree with the last good config files in place of the broken ones. A
 * broken baseline counts no violation as known: the CLI's with an empty one.
 */
function expectedFindings(root: string, lastGoodConfig: ConfigFiles, shadow: string): Finding[] {
  const problems = configProblems(root);
  let checked = root;
  if (problems.length > 0) {
    mirrorTree(root, shadow);
    for (const name of CONFIG_FILES) {
      const text = lastGoodConfig[name];
      if (text === undefined) fs.rmSync(path.join(shadow, name), { force: true });
      else fs.writeFileSync(path.join(shadow, name), text);
    }
    checked = shadow;
  }
  const findings = checkFindings(checked) ?? checkFindings(checked, false);
  if (findings === undefined) throw new Error('strata check read a broken baseline where it was given an empty one');
  return [...problems, ...findings];
}

function describe(f: Finding): string {
  return f.kind === 'config' ? `${f.line}:${f.column} ${f.message}` : `${f.rule} ${f.target} @${f.line} severity ${f.severity}`;
}

/** Whether the server's latest diagnostics are exactly the expected findings; if not, why. */
function difference(client: LspClient, root: string, expected: Finding[]): string | undefined {
  const shown = new Map<string, Diagnostic[]>();
  for (const [uri, params] of client.diagnostics) {
    if (params.diagnostics.length === 0) continue;
    shown.set(path.relative(root, fileURLToPath(uri)).split(path.sep).join('/'), params.diagnostics);
  }
  const wanted = new Map<string, Finding[]>();
  for (const f of expected) wanted.set(f.file, [...(wanted.get(f.file) ?? []), f]);
  const problems: string[] = [];
  for (const file of new Set([...shown.keys(), ...wanted.keys()])) {
    const diagnostics = shown.get(file) ?? [];
    const findings = [...(wanted.get(file) ?? [])];
    const unmatched: string[] = [];
    for (const d of diagnostics) {
      const target = (d.data as { target?: string } | undefined)?.target;
      const line = d.range.start.line + 1;
      const at = findings.findIndex((f) =>
        f.kind === 'violation'
          ? f.rule === d.code && f.target === target && f.line <= line && line <= f.endLine && f.severity === d.severity
          : d.code === undefined && f.line === line && f.column === d.range.start.character + 1 && f.message === d.message,
      );
      if (at >= 0) findings.splice(at, 1);
      else unmatched.push(d.code === undefined ? `${line}:${d.range.start.character + 1} ${d.message}` : `${String(d.code)} ${target ?? '?'} @${line} severity ${String(d.severity)}`);
    }
    if (unmatched.length > 0) problems.push(`${file}: the server shows ${unmatched.join(', ')}, the CLI does not`);
    if (findings.length > 0) problems.push(`${file}: the CLI finds ${findings.map(describe).join(', ')}, the server does not show it`);
  }
  return problems.length > 0 ? problems.sort().join('\n') : undefined;
}

interface Outcome {
  /** How many operations ran; on a failure, the failing one is the last. */
  ran: number;
  /** `differs`: the server applied the operation and shows something else; `slow`: it did not apply it within the time allowed. */
  failure?: { kind: 'differs' | 'slow'; text: string };
}

/**
 * Runs operations on a fresh copy of the fixture under a fresh server, checking after each one.
 * `generate` gives the next operation (or undefined to stop) from what has run so far.
 */
async function run(generate: (k: number, root: string) => DiskOperation | undefined, record?: DiskOperation[]): Promise<Outcome> {
  const root = copyTree(hocBackend);
  // The witness: a file no operation touches, rewritten with every operation so that its one
  // violation moves to another line. Its events go in the same notification as the operation's,
  // and the server applies one notification's events at once: once the witness's diagnostic has
  // moved, the operation has been applied, and the comparison is never made too early.
  const witness = path.join(root, UNTOUCHED_FOLDER, 'app/hoc/cus/witness/L5_engines/witness_engine.py');
  // Its statement changes too (the name imported: a baseline's statements leave aliases out), so
  // that no baseline ever knows it: with baselineSeverity none it would vanish.
  const witnessText = (k: number) => '\n'.repeat(k % 40) + `from sqlmodel import Witness${k}\n`;
  fs.mkdirSync(path.dirname(witness), { recursive: true });
  fs.writeFileSync(witness, witnessText(0));
  const client = await LspClient.start([root], { settings: { baselineSeverity: BASELINE_SEVERITY } });
  // The config the server has in force: the fixture has none, and a valid one on disk replaces it.
  let lastGoodConfig: ConfigFiles = {};
  const shadow = tempDir('strata-shadow-');
  try {
    const initial = difference(client, root, expectedFindings(root, lastGoodConfig, shadow));
    if (initial) return { ran: 0, failure: { kind: 'differs', text: `after indexing:\n${initial}` } };
    for (let k = 0; ; k++) {
      const operation = generate(k, root);
      if (!operation) return { ran: k };
      record?.push(operation);
      const events = applyOperation(root, operation);
      fs.writeFileSync(witness, witnessText(k + 1));
      await client.fileEvents([...events, { file: witness, type: FileChange.Changed }]);
      const expected = expectedFindings(root, lastGoodConfig, shadow);
      if (!expected.some((f) => f.kind === 'config')) lastGoodConfig = configFilesOf(root);
      const line = (k + 1) % 40;
      try {
        await client.waitFor(() => client.diagnosticsOf(witness).some((d) => d.range.start.line === line), CONVERGE_MS, 'the witness to move');
      } catch {
        return { ran: k + 1, failure: { kind: 'slow', text: `the server did not apply the operation within ${CONVERGE_MS} ms` } };
      }
      try {
        await client.waitFor(() => difference(client, root, expected) === undefined, CONVERGE_MS, 'the server to show what the CLI finds');
      } catch {
        return { ran: k + 1, failure: { kind: 'differs', text: difference(client, root, expected) ?? 'converged only after the time allowed' } };
      }
    }
  } finally {
    await client.stop();
    fs.rmSync(shadow, { recursive: true, force: true });
  }
}

/** Replays a fixed sequence; when it fails in this way, the prefix that failed and how. */
async function failingPrefix(operations: DiskOperation[], kind: 'differs' | 'slow'): Promise<{ operations: DiskOperation[]; text: string } | undefined> {
  const outcome = await run((k) => operations[k]);
  return outcome.failure?.kind === kind ? { operations: operations.slice(0, outcome.ran), text: outcome.failure.text } : undefined;
}

/**
 * Removes operations (halves, then quarters, … then single ones) while the sequence still fails
 * in the same way, within a time budget; returns the shortest found and how it fails.
 */
async function shrink(operations: DiskOperation[], failure: { kind: 'differs' | 'slow'; text: string }): Promise<{ operations: DiskOperation[]; text: string }> {
  const deadline = Date.now() + SHRINK_MS;
  let current = { operations, text: failure.text };
  for (let size = Math.max(1, Math.floor(operations.length / 2)); size >= 1 && Date.now() < deadline; size = Math.floor(size / 2)) {
    for (let start = current.operations.length - size; start >= 0 && Date.now() < deadline; start -= size) {
      const candidate = [...current.operations.slice(0, start), ...current.operations.slice(start + size)];
      const failing = candidate.length > 0 ? await failingPrefix(candidate, failure.kind) : undefined;
      if (failing) current = failing;
    }
  }
  return current;
}

/** Sequences that once failed (shrunk), replayed on every run. */
const REGRESSIONS: { what: string; operations: DiskOperation[] }[] = [
  {
    what: 'the workspace folder becomes a top package (hoc/ at its top): every root merges into one, and a root pasted after',
    operations: [
      { op: 'write', file: 'hoc/helper.py', text: 'from __future__ import annotations\n' },
      { op: 'paste', from: path.join(hocBackend, 'backend'), to: 'server' },
    ],
  },
  {
    what: 'the HOC V2 spine package appears and goes: the detected preset changes, every file is checked again',
    operations: [
      { op: 'write', file: 'backend/app/hoc/cus/hoc_spine/__init__.py', text: 'import json\n' },
      { op: 'delete', path: 'backend/app/hoc/cus/hoc_spine' },
    ],
  },
  {
    what: 'a top package no root had taken (its folder shared with another) loses its marker: a package inside it becomes one',
    operations: [
      { op: 'write', file: 'alpha/hoc/a.py', text: 'import json\n' },
      { op: 'write', file: 'docs/hoc/b.py', text: 'import json\n' },
      { op: 'write', file: 'docs/inner/hoc/c.py', text: 'from sqlmodel import Session  # strata: ignore[L5-sqlmodel]\n' },
      { op: 'delete', path: 'docs/hoc/b.py' },
    ],
  },
  {
    what: 'a broken strata.toml, then a pyvenv.cfg beside it: the folder is a virtualenv, its config no longer the project\'s',
    operations: [
      { op: 'write', file: 'strata.toml', text: 'extends = "hoc-v1"\nexclude = 3\n' },
      { op: 'write', file: 'pyvenv.cfg', text: 'home = /usr/bin\n' },
    ],
  },
  {
    what: 'a broken [tool.strata], then a broken strata.toml beside it: the problems shown are the strata.toml\'s alone',
    operations: [
      { op: 'write', file: 'pyproject.toml', text: '[tool.strata]\nextends = "hoc-v2"\n[tool.strata.rules.L5-DB]\nseverity = "fatal"\n' },
      { op: 'write', file: 'strata.toml', text: 'extends = "hoc-v1"\nexted = "hoc-v1"\n' },
    ],
  },
  {
    what: 'a strata.toml that excludes a folder and changes a rule\'s severity: the server reads what the CLI reads, with the same severities',
    operations: [
      { op: 'write', file: 'strata.toml', text: 'extends = "hoc-v1"\nexclude = ["backend/app/hoc/api"]\n[rules.L5-L7]\nseverity = "info"\n[rules.L3-DB]\nseverity = "warning"\n' },
      { op: 'write', file: 'backend/app/hoc/api/cus/integrations/a.py', text: 'from app.hoc.cus.integrations.L6_drivers import cus_integration_driver\n' },
    ],
  },
  {
    what: 'an ignore comment that silences nothing, then the baseline written: the server shows it as known, as the CLI counts it',
    operations: [
      { op: 'write', file: 'backend/app/hoc/cus/integrations/L3_adapters/gcs_adapter.py', text: 'from sqlmodel import Session  # strata: ignore[L5-sqlmodel]\n' },
      { op: 'write-baseline' },
    ],
  },
];

for (const regression of REGRESSIONS) {
  test(`model-based regression: ${regression.what}`, async () => {
    const outcome = await run((k) => regression.operations[k]);
    assert.equal(outcome.failure, undefined);
    assert.equal(outcome.ran, regression.operations.length);
  });
}

test(`model-based: after each of ${STEPS} random file operations the server shows what strata check finds (seed ${SEED})`, { timeout: 30 * 60 * 1000 }, async () => {
  const random = new Random(SEED);
  const operations: DiskOperation[] = [];
  const outcome = await run((k, root) => (k < STEPS ? nextOperation(root, random, path.join(hocBackend, 'backend'), CONFIG_SHARE) : undefined), operations);
  if (outcome.failure === undefined) {
    assert.equal(outcome.ran, STEPS);
    return;
  }
  const failing = operations.slice(0, outcome.ran);
  const shortest = await shrink(failing, outcome.failure);
  const what = outcome.failure.kind === 'slow' ? 'the server did not keep up' : 'the server and strata check disagree';
  assert.fail(
    [
      `seed ${SEED}: after operation ${outcome.ran} of ${STEPS} ${what}:`,
      outcome.failure.text,
      `shortest sequence found that fails so (${shortest.operations.length} of ${failing.length} operations; repeat the run with STRATA_MODEL_SEED=${SEED}${process.env.STRATA_MODEL_CONFIG_SHARE ? ` STRATA_MODEL_CONFIG_SHARE=${CONFIG_SHARE}` : ''}${process.env.STRATA_MODEL_BASELINE_SEVERITY ? ` STRATA_MODEL_BASELINE_SEVERITY=${BASELINE_SEVERITY}` : ''}):`,
      ...shortest.operations.map((o) => JSON.stringify(o)),
      'and how it fails:',
      shortest.text,
    ].join('\n'),
  );
});
