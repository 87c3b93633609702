import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './paths';
import { tempDir } from './tempTree';

/**
 * A copy of Strata's own sources as they are in the working tree (the files git tracks, and the
 * new ones it does not ignore), without node_modules or builds: what a clone of the repository
 * holds once this change is committed. Tests that build or install Strata work on such a copy, so
 * they never touch the dist/ the other tests run.
 */
export function copyProject(): string {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const dir = tempDir('strata-project-');
  for (const rel of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(repoRoot, rel);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.cpSync(from, path.join(dir, rel), { verbatimSymlinks: true });
  }
  return dir;
}

/** The environment without the variables an outer `npm test` sets (`npm_config_prefix` and the like), which would steer nested npm runs. */
export function envWithoutNpm(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}
