// Entry point of the e2e suite for VS Code's `extensionTestsPath` API.
//
// The extension host (code-server's, via scripts/e2e/run-code-server.mjs, or a downloaded VS Code,
// via test/e2e/launch/runWithTestElectron.mjs) loads the compiled out/test/e2e/suite/index.js and
// awaits run(): resolve = all passed (exit 0), reject = failures (exit 1).
//
// - Test files: every compiled `*.e2e.js` under this folder (recursively), in sorted order.
// - Both mocha UIs are available at once: BDD (describe/it/before/...) and TDD
//   (suite/test/suiteSetup/setup/...), so test files may use either.
// - Every line is printed with console.log prefixed by "[strata-test]": the extension host forwards
//   console.log to the workbench page console (code-server) or to the launcher's stdout
//   (test-electron), where the launcher picks these lines out.
// - mocha is resolved with plain Node resolution from out/test/e2e/suite/ up to the repo's
//   node_modules (a devDependency); it is not bundled, the extension host's require finds it.
//
// Environment (inherited from the code-server / VS Code process that the launcher starts):
//   STRATA_E2E_GREP     only run tests whose full title matches this regular expression
//   STRATA_E2E_TIMEOUT  per-test timeout in ms (default 60000)
//   STRATA_E2E_BAIL     "1" to stop at the first failure
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { registrationProblems } from '../helpers/declaredTests';

const PREFIX = '[strata-test]';

function out(text: string): void {
  for (const line of text.split('\n')) console.log(`${PREFIX} ${line}`);
}

function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.e2e.js')) found.push(full);
  }
  return found.sort();
}

/** Mocha reporter printing one prefixed line per suite/test and a closing "N passed, N failed" line. */
class PrefixedReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } =
      Mocha.Runner.constants;
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const started = Date.now();
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) out(`${'  '.repeat(depth(suite) - 1)}${suite.title}`);
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      passed++;
      out(`${indent(test)}ok - ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      skipped++;
      out(`${indent(test)}skip - ${test.title}`);
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
      failed++;
      out(`${indent(test)}FAIL - ${test.fullTitle()}`);
      out(indentLines(err?.stack || String(err), indent(test) + '    '));
    });
    runner.once(EVENT_RUN_END, () => {
      out(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      out(`${passed} passed, ${failed} failed, ${skipped} skipped`);
    });
  }
}

function depth(suite: Mocha.Suite): number {
  let d = 0;
  for (let s: Mocha.Suite | undefined = suite; s && !s.root; s = s.parent) d++;
  return d;
}
function indent(test: Mocha.Test): string {
  return test.parent ? '  '.repeat(depth(test.parent)) : '';
}
function indentLines(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

export async function run(): Promise<void> {
  let vscodeVersion = '?';
  try {
    // Only an extension host has the `vscode` module, so it is looked up, not imported.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    vscodeVersion = (require('vscode') as typeof import('vscode')).version;
  } catch {
    /* not inside an extension host: leave '?' */
  }
  out(`e2e suite starting: VS Code ${vscodeVersion}, Node ${process.versions.node}, mocha from ${path.dirname(require.resolve('mocha/package.json'))}`);

  const mocha = new Mocha({
    ui: 'bdd',
    timeout: Number(process.env.STRATA_E2E_TIMEOUT) || 60_000,
    color: false,
    bail: process.env.STRATA_E2E_BAIL === '1',
    reporter: PrefixedReporter,
  });
  // Make the TDD globals (suite/test/setup/...) available too: both UIs hook the same pre-require event.
  Mocha.interfaces.tdd(mocha.suite);
  if (process.env.STRATA_E2E_GREP) mocha.grep(new RegExp(process.env.STRATA_E2E_GREP));

  const files = findTestFiles(__dirname);
  if (files.length === 0) {
    out(`no *.e2e.js test files found under ${__dirname}`);
    throw new Error(`no *.e2e.js test files under ${__dirname}`);
  }
  for (const file of files) {
    out(`file ${path.relative(__dirname, file)}`);
    mocha.addFile(file);
  }

  let problems: string[] = [];
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      // Synchronous require of the test files (mocha.run -> loadFiles), so `require('vscode')` in a
      // test goes through the extension host's module interceptor.
      mocha.run((count) => resolve(count));
      // The files are loaded now (the tests start on a later tick): are the promised tests there?
      problems = registrationProblems(mocha.suite, workspaceFolderName(), Boolean(process.env.STRATA_E2E_GREP));
      for (const problem of problems) out(`REGISTRATION FAILED: ${problem}`);
    } catch (err) {
      out(`error while loading tests: ${(err as Error)?.stack ?? String(err)}`);
      reject(err);
    }
  });
  if (failures > 0 || problems.length > 0) {
    throw new Error([failures > 0 ? `${failures} e2e test(s) failed` : '', ...problems].filter(Boolean).join('; '));
  }
}

/** The open workspace folder's name, for the message; the `vscode` module exists only in an extension host. */
function workspaceFolderName(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const folder = (require('vscode') as typeof import('vscode')).workspace.workspaceFolders?.[0];
    return folder ? path.basename(folder.uri.fsPath) : undefined;
  } catch {
    return undefined;
  }
}
