// Lint: what the type checker does not catch. Type-aware rules (floating promises) read the same
// tsconfig as the build.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', 'test/artifacts/**', '.bench/**', 'server/src/core/config/schemaValidator.generated.ts', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      // node:test's test() returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // A test's `x!` after its own assertion fails the test loudly if it is wrong; that is its job.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Temporary folders of tests come from test/support/tempTree.ts, which removes them.
    files: ['test/**'],
    ignores: ['test/support/tempTree.ts', 'test/e2e/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'fs', property: 'mkdtempSync', message: 'use tempDir() of test/support/tempTree.ts: it removes the folder when the test ends' }],
    },
  },
);
