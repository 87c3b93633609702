import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { hocBackend, repoRoot } from '../support/paths';
import { copyProject, envWithoutNpm } from '../support/projectCopy';
import { tempDir } from '../support/tempTree';

test('npm pack builds the package (prepack; the files allow-list, shared with the .vsix) and it installs with npm i -g and runs strata check with nothing else', () => {
  const project = copyProject();
  // The build needs esbuild: the copy uses the repository's development dependencies.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'));
  assert.equal(fs.existsSync(path.join(project, 'dist')), false);
  const out = tempDir('strata-pack-');
  const env = envWithoutNpm();
  const pack = spawnSync('npm', ['pack', '--pack-destination', out], { cwd: project, encoding: 'utf8', env });
  assert.equal(pack.status, 0, pack.stderr);
  // Only the tarball's name on stdout: pre-commit reads it from there (see .npmrc).
  assert.equal(pack.stdout, 'strata-layers-0.1.0.tgz\n');
  const tarball = path.join(out, 'strata-layers-0.1.0.tgz');
  const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  assert.deepEqual(listing.stdout.trim().split('\n').sort(), [
    'package/.pre-commit-hooks.yaml',
    'package/LICENSE',
    'package/README.md',
    'package/dist/cli.js',
    'package/dist/cli.main.js',
    'package/dist/extension.js',
    'package/dist/scanWorker.js',
    'package/dist/server.js',
    'package/dist/server.main.js',
    'package/media/strata.svg',
    'package/package.json',
    'package/server/schema/strata.schema.json',
  ]);

  // Offline: the package has no dependencies to fetch.
  const prefix = tempDir('strata-prefix-');
  const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { encoding: 'utf8', env });
  assert.equal(install.status, 0, install.stderr);
  const installed = path.join(prefix, 'lib', 'node_modules', 'strata-layers');
  assert.deepEqual(fs.readdirSync(installed).sort(), ['.pre-commit-hooks.yaml', 'LICENSE', 'README.md', 'dist', 'media', 'package.json', 'server']);
  const strata = path.join(prefix, 'bin', 'strata');
  const version = spawnSync(strata, ['--version'], { encoding: 'utf8' });
  assert.equal(version.stdout, '0.1.0\n');
  const check = spawnSync(strata, ['check', hocBackend, '--module-level-only'], { encoding: 'utf8', cwd: prefix });
  assert.equal(check.status, 1, check.stderr);
  assert.match(check.stdout, /\n✖ 6 violations in 4 files \(L2-L5 ×1, L3-DB ×2, L5-DB ×1, L5-L7 ×1, L5-sqlmodel ×1\) · 64 files checked\n$/);

  // As a development dependency of a project: `npx strata-layers check` runs its one command.
  const user = tempDir('strata-user-');
  fs.writeFileSync(path.join(user, 'package.json'), '{"name":"user","version":"1.0.0","private":true}\n');
  const local = spawnSync('npm', ['install', '--save-dev', '--offline', '--no-audit', '--no-fund', tarball], { cwd: user, encoding: 'utf8', env });
  assert.equal(local.status, 0, local.stderr);
  const npx = spawnSync('npx', ['--offline', 'strata-layers', 'check', hocBackend, '--module-level-only', '--quiet', '--format', 'github'], { cwd: user, encoding: 'utf8', env });
  assert.equal(npx.status, 1, npx.stderr);
  assert.equal(npx.stdout.split('\n').filter((l) => l.startsWith('::error ')).length, 6);
});

test('the CLI version is the package version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };
  assert.equal(pkg.name, 'strata-layers');
  assert.deepEqual(pkg.bin, { strata: 'dist/cli.js' });
  const version = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), '--version'], { encoding: 'utf8' });
  assert.equal(version.stdout, `${pkg.version}\n`);
});
