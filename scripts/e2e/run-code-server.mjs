#!/usr/bin/env node
// Runs a VS Code extension's integration tests (the `extensionTestsPath` API) inside a real
// VS Code: code-server 4.139.1 (= VS Code 1.139.1, Node extension host) driven by Debian's
// Chromium through playwright-core. Optionally runs a Playwright "UI walk" afterwards.
// Everything it needs comes from scripts/e2e/setup.sh (read from <cache>/paths.json).
//
//   node scripts/e2e/run-code-server.mjs --vsix strata-layers-0.1.0.vsix --tests out/test/e2e/suite/index.js \
//        --workspace test/fixtures/foo --artifacts test/artifacts/foo [--ui-walk test/e2e/ui/walk.mjs]
//
// Options
//   --vsix FILE                 install FILE into a scratch extensions dir (code-server --install-extension)
//   --extension-dev-path DIR    run DIR as an extension under development (payload extensionDevelopmentPath)
//                               (at least one of --vsix / --extension-dev-path)
//   --tests FILE                compiled tests entry (exports run()); omit to only run --ui-walk
//   --workspace DIR             folder to open (required)
//   --artifacts DIR             where logs/screenshots go (default test/artifacts/<workspace name>)
//   --ui-walk FILE.mjs          module exporting `async function walk({ page, artifacts, log, helpers, ... })`,
//                               run after the tests passed, in a fresh window without the test payload
//   --timeout SECONDS           overall limit for the whole run (default 300)
//   --prefix STR                console lines forwarded to stdout (default "[strata-test]")
//   --env KEY=VALUE             extra environment for the extension host (repeatable)
//   --dev-path-mode MODE        with --vsix and no --extension-dev-path, what the payload's
//                               extensionDevelopmentPath is: stub (default; see FINDINGS),
//                               installed (the installed extension's folder), none (omitted)
//   --keep-open                 debug: leave code-server running after the run, print its URL, wait for Ctrl+C
//   --verbose                   also echo code-server's output and all page console errors
//   --cache DIR                 setup cache (default $STRATA_E2E_CACHE or ~/.cache/strata-e2e)
//
// Exit code: 0 tests (and walk) passed, 1 a test or the walk failed, 2 setup/usage/infra error,
// 124 overall timeout. code-server and Chromium run in their own process groups and are always
// killed (also on timeout, Ctrl+C, SIGTERM).
//
// FINDINGS: extensionDevelopmentPath vs an installed .vsix (VS Code 1.139.1 / code-server 4.139.1,
// measured with a throwaway extension; reproduce with --dev-path-mode):
//   * none: a payload with extensionTestsPath but no extensionDevelopmentPath is silently ignored:
//     a normal window opens, the installed extension activates, no test runs, nothing calls
//     codeAutomationExit (the run ends in the timeout). A dev path is mandatory.
//   * A dev path with the same publisher.name as the installed .vsix SHADOWS the installed copy:
//     with --vsix + --extension-dev-path <repo> the tests see extensionPath=<repo>,
//     ExtensionMode.Test, i.e. the repo's dist/, not the .vsix's files.
//   * installed: dev path = the installed folder (<extensions>/<publisher>.<name>-<version>): the
//     .vsix's files run, but as a development extension (ExtensionMode.Test).
//   * stub (default with --vsix): dev path = a generated extension with another id and no code
//     (<tmp>/test-runner-stub). The .vsix activates from the extensions dir exactly as installed
//     (ExtensionMode.Production, extensionPath=<extensions>/<publisher>.<name>-<version>) and the
//     tests run. This is what `npm run test:e2e` uses: it tests the packaged artifact.
//   * The test files themselves (out/test/e2e/...) lie outside the installed extension, so the
//     extension host logs "Could not identify extension for 'vscode' require call" and hands them
//     the generic API object: harmless, the public API works the same.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as helpers from './playwrightHelpers.mjs';

const EXIT = { PASS: 0, FAIL: 1, INFRA: 2, TIMEOUT: 124 };
const t0 = Date.now();
const log = (...a) => console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

// ------------------------------------------------------------------ arguments
function parseArgs(argv) {
  const o = { timeout: 300, prefix: '[strata-test]', env: {}, keepOpen: false, verbose: false };
  const need = (i) => {
    if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--vsix': o.vsix = need(i); i++; break;
      case '--extension-dev-path': o.devPath = need(i); i++; break;
      case '--tests': o.tests = need(i); i++; break;
      case '--workspace': o.workspace = need(i); i++; break;
      case '--artifacts': o.artifacts = need(i); i++; break;
      case '--ui-walk': o.uiWalk = need(i); i++; break;
      case '--timeout': o.timeout = Number(need(i)); i++; break;
      case '--prefix': o.prefix = need(i); i++; break;
      case '--cache': o.cache = need(i); i++; break;
      case '--env': {
        const kv = need(i); i++;
        const eq = kv.indexOf('=');
        if (eq <= 0) usage(`--env wants KEY=VALUE, got ${kv}`);
        o.env[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      case '--dev-path-mode': o.devPathMode = need(i); i++; break;
      case '--keep-open': o.keepOpen = true; break;
      case '--verbose': o.verbose = true; break;
      case '-h': case '--help': usage();
      default: usage(`unknown argument ${a}`);
    }
  }
  if (!o.vsix && !o.devPath) usage('give --vsix and/or --extension-dev-path');
  if (!o.tests && !o.uiWalk) usage('give --tests and/or --ui-walk');
  if (!o.workspace) usage('give --workspace');
  if (!(o.timeout > 0)) usage('--timeout must be a positive number of seconds');
  o.devPathMode ??= 'stub';
  if (!['stub', 'installed', 'none'].includes(o.devPathMode)) usage('--dev-path-mode is stub, installed or none');
  for (const k of ['vsix', 'devPath', 'tests', 'workspace', 'uiWalk']) {
    if (o[k]) {
      o[k] = path.resolve(o[k]);
      if (!fs.existsSync(o[k])) usage(`${k}: ${o[k]} does not exist`);
    }
  }
  o.artifacts = path.resolve(o.artifacts ?? path.join('test/artifacts', path.basename(o.workspace)));
  o.cache = path.resolve(o.cache ?? process.env.STRATA_E2E_CACHE ?? path.join(os.homedir(), '.cache/strata-e2e'));
  return o;
}

function usage(msg) {
  const lines = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n');
  const text = lines.slice(1, lines.findIndex((l) => l.startsWith('// FINDINGS'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n');
  if (msg) console.error(`run-code-server: ${msg}\n`);
  console.error(text);
  process.exit(msg ? EXIT.INFRA : 0);
}

const opts = parseArgs(process.argv.slice(2));

const pathsFile = path.join(opts.cache, 'paths.json');
if (!fs.existsSync(pathsFile)) {
  console.error(`run-code-server: ${pathsFile} missing: run scripts/e2e/setup.sh first`);
  process.exit(EXIT.INFRA);
}
const tools = JSON.parse(fs.readFileSync(pathsFile, 'utf8'));

// ------------------------------------------------------------------ cleanup machinery
const children = []; // { name, pid } process-group leaders
let browser; // playwright Browser
let currentPage; // the page of the running phase (for a screenshot on timeout)
let consoleFile; // artifacts/console.log stream
let finishing = false;
let tmpRoot;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function cleanup() {
  if (consoleFile) await new Promise((r) => consoleFile.end(r));
  if (browser) {
    await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
    browser = undefined;
  }
  for (const c of children) killGroup(c.pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (children.some((c) => groupAlive(c.pid)) && Date.now() < deadline) await sleep(100);
  for (const c of children) if (killGroup(c.pid, 'SIGKILL')) log(`killed ${c.name} (pgid ${c.pid}) with SIGKILL`);
  // the server side's logs: remote extension host log, output channels (e.g. the extension's own
  // "Output" channel and its language server trace), shared process, ...
  if (tmpRoot) {
    try {
      const logs = path.join(tmpRoot, 'user-data', 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(opts.artifacts, 'server-logs'), { recursive: true });
    } catch (e) {
      log(`could not copy the server logs: ${e?.message ?? e}`);
    }
  }
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
}

// what result.json (in the artifacts folder) reports
const outcome = { exitCode: undefined, reason: undefined, tests: null, walk: null, seconds: 0 };

async function finish(code, why) {
  if (finishing) return;
  finishing = true;
  clearTimeout(overallTimer);
  if (why) log(why);
  if (code === EXIT.TIMEOUT && currentPage) {
    const shot = path.join(opts.artifacts, 'timeout.png');
    await Promise.race([currentPage.screenshot({ path: shot }).then(() => log(`screenshot: ${shot}`)).catch(() => {}), sleep(5000)]);
  }
  try {
    Object.assign(outcome, { exitCode: code, reason: why, seconds: Math.round((Date.now() - t0) / 100) / 10 });
    fs.writeFileSync(path.join(opts.artifacts, 'result.json'), JSON.stringify(outcome, null, 2) + '\n');
  } catch {
    /* artifacts folder not there (usage error) */
  }
  try {
    await cleanup();
  } catch (e) {
    log(`cleanup error: ${e?.stack ?? e}`);
  }
  log(`exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  process.exit(code);
}

const overallTimer = setTimeout(() => {
  finish(EXIT.TIMEOUT, `TIMEOUT: the e2e run did not finish within ${opts.timeout}s (phase: ${phase}). ` +
    `Artifacts (logs, screenshot) in ${opts.artifacts}`);
  // last-chance screenshot is taken by the phase watcher below, if a page exists
}, opts.timeout * 1000);
let keptOpenResult; // set while --keep-open waits: Ctrl+C then exits with the run's result
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(keptOpenResult ?? EXIT.INFRA, `got ${sig}, cleaning up`));
process.on('uncaughtException', (e) => finish(EXIT.INFRA, `internal error: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => finish(EXIT.INFRA, `internal error: ${e?.stack ?? e}`));
process.on('exit', () => {
  // synchronous last resort (e.g. process.exit from elsewhere)
  for (const c of children) killGroup(c.pid, 'SIGKILL');
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let phase = 'start';

// ------------------------------------------------------------------ helpers
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Sum of the proportional set size (PSS, MB: shared pages split between sharers) of a process group. */
function groupPssMb(pgid) {
  let kb = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 = pgrp
      const m = /^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${d}/smaps_rollup`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      /* process gone */
    }
  }
  return Math.round(kb / 1024);
}

function codeServerEnv(dirs) {
  return {
    ...process.env,
    ...opts.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    // do not let code-server pick up a password or port from the caller's environment
    PASSWORD: '',
    HASHED_PASSWORD: '',
    PORT: '',
  };
}

function codeServerArgs(dirs) {
  return [tools.codeServerEntry, '--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** `code-server --install-extension x.vsix`; returns the installed extension folder. */
function installVsix(dirs) {
  const r = spawnSync(tools.node24, [...codeServerArgs(dirs), '--force', '--install-extension', opts.vsix], {
    env: codeServerEnv(dirs),
    encoding: 'utf8',
    timeout: 120_000,
  });
  fs.writeFileSync(path.join(opts.artifacts, 'install-extension.log'), `${r.stdout}\n${r.stderr}`);
  if (r.status !== 0) {
    throw new InfraError(`installing ${opts.vsix} failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${r.stdout}\n${r.stderr}`);
  }
  // extensions.json lists what is installed: [{ identifier: { id }, relativeLocation, ... }]
  const list = JSON.parse(fs.readFileSync(path.join(dirs.extensions, 'extensions.json'), 'utf8'));
  if (list.length !== 1) log(`note: ${list.length} extensions in the scratch extensions dir`);
  const entry = list.at(-1);
  const folder = path.join(dirs.extensions, entry.relativeLocation ?? path.basename(entry.location.path));
  log(`installed ${entry.identifier.id}@${entry.version} -> ${folder}`);
  return { id: entry.identifier.id, folder };
}

class InfraError extends Error {}

/** A do-nothing extension used as extensionDevelopmentPath so the installed .vsix runs as installed. */
function writeRunnerStub(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'e2e-test-runner-stub',
        publisher: 'strata-e2e',
        version: '0.0.0',
        description: 'Placeholder extensionDevelopmentPath for running extensionTestsPath against an installed .vsix',
        engines: { vscode: '*' },
      },
      null,
      2,
    ),
  );
  return dir;
}

// ------------------------------------------------------------------ main
async function main() {
  fs.mkdirSync(opts.artifacts, { recursive: true });
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'strata-e2e-'));
  const dirs = {
    userData: path.join(tmpRoot, 'user-data'),
    extensions: path.join(tmpRoot, 'extensions'),
    xdgConfig: path.join(tmpRoot, 'xdg-config'),
    xdgData: path.join(tmpRoot, 'xdg-data'),
    xdgCache: path.join(tmpRoot, 'xdg-cache'),
    config: path.join(tmpRoot, 'code-server.yaml'),
  };
  for (const d of Object.values(dirs)) if (!d.endsWith('.yaml')) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(dirs.config, 'auth: none\n');
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'chat.disableAIFeatures': true,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'git.enabled': false,
        'window.commandCenter': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ),
  );
  log(`scratch dirs in ${tmpRoot}; artifacts in ${opts.artifacts}`);

  // 1. install the .vsix (before code-server starts, so the server sees it at startup)
  phase = 'install-extension';
  let installed;
  if (opts.vsix) installed = installVsix(dirs);

  // Which folder is the extensionDevelopmentPath? (see FINDINGS at the top)
  const devPath =
    opts.devPath ??
    { stub: () => writeRunnerStub(path.join(tmpRoot, 'test-runner-stub')), installed: () => installed.folder, none: () => undefined }[
      opts.devPathMode
    ]();

  // 2. code-server, 3. Chromium
  let cs = await startCodeServer(dirs, { smokeTestDriver: Boolean(opts.tests) || Boolean(opts.devPath) });

  phase = 'chromium start';
  const { chromium } = createRequire(import.meta.url)(tools.playwrightCore);
  // launchServer (not launch): it tells the browser's pid, so cleanup can kill its process group
  const server = await chromium.launchServer({
    executablePath: tools.chromium,
    // keep Chromium's crash reports / config out of ~/.config
    env: { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache, XDG_DATA_HOME: dirs.xdgData },
    headless: !(process.env.DISPLAY && opts.keepOpen),
    // our own signal handlers clean up (and report); playwright's would exit the process first
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const chromiumPid = server.process().pid;
  children.push({ name: 'chromium', pid: chromiumPid });
  browser = await chromium.connect(server.wsEndpoint());
  log(`chromium up (pid ${chromiumPid})`);

  consoleFile = fs.createWriteStream(path.join(opts.artifacts, 'console.log'));
  const attachConsole = (page, label) => {
    page.on('console', (msg) => {
      const text = msg.text();
      if (!consoleFile.writableEnded) consoleFile.write(`+${((Date.now() - t0) / 1000).toFixed(1)}s [${label}] [${msg.type()}] ${text}\n`);
      const at = text.indexOf(opts.prefix);
      // extension host lines arrive as "%c[Extension Host] %c<line> %c color: blue color:" (or
      // "%c INFO color: #33f <line>" while testing): keep <line>, drop the CSS arguments
      if (at >= 0) {
        const line = text.slice(at).replace(/%c/g, '').replace(/(\s+color:\s*\S*)+\s*$/, '').trimEnd();
        console.log(line);
        // the suite's closing line (test/e2e/suite/index.ts): "<prefix> N passed, N failed, N skipped"
        const m = /^\S+ (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(line);
        if (m && label === 'tests') outcome.tests = { passed: +m[1], failed: +m[2], skipped: +m[3] };
      }
      else if (msg.type() === 'error' && (opts.verbose || /Extension Host|Activating extension|extension host/i.test(text))) {
        console.log(`[page ${label} error] ${text.replace(/%c/g, '').slice(0, 2000)}`);
      }
    });
    page.on('pageerror', (err) => {
      if (!consoleFile.writableEnded) consoleFile.write(`+${((Date.now() - t0) / 1000).toFixed(1)}s [${label}] [pageerror] ${err?.stack ?? err}\n`);
      if (opts.verbose) console.log(`[page ${label} pageerror] ${err?.message ?? err}`);
    });
  };

  let result = EXIT.PASS;

  // 4. the tests
  if (opts.tests) {
    phase = 'tests';
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    currentPage = page;
    attachConsole(page, 'tests');
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    // the workbench calls window.codeAutomationExit(code, logs) when the extension host's test
    // runner is done (code 0 = run() resolved, 1 = it rejected)
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      // logs: [{ relativePath, contents }] = the workbench's log folder; keep it for debugging
      try {
        for (const l of logs ?? []) {
          const f = path.join(opts.artifacts, 'vscode-logs', l.relativePath);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, l.contents);
        }
      } catch {
        /* best effort */
      }
      resolveExit(code);
    });
    const payload = [
      ...(devPath ? [['extensionDevelopmentPath', cs.remote(devPath)]] : []),
      ['extensionTestsPath', cs.remote(opts.tests)],
      ['skipWelcome', 'true'],
      ['extensionEnvironment', JSON.stringify(opts.env)],
    ];
    log(`tests: ${opts.tests}\n        dev path: ${devPath}${installed ? `\n        installed: ${installed.id} (${installed.folder})` : ''}\n        workspace: ${opts.workspace}`);
    const tPage = Date.now();
    await page.goto(cs.folderUrl(opts.workspace, payload));
    const code = await exited;
    const mem = { codeServer: groupPssMb(cs.pid), chromium: groupPssMb(chromiumPid) };
    log(`tests finished with code ${code} in ${((Date.now() - tPage) / 1000).toFixed(1)}s after page load; ` +
      `memory (PSS) now: code-server ${mem.codeServer} MB, chromium ${mem.chromium} MB`);
    result = code === 0 ? EXIT.PASS : EXIT.FAIL;
    await context.close().catch(() => {});
  }

  // 5. the UI walk, in a fresh browser context without extensionTestsPath (the test window's
  //    extension host exits when the tests end), so the extension runs as it would for a user.
  //    With --vsix only, code-server is restarted WITHOUT the smoke-test driver: a normal
  //    workbench (the driver hides notification toasts, among others) that loads the installed
  //    extension by itself; the restart also drops the file watcher the test session left behind.
  //    With --extension-dev-path the payload (extensionDevelopmentPath) is needed, and the payload
  //    is only honoured with the driver on: then toasts are not shown (use the notification center;
  //    helpers.waitForNotification does).
  let smokeTestDriver = cs.smokeTestDriver;
  if (opts.uiWalk && result === EXIT.PASS) {
    phase = 'ui-walk';
    if (!opts.devPath && cs.smokeTestDriver) {
      await stopCodeServer(cs);
      cs = await startCodeServer(dirs, { smokeTestDriver: false });
    }
    smokeTestDriver = cs.smokeTestDriver;
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    currentPage = page;
    attachConsole(page, 'ui-walk');
    const payload = opts.devPath
      ? [['extensionDevelopmentPath', cs.remote(opts.devPath)], ['skipWelcome', 'true'], ['extensionEnvironment', JSON.stringify(opts.env)]]
      : undefined;
    log(`ui walk: ${opts.uiWalk}`);
    const walkLog = (...a) => console.log('[ui-walk]', ...a);
    try {
      await page.goto(cs.folderUrl(opts.workspace, payload));
      const mod = await import(pathToFileURL(opts.uiWalk).href);
      const walk = mod.walk ?? mod.default;
      if (typeof walk !== 'function') throw new Error(`${opts.uiWalk} exports no walk() function`);
      await walk({ page, context, artifacts: opts.artifacts, log: walkLog, helpers, workspace: opts.workspace,
        baseUrl: cs.base, extension: installed, smokeTestDriver });
      outcome.walk = 'passed';
      log(`ui walk passed; memory (PSS) now: code-server ${groupPssMb(cs.pid)} MB, chromium ${groupPssMb(chromiumPid)} MB`);
    } catch (e) {
      result = EXIT.FAIL;
      outcome.walk = 'failed';
      log(`ui walk FAILED: ${e?.stack ?? e}`);
      await page.screenshot({ path: path.join(opts.artifacts, 'ui-walk-failure.png') }).catch(() => {});
      log(`screenshot: ${path.join(opts.artifacts, 'ui-walk-failure.png')}`);
    }
    if (!opts.keepOpen) await context.close().catch(() => {});
  } else if (opts.uiWalk) {
    outcome.walk = 'skipped';
    log('ui walk skipped: the tests failed');
  }

  if (opts.keepOpen) {
    clearTimeout(overallTimer);
    const payload = opts.devPath ? [['extensionDevelopmentPath', cs.remote(opts.devPath)]] : undefined;
    log(`--keep-open: code-server stays up at ${cs.folderUrl(opts.workspace, payload)}`);
    log(`scratch dirs: ${tmpRoot} (removed at the end). Press Ctrl+C to stop.`);
    keptOpenResult = result;
    await new Promise(() => {});
  }
  await finish(result, result === EXIT.PASS ? 'PASS' : 'FAIL');
}

/**
 * Starts code-server on a free loopback port and waits for /healthz.
 * smokeTestDriver: pass `--vscode-option enable-smoke-test-driver`, without which the workbench
 * ignores the `payload` URL parameter (extensionDevelopmentPath / extensionTestsPath).
 */
async function startCodeServer(dirs, { smokeTestDriver }) {
  phase = 'code-server start';
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(opts.artifacts, 'code-server.log');
  const csLog = fs.openSync(logFile, 'a');
  fs.writeSync(csLog, `\n===== code-server on port ${port} (smoke-test driver ${smokeTestDriver ? 'on' : 'off'}) =====\n`);
  const proc = spawn(
    tools.node24,
    [
      ...codeServerArgs(dirs),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      '--vscode-option', 'skip-welcome',
      '--vscode-option', 'skip-release-notes',
    ],
    { env: codeServerEnv(dirs), detached: true, stdio: ['ignore', opts.verbose ? 'pipe' : csLog, opts.verbose ? 'pipe' : csLog] },
  );
  const child = { name: 'code-server', pid: proc.pid };
  children.push(child);
  if (opts.verbose) {
    for (const s of [proc.stdout, proc.stderr]) s.on('data', (b) => { fs.writeSync(csLog, b); process.stdout.write(`[code-server] ${b}`); });
  }
  const cs = {
    proc, pid: proc.pid, port, base, smokeTestDriver, child, exited: false, stopping: false,
    remote: (p) => `vscode-remote://127.0.0.1:${port}${p}`,
    folderUrl: (folder, payload) => {
      const q = new URLSearchParams({ folder });
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${base}/?${q}`;
    },
  };
  proc.on('exit', (code, sig) => {
    cs.exited = true;
    fs.closeSync(csLog);
    if (!finishing && !cs.stopping) finish(EXIT.INFRA, `code-server exited unexpectedly (code ${code}, signal ${sig}); see ${logFile}`);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (cs.exited) throw new InfraError(`code-server exited during startup; see ${logFile}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new InfraError(`code-server did not answer ${base}/healthz within 60s; see ${logFile}`);
    await sleep(100);
  }
  log(`code-server ${tools.codeServerVersion} up at ${base} (pid ${proc.pid}, smoke-test driver ${smokeTestDriver ? 'on' : 'off'})`);
  return cs;
}

async function stopCodeServer(cs) {
  cs.stopping = true;
  killGroup(cs.pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (groupAlive(cs.pid) && Date.now() < deadline) await sleep(50);
  killGroup(cs.pid, 'SIGKILL');
  children.splice(children.indexOf(cs.child), 1);
}

main().catch((e) => finish(EXIT.INFRA, e instanceof InfraError ? `ERROR: ${e.message}` : `ERROR: ${e?.stack ?? e}`));
