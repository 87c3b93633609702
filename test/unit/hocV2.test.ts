import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir, repoRoot } from '../support/paths';
import { runCliInProcess } from '../support/runCliInProcess';
import { tempDir } from '../support/tempTree';

/**
 * A HOC V2.0.0 backend built from shared/spec/hoc-v2.md, checked through the CLI with no config:
 * the `hoc/cus/hoc_spine/` folder alone makes it hoc-v2.
 */
const v2Backend = path.join(fixturesDir, 'hoc-v2-backend');
const expectedOverview = path.join(v2Backend, 'expected', 'overview.DOMAIN_WIRING_MAP.md');

interface Record {
  file: string;
  line: number;
  rule: string;
  target: string;
}

test('with no config, a tree with hoc/cus/hoc_spine/ gets hoc-v2: each of its 13 rules fires once, their exceptions never', () => {
  const { code, stdout, stderr } = runCliInProcess(['check', v2Backend, '--format', 'json']);
  assert.equal(code, 1, stderr);
  const report = JSON.parse(stdout) as { violations: Record[] };
  const api = 'backend/app/hoc/api/cus/incidents/incidents.py';
  const facade = 'backend/app/hoc/api/facades/cus/incidents.py';
  const engine = 'backend/app/hoc/cus/policies/L5_engines/policy_engine.py';
  const support = 'backend/app/hoc/cus/policies/L5_support/policy_support.py';
  const driver = 'backend/app/hoc/cus/policies/L6_drivers/policy_driver.py';
  assert.deepEqual(
    report.violations.map((v) => [v.file, v.line, v.rule, v.target]),
    [
      [api, 1, 'L2-L5', 'app.hoc.cus.incidents.L5_engines.incident_engine'],
      [api, 2, 'L2-L6', 'app.hoc.cus.incidents.L6_drivers.incident_driver'],
      [api, 3, 'L2-L7', 'app.models.incident'],
      [facade, 2, 'L2.1-L4', 'app.hoc.cus.hoc_spine.orchestrator.coordinator'],
      [engine, 3, 'L5-sqlmodel', 'sqlmodel'],
      [engine, 4, 'L5-L7', 'app.models.policy'],
      [engine, 5, 'L5-DB', 'app.db_async'],
      [engine, 6, 'DOMAIN-002', 'app.hoc.cus.incidents.L5_engines.incident_engine'],
      [engine, 7, 'UP-001', 'app.hoc.cus.hoc_spine.orchestrator.coordinator'],
      [support, 1, 'L5-sqlalchemy', 'sqlalchemy'],
      [support, 2, 'DOMAIN-003', 'app.hoc.cus.incidents.L6_drivers.incident_driver'],
      [driver, 1, 'L6-DOMAIN', 'app.hoc.cus.incidents.L5_schemas.incident_schema'],
      [driver, 2, 'L6-L5', 'app.hoc.cus.policies.L5_engines.policy_engine'],
    ],
  );
  // Not among them: the engine's and the driver's imports of hoc_spine services and schemas (UP-001's
  // exceptions; hoc_spine is never "another domain" for L6-DOMAIN), the L2 file's call into the spine,
  // the spine's own imports, an unclassified `adapters/` folder, and the TYPE_CHECKING import.
});

test('hoc_spine files are L4 Spine of the domain hoc_spine, whatever folder inside it they are in', () => {
  const file = path.join(v2Backend, 'backend/app/hoc/cus/hoc_spine/L5_engines/spine_engine.py');
  const run = runCliInProcess(['explain', file]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /place: {4}L4 Spine · hoc_spine · CUSTOMER/);
  const adapters = runCliInProcess(['explain', path.join(v2Backend, 'backend/app/hoc/cus/account/adapters/legacy.py')]);
  assert.match(adapters.stdout, /not in any layer/i);
});

test("the overview map is the spec's example, byte for byte", () => {
  const run = runCliInProcess(['map', v2Backend, '--domain', 'overview']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, fs.readFileSync(expectedOverview, 'utf8'));
});

test("the expected overview map in the repo is the spec's (when shared/ is beside the repo)", (t) => {
  const spec = path.resolve(repoRoot, '..', 'shared', 'spec', 'hoc-v2.md');
  if (!fs.existsSync(spec)) return t.skip('no shared/ folder beside the repo');
  const example = fs.readFileSync(spec, 'utf8').split('Two examples')[1].split('```')[1].replace(/^\n/, '');
  assert.equal(fs.readFileSync(expectedOverview, 'utf8'), example);
});

test("hoc_spine's map lists its L4 files (5 first by path, then the count); no L3 row anywhere", () => {
  const run = runCliInProcess(['map', v2Backend, '--domain', 'hoc_spine']);
  assert.equal(run.code, 0, run.stderr);
  const head = run.stdout.split('## Target State\n\n')[1].split('\n').slice(0, 17).join('\n');
  assert.equal(
    head,
    [
      'L2.1 Facade: `hoc/api/facades/cus/hoc_spine.py` — **TO BUILD**',
      '  │',
      '  └──→ L2 API: `hoc/api/cus/hoc_spine/` — **GAP** (0 files)',
      '         │',
      '         └──→ L4 Spine (7 files)',
      '                ├── spine_engine.py',
      '                ├── cross_domain.py',
      '                ├── coordinator.py',
      '                ├── lifecycle.py',
      '                ├── context.py',
      '                └── ... (+2 more)',
      '                │',
      '                │',
      '                └──→ L5 Engines — **GAP** (0 files)',
      '                       │',
      '                       └──→ L6 Drivers — **GAP** (0 files)',
      '                              │',
    ].join('\n'),
  );
  assert.doesNotMatch(run.stdout, /L3/);
});

test('a layer folder nested inside a domain folder (account/auth/L5_engines) counts with that domain', () => {
  const run = runCliInProcess(['map', v2Backend, '--domain', 'account']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    / {16}└──→ L5 Engines \(2 files\)\n {23}├── account_engine\.py → L6 ❌ \(no matching driver\)\n {23}├── token_engine\.py → L6 ❌ \(no matching driver\)\n/,
  );
  // V2's L2 gap counts engines; there is no L3 gap.
  assert.match(run.stdout, /\| L2_api \| No L2 API routes but 2 engines exist \| Build hoc\/api\/cus\/account\/ with route handlers \|/);
  assert.doesNotMatch(run.stdout, /L3_adapter/);
});

test('map --out: every declared V2 domain, in the team order, then the others', () => {
  const out = tempDir('strata-v2-maps-');
  const run = runCliInProcess(['map', v2Backend, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  const index = fs.readFileSync(path.join(out, 'INDEX.md'), 'utf8');
  const domains = index.split('\n').filter((l) => l.startsWith('| cus |')).map((l) => l.split('](')[1].split('.')[0]);
  assert.deepEqual(domains, ['hoc_spine', 'overview', 'activity', 'incidents', 'policies', 'controls', 'logs', 'analytics', 'integrations', 'apis', 'account', 'agent', 'api_keys', 'ops']);
  assert.match(index, /^\*\*Reference:\*\* HOC_LAYER_TOPOLOGY_V2\.0\.0\.md \(RATIFIED\)$/m);
  assert.match(fs.readFileSync(path.join(out, 'api_keys.DOMAIN_WIRING_MAP.md'), 'utf8'), /^# Api_Keys — Prescriptive Wiring Map\n/);
});
