import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder } from '../../server/src/host/analyzeFolder';
import { parseConfigText } from '../../server/src/core/config/loadConfig';
import { renderWiringMap } from '../../server/src/core/report/wiringMap';
import { compileRuleset } from '../../server/src/core/ruleset/compileRuleset';
import { PRESETS } from '../../server/src/core/ruleset/presets';
import type { RulesetConfig } from '../../server/src/core/ruleset/rulesetConfig';
import { buildTopology } from '../../server/src/core/topology/buildTopology';
import { fixturesDir } from '../support/paths';

/**
 * A layout Strata has never seen (hexagonal bounded contexts, no audiences), configured only by
 * its ruleset: the rule language's switches, each shown by one import of the fixture.
 */
const shop = path.join(fixturesDir, 'hexagonal-shop');

const CONFIG: RulesetConfig = {
  marker: 'contexts',
  domains: ['orders', 'payments'],
  layers: {
    domain: { label: 'Domain model', heading: 'Domain', role: 'entities and business rules', paths: ['shop/contexts/{domain}/domain/**'] },
    application: { label: 'Use case', heading: 'Application', role: 'use cases, talking to ports', paths: ['shop/contexts/{domain}/application/**'] },
    adapters: { label: 'Adapter', heading: 'Adapters', role: 'databases, payment providers, command lines', paths: ['shop/contexts/{domain}/adapters/**'] },
  },
  rules: {
    'domain-pure': {
      from: ['domain'],
      forbid: [{ layers: ['application', 'adapters'] }, { modules: ['sqlalchemy'] }],
      message: 'The domain model depends on nothing',
      fix: 'Define a port in the domain and implement it in an adapter',
    },
    'use-ports': {
      from: ['application'],
      forbid: [{ layers: ['adapters'] }],
      message: 'Use cases depend on ports, not adapters',
      fix: 'Depend on the port the adapter implements',
      severity: 'warning',
      lazy: false,
    },
    'other-context': {
      from: ['domain', 'application', 'adapters'],
      forbid: [{ domain: 'other' }],
      except: ['shop.contexts.payments.application.api'],
      message: 'A context reaches another only through its api',
      fix: "Import the other context's application.api",
      severity: 'info',
    },
    'no-session': {
      from: ['application'],
      forbid: [{ names: ['Session'], modules: ['sqlalchemy*'] }],
      message: 'Use cases never hold a database session',
      fix: 'Ask the repository port',
      'type-checking': true,
    },
    'no-debugger': {
      from: ['domain', 'application', 'adapters'],
      forbid: [{ modules: ['pdb'] }],
      message: 'No debugger in shipped code',
      fix: 'Remove the breakpoint',
      'ignore-files': ['shop/contexts/*/adapters/cli_*.py'],
    },
    'no-requests': { from: ['domain'], forbid: [{ modules: ['requests'] }], message: 'The domain makes no HTTP calls', enabled: false },
  },
};

function violations(config: RulesetConfig, moduleLevelOnly = false): string[] {
  const { index } = analyzeFolder(shop, compileRuleset(config), { moduleLevelOnly });
  return index.files().flatMap((f) =>
    f.check.violations.map((v) => `${f.identity.relPath}:${v.statement.span.start.line + 1} ${v.rule.severity} ${v.rule.id} ${v.target.module}`),
  );
}

const ALL = [
  'shop/contexts/orders/adapters/sql_repository.py:2 info other-context shop.contexts.payments.domain.payment',
  'shop/contexts/orders/application/place_order.py:3 warning use-ports shop.contexts.orders.adapters.sql_repository',
  'shop/contexts/orders/application/place_order.py:5 info other-context shop.contexts.payments.application.charge',
  'shop/contexts/orders/application/place_order.py:6 error no-session sqlalchemy.orm',
  'shop/contexts/orders/application/place_order.py:10 error no-session sqlalchemy.orm',
  'shop/contexts/orders/application/place_order.py:16 error no-debugger pdb',
  'shop/contexts/orders/domain/order.py:1 error no-debugger pdb',
  'shop/contexts/orders/domain/order.py:2 error domain-pure sqlalchemy',
  'shop/contexts/orders/domain/order.py:3 error domain-pure shop.contexts.orders.application.place_order',
  'shop/contexts/payments/adapters/stripe_gateway.py:1 error no-debugger pdb',
];

test('a custom ruleset gets exactly the violations it implies: severities, lazy, TYPE_CHECKING, domain = "other", except, names, ignore-files, inline ignores, relative imports', () => {
  assert.deepEqual(violations(CONFIG), ALL);
});

test('the module-level-only switch still turns every lazy import off, whatever a rule says', () => {
  assert.deepEqual(
    violations(CONFIG, true),
    ALL.filter((v) => !v.startsWith('shop/contexts/orders/application/place_order.py:16 ')),
  );
});

test("the same ruleset from the project's pyproject.toml [tool.strata] gives the same config", () => {
  const file = path.join(shop, 'pyproject.toml');
  const loaded = parseConfigText(file, fs.readFileSync(file, 'utf8'), PRESETS);
  assert.equal(loaded.status, 'ok', JSON.stringify(loaded));
  if (loaded.status === 'ok') assert.deepEqual(loaded.config, CONFIG);
});

test('a layout without audiences is first-class: one group of domains → layers → files, and a map of its own', () => {
  const { index } = analyzeFolder(shop, compileRuleset(CONFIG), { moduleLevelOnly: false });
  const topology = buildTopology(index);
  assert.deepEqual(
    topology.audiences.map((a) => [a.id, a.domains.map((d) => [d.domain, d.layers.map((s) => `${s.layer.id}: ${s.files.map((f) => f.name).join(' ')}`)])]),
    [
      [
        undefined,
        [
          ['orders', ['domain: order.py', 'application: place_order.py', 'adapters: cli_debug.py sql_repository.py']],
          ['payments', ['domain: payment.py', 'application: api.py charge.py', 'adapters: stripe_gateway.py']],
        ],
      ],
    ],
  );
  const orders = topology.audiences[0].domains[0];
  // With no map rows in the ruleset: a row per layer, in order, one level deeper each, all files listed.
  assert.equal(
    renderWiringMap(orders, index.model.ruleset),
    [
      '# Orders — Wiring Map',
      '',
      '## Target State',
      '',
      '  └──→ Domain (1 files)',
      '         ├── order.py',
      '         │',
      '         └──→ Application (1 files)',
      '                ├── place_order.py',
      '                │',
      '                └──→ Adapters (2 files)',
      '                       ├── cli_debug.py',
      '                       ├── sql_repository.py',
      '',
      '---',
      '',
      '## Violations',
      '',
      '| File | Import | Rule Broken | Fix |',
      '|------|--------|-------------|-----|',
      '| `order.py` | `import pdb` | No debugger in shipped code | Remove the breakpoint |',
      '| `order.py` | `from sqlalchemy import Column` | The domain model depends on nothing | Define a port in the domain and implement it in an adapter |',
      '| `order.py` | `from ..application.place_order import PlaceOrder` | The domain model depends on nothing | Define a port in the domain and implement it in an adapter |',
      '| `place_order.py` | `from shop.contexts.orders.adapters.sql_repository import Sql` | Use cases depend on ports, not adapters | Depend on the port the adapter implements |',
      "| `place_order.py` | `from shop.contexts.payments.application.charge import Charge` | A context reaches another only through its api | Import the other context's application.api |",
      '| `place_order.py` | `from sqlalchemy.orm import Session` | Use cases never hold a database session | Ask the repository port |',
      '| `place_order.py` | `from sqlalchemy.orm import Session` | Use cases never hold a database session | Ask the repository port |',
      '| `place_order.py` | `import pdb` | No debugger in shipped code | Remove the breakpoint |',
      "| `sql_repository.py` | `from ...payments.domain.payment import Payment` | A context reaches another only through its api | Import the other context's application.api |",
      '',
    ].join('\n'),
  );
});
