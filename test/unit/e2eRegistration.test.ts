import { test } from 'node:test';
import assert from 'node:assert/strict';
import Mocha from 'mocha';
import { declaredSuites, registrationProblems } from '../e2e/helpers/declaredTests';

/** A mocha root suite with one fixture suite of `registered` tests that declares `declared`. */
function rootWith(fixture: string, declared: number, registered: number): Mocha.Suite {
  const root = new Mocha.Suite('', new Mocha.Context());
  const suite = Mocha.Suite.create(root, `${fixture} fixture`);
  for (let k = 0; k < registered; k++) suite.addTest(new Mocha.Test(`test ${k}`, () => undefined));
  declaredSuites.splice(0, declaredSuites.length, { fixture, tests: declared, suite });
  return root;
}

test('the e2e entry point refuses a run where no test registered, or fewer than declared', () => {
  assert.deepEqual(registrationProblems(rootWith('hoc-backend', 16, 16), 'hoc-backend', false), []);
  assert.deepEqual(registrationProblems(rootWith('hoc-backend', 16, 15), 'hoc-backend', false), ['the hoc-backend suite declares 16 tests but registered 15']);
  // A workspace no suite is declared for: nothing registers at all.
  declaredSuites.splice(0);
  assert.deepEqual(registrationProblems(new Mocha.Suite('', new Mocha.Context()), 'renamed-fixture', false), [
    "no e2e test registered for the workspace 'renamed-fixture': no suite is declared for it",
  ]);
  // With a grep, fewer tests are expected; none at all is still refused.
  assert.deepEqual(registrationProblems(rootWith('e2e-fixes', 7, 2), 'e2e-fixes', true), []);
  assert.equal(registrationProblems(rootWith('e2e-fixes', 7, 0), 'e2e-fixes', true).length, 1);
});
