import * as path from 'node:path';

/** The repository root, from a compiled test in out/test/<suite>/. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const hocBackend = path.join(fixturesDir, 'hoc-backend');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');
