/// <reference types="mocha" />
// What the fixture suites promise: each registers its tests only when its fixture is the open
// workspace, so a suite that silently registers nothing (a renamed fixture, a wrong name, an
// `it` lost in a refactor) would otherwise pass as "0 failed". The entry point
// (test/e2e/suite/index.ts) compares these promises with what mocha actually loaded.
// No `vscode` import here: index.ts, outside the tests, reads it too.

export interface DeclaredSuite {
  /** The fixture folder's name the suite runs on. */
  fixture: string;
  /** How many tests the suite says it has. */
  tests: number;
  suite: Mocha.Suite;
}

export const declaredSuites: DeclaredSuite[] = [];

/**
 * What is wrong with the registered tests: none at all, or a declared suite with fewer (or more)
 * tests than it declares. Empty when all is well. With a grep, only "none at all" is checked.
 */
export function registrationProblems(root: Mocha.Suite, workspace: string | undefined, grep: boolean): string[] {
  const problems: string[] = [];
  if (root.total() === 0) problems.push(`no e2e test registered for the workspace '${workspace ?? '(none)'}': no suite is declared for it`);
  if (grep) return problems;
  for (const { fixture, tests, suite } of declaredSuites) {
    const registered = suite.total();
    if (registered !== tests) problems.push(`the ${fixture} suite declares ${tests} tests but registered ${registered}`);
  }
  return problems;
}
