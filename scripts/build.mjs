// Bundles the CLI, the language server and the VS Code client with esbuild.
// Each entry point that does not exist yet is skipped, so the build works as the project grows.
import { build } from 'esbuild';
import { existsSync, chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const entries = [
  // The CLI and the server start through a launcher with a V8 code cache (scripts/codeCacheLoader.cjs).
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node', executable: true, codeCache: true },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js', codeCache: true },
  // The worker thread `analyzeFolder` reads and scans with; found next to the bundle that starts it.
  { in: 'server/src/host/scanWorker.ts', out: 'dist/scanWorker.js' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
];

// Caches of an earlier build's bundles are of no use (V8 would reject them anyway).
rmSync('dist/.cache', { recursive: true, force: true });

for (const entry of entries) {
  if (!existsSync(entry.in)) continue;
  const bundle = entry.codeCache ? entry.out.replace(/\.js$/, '.main.js') : entry.out;
  await build({
    entryPoints: [entry.in],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    minify: process.argv.includes('--minify'),
    external: entry.external ?? [],
    banner: entry.banner && !entry.codeCache ? { js: entry.banner } : undefined,
    logLevel: 'warning',
    legalComments: 'none',
  });
  if (entry.codeCache) {
    const launcher = readFileSync('scripts/codeCacheLoader.cjs', 'utf8').replaceAll('MAIN_FILE', bundle.slice('dist/'.length));
    writeFileSync(entry.out, (entry.banner ? entry.banner + '\n' : '') + launcher);
  }
  if (entry.executable) chmodSync(entry.out, 0o755);
  console.log(`built ${entry.out}`);
}
