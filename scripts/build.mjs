// Bundles the CLI, the language server and the VS Code client with esbuild.
// Each entry point that does not exist yet is skipped, so the build works as the project grows.
import { build } from 'esbuild';
import { existsSync, chmodSync } from 'node:fs';

const entries = [
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node', executable: true },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  // The worker thread `analyzeFolder` reads and scans with; found next to the bundle that starts it.
  { in: 'server/src/core/analysis/scanWorker.ts', out: 'dist/scanWorker.js' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
];

for (const entry of entries) {
  if (!existsSync(entry.in)) continue;
  await build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    minify: process.argv.includes('--minify'),
    external: entry.external ?? [],
    banner: entry.banner ? { js: entry.banner } : undefined,
    logLevel: 'warning',
    legalComments: 'none',
  });
  if (entry.executable) chmodSync(entry.out, 0o755);
  console.log(`built ${entry.out}`);
}
