import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliInProcess } from '../support/runCliInProcess';
import { tempTree } from '../support/tempTree';

/**
 * The hoc-v1 map beyond the seed (hoc-v1.md §4): the L4 owner domain's listing, a present facade,
 * every GAP line, a declared domain with no file, the 20-row cut of the violations table and the
 * file names of other audiences. Expected texts are written out, as the team's generator prints them.
 */
const tree = () =>
  tempTree({
    'b/app/hoc/cus/general/L4_runtime/coordinators/transaction_coordinator.py': '',
    'b/app/hoc/cus/general/L4_runtime/engines/constraint_checker.py': '',
    'b/app/hoc/cus/general/L4_runtime/engines/governance_orchestrator.py': '',
    'b/app/hoc/cus/general/L4_runtime/engines/phase_status_invariants.py': '',
    'b/app/hoc/cus/general/L4_runtime/engines/plan_generation_engine.py': '',
    'b/app/hoc/cus/general/L4_runtime/facades/run_governance_facade.py': '',
    'b/app/hoc/cus/general/L5_engines/alerts_engine.py': 'from sqlmodel import Session\n',
    'b/app/hoc/api/facades/cus/billing.py': '',
    'b/app/hoc/api/cus/billing/invoices.py': Array.from({ length: 22 }, (_, i) => `from app.hoc.cus.billing.L5_engines.invoice_engine import f${i}\n`).join(''),
    'b/app/hoc/cus/billing/L5_engines/invoice_engine.py': '',
    'b/app/hoc/api/fdr/ops/ops.py': '',
  });

function map(dir: string, ...args: string[]): string {
  const run = runCliInProcess(['map', dir, ...args]);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}

test('the L4 owner domain (general) lists its runtime files under the L3 GAP line, as the spec draws it', () => {
  assert.equal(
    map(tree(), '--domain', 'general'),
    [
    '# General — Prescriptive Wiring Map',
    '',
    '**Reference:** HOC_LAYER_TOPOLOGY_V1.md (RATIFIED, V1.4.0)',
    '',
    '## Target State',
    '',
    'L2.1 Facade: `hoc/api/facades/cus/general.py` — **TO BUILD**',
    '  │',
    '  └──→ L2 API: `hoc/api/cus/general/` — **GAP** (0 files)',
    '         │',
    '         └──→ L3 Adapters — **GAP** (0 files, need domain adapter)',
    '                │',
    '                └──→ L4 Runtime (6 files)',
    '                       ├── transaction_coordinator.py',
    '                       ├── constraint_checker.py',
    '                       ├── governance_orchestrator.py',
    '                       ├── phase_status_invariants.py',
    '                       ├── plan_generation_engine.py',
    '                       └── ... (+1 more)',
    '                       │',
    '                │',
    '                └──→ L5 Engines (1 files)',
    '                       ├── alerts_engine.py → L6 ❌ (no matching driver)',
    '                       │',
    '                       └──→ L6 Drivers — **GAP** (0 files)',
    '                              │',
    '                              └──→ L7 Models — **GAP** (no domain models)',
    '                                     FLAG: domain-localized data candidate (human decision)',
    '',
    '---',
    '',
    '## Gaps',
    '',
    '| Type | Description | Action |',
    '|------|-------------|--------|',
    '| L2_api | No L2 API routes but 1 engines exist | Build hoc/api/cus/general/ with route handlers |',
    '| L3_adapter | No L3 adapters but 1 L5 engines exist — L2 cannot reach L5 | Build hoc/cus/general/L3_adapters/ with domain adapter(s) |',
    '| L6_driver | alerts_engine.py has DB imports but no matching L6 driver | Extract DB logic to hoc/cus/general/L6_drivers/alerts_driver.py |',
    '',
    '## Violations',
    '',
    '| File | Import | Rule Broken | Fix |',
    '|------|--------|-------------|-----|',
    '| `alerts_engine.py` | `from sqlmodel import Session` | L5 MUST NOT import sqlmodel at runtime | Move DB logic to L6 driver |',
    '',
  ].join('\n'),
  );
});

test('a declared domain with no file yet still has a map: every layer a GAP', () => {
  assert.equal(map(tree(), '--domain', 'logs'), [
    '# Logs — Prescriptive Wiring Map',
    '',
    '**Reference:** HOC_LAYER_TOPOLOGY_V1.md (RATIFIED, V1.4.0)',
    '',
    '## Target State',
    '',
    'L2.1 Facade: `hoc/api/facades/cus/logs.py` — **TO BUILD**',
    '  │',
    '  └──→ L2 API: `hoc/api/cus/logs/` — **GAP** (0 files)',
    '         │',
    '         └──→ L3 Adapters — **GAP** (0 files, need domain adapter)',
    '                │',
    '                ├──→ L4 Runtime (via general/L4_runtime/)',
    '                │',
    '                └──→ L5 Engines — **GAP** (0 files)',
    '                       │',
    '                       └──→ L6 Drivers — **GAP** (0 files)',
    '                              │',
    '                              └──→ L7 Models — **GAP** (no domain models)',
    '                                     FLAG: domain-localized data candidate (human decision)',
    '',
    '---',
    '',
  ].join('\n'));
});

test('a present facade prints its path from the top package with a check mark; other domains point to the L4 owner', () => {
  const billing = map(tree(), '--domain', 'billing');
  assert.match(billing, /\nL2\.1 Facade: `hoc\/api\/facades\/cus\/billing\.py` ✅\n {2}│\n {2}└──→ L2 API: `hoc\/api\/cus\/billing\/` \(1 files\)\n {9}├── invoices\.py\n/);
  assert.match(billing, /\n {16}│\n {16}├──→ L4 Runtime \(via general\/L4_runtime\/\)\n {16}│\n {16}└──→ L5 Engines \(1 files\)\n/);
});

test('the violations table shows 20 rows, statements cut at 60 characters, then one row counting the rest', () => {
  const billing = map(tree(), '--domain', 'billing');
  const rows = billing.split('\n').filter((l) => l.startsWith('| `invoices.py`'));
  assert.equal(rows.length, 20);
  assert.equal(rows[0], '| `invoices.py` | `from app.hoc.cus.billing.L5_engines.invoice_engine import f0` | L2 MUST NOT import L5 directly | Route through L3 adapter |');
  assert.equal(rows[19], '| `invoices.py` | `from app.hoc.cus.billing.L5_engines.invoice_engine import f1` | L2 MUST NOT import L5 directly | Route through L3 adapter |');
  assert.ok(billing.endsWith('| `invoices.py` | `from app.hoc.cus.billing.L5_engines.invoice_engine import f1` | L2 MUST NOT import L5 directly | Route through L3 adapter |\n| ... | +2 more | | |\n'));
});

test('domains of another audience than the main one: fdr.<domain> files, their own paths in the map', () => {
  const dir = tree();
  const ops = map(dir, '--domain', 'ops', '--audience', 'fdr');
  assert.match(ops, /\nL2\.1 Facade: `hoc\/api\/facades\/fdr\/ops\.py` — \*\*TO BUILD\*\*\n {2}│\n {2}└──→ L2 API: `hoc\/api\/fdr\/ops\/` \(1 files\)\n/);
  const out = path.join(dir, 'maps');
  map(dir, '--out', out);
  assert.deepEqual(fs.readdirSync(out).sort(), [
    'INDEX.md', 'account.DOMAIN_WIRING_MAP.md', 'activity.DOMAIN_WIRING_MAP.md', 'analytics.DOMAIN_WIRING_MAP.md', 'apis.DOMAIN_WIRING_MAP.md',
    'billing.DOMAIN_WIRING_MAP.md', 'controls.DOMAIN_WIRING_MAP.md', 'fdr.ops.DOMAIN_WIRING_MAP.md', 'general.DOMAIN_WIRING_MAP.md',
    'incidents.DOMAIN_WIRING_MAP.md', 'integrations.DOMAIN_WIRING_MAP.md', 'logs.DOMAIN_WIRING_MAP.md', 'overview.DOMAIN_WIRING_MAP.md',
    'policies.DOMAIN_WIRING_MAP.md',
  ]);
  const index = fs.readFileSync(path.join(out, 'INDEX.md'), 'utf8');
  assert.match(index, /\| cus \| \[Account\]\(account\.DOMAIN_WIRING_MAP\.md\) \| 0 \| 0 \|\n\| cus \| \[Billing\]\(billing\.DOMAIN_WIRING_MAP\.md\) \| 1 \| 22 \|\n\| fdr \| \[Ops\]\(fdr\.ops\.DOMAIN_WIRING_MAP\.md\) \| 1 \| 0 \|\n$/);
});
