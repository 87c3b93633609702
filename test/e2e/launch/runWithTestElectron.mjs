#!/usr/bin/env node
// The same e2e suite (out/test/e2e/suite/index.js) in a desktop VS Code downloaded by
// @vscode/test-electron: for machines that can reach update.code.visualstudio.com (this project's
// machines cannot: use `npm run test:e2e`, which runs the suite in code-server instead).
//
//   npm run build && npx tsc -p tsconfig.e2e.json
//   node test/e2e/launch/runWithTestElectron.mjs [--workspace test/fixtures/hoc-backend] [--vsix out/e2e/strata-0.1.0.vsix]
//        [--extension-dev-path .] [--tests out/test/e2e/suite/index.js] [--vscode-version stable|1.91.0]
//
// Without --vsix: the repo folder is the extensionDevelopmentPath and other extensions are
// disabled (--disable-extensions). With --vsix: the .vsix is installed into a scratch
// extensions dir, and a stub folder is the extensionDevelopmentPath, so the installed extension
// runs as users get it (the same arrangement as scripts/e2e/run-code-server.mjs).
// Exit code: 0 pass, 1 test failures, 2 VS Code could not be downloaded / other errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const extensionDevelopmentPath = path.resolve(opt('--extension-dev-path', repo));
const extensionTestsPath = path.resolve(opt('--tests', path.join(repo, 'out/test/e2e/suite/index.js')));
const workspace = path.resolve(opt('--workspace', path.join(repo, 'test/fixtures/hoc-backend')));
const vsix = opt('--vsix') && path.resolve(opt('--vsix'));
const version = opt('--vscode-version', process.env.VSCODE_VERSION ?? 'stable');

const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|Failed to get JSON|Failed to download/i;

function networkHelp(err) {
  console.error(
    `\nrunWithTestElectron: could not download VS Code ${version} (${err?.message ?? err}).\n` +
      '  This machine cannot reach update.code.visualstudio.com; that is expected here.\n' +
      '  Run the same suite in code-server instead:  npm run test:e2e\n' +
      '  (or set a reachable mirror / pre-downloaded VS Code: see @vscode/test-electron\'s vscodeExecutablePath option).',
  );
}

let testElectron;
try {
  testElectron = await import('@vscode/test-electron');
} catch {
  console.error('runWithTestElectron: @vscode/test-electron is not installed (devDependency @vscode/test-electron@2.5.2): npm install');
  process.exit(2);
}
const { runTests, downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, TestRunFailedError } = testElectron;

for (const [what, p] of [['tests', extensionTestsPath], ['workspace', workspace], ['extension', extensionDevelopmentPath], ...(vsix ? [['vsix', vsix]] : [])]) {
  if (!fs.existsSync(p)) {
    console.error(`runWithTestElectron: ${what} ${p} does not exist${what === 'tests' ? ' (npx tsc -p tsconfig.e2e.json)' : ''}`);
    process.exit(2);
  }
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-test-electron-'));
try {
  const launchArgs = [workspace, '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'user-data')];
  let devPath = extensionDevelopmentPath;
  let vscodeExecutablePath;
  if (vsix) {
    vscodeExecutablePath = await downloadAndUnzipVSCode(version);
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
    const extensionsDir = path.join(scratch, 'extensions');
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(cli, [...cliArgs, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { stdio: 'inherit', shell: process.platform === 'win32' });
    if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status})`);
    devPath = path.join(scratch, 'test-runner-stub');
    fs.mkdirSync(devPath);
    fs.writeFileSync(path.join(devPath, 'package.json'), JSON.stringify({ name: 'e2e-test-runner-stub', publisher: 'strata-e2e', version: '0.0.0', engines: { vscode: '*' } }));
    launchArgs.push('--extensions-dir', extensionsDir);
  } else {
    launchArgs.push('--disable-extensions');
  }
  const code = await runTests({
    version,
    vscodeExecutablePath,
    extensionDevelopmentPath: devPath,
    extensionTestsPath,
    launchArgs,
    extensionTestsEnv: { STRATA_E2E_FIXTURE: path.basename(workspace) },
  });
  process.exitCode = code;
} catch (err) {
  if (NETWORK.test(String(err?.message ?? err)) || NETWORK.test(String(err?.code ?? ''))) {
    networkHelp(err);
    process.exitCode = 2;
  } else if (TestRunFailedError && err instanceof TestRunFailedError) {
    console.error(`runWithTestElectron: ${err.message}`);
    process.exitCode = 1;
  } else {
    console.error('runWithTestElectron:', err?.stack ?? err);
    process.exitCode = 2;
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
