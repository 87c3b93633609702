import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileInfoResult, TopologyResult } from '../../server/src/protocol/strataProtocol';
import { FileChange, LspClient, uri } from '../support/lspClient';
import { fixturesDir } from '../support/paths';
import { copyTree, tempTree } from '../support/tempTree';
import { runCliInProcess } from '../support/runCliInProcess';

/** A layout Strata has never seen, configured only by `[tool.strata]` in its pyproject.toml. */
const hexagonalShop = path.join(fixturesDir, 'hexagonal-shop');

async function topology(client: LspClient): Promise<TopologyResult> {
  return client.request<TopologyResult>('strata/topology', {});
}

/** Asks for the topology until `pick` finds what it wants, asking again after each `strata/topologyChanged`. */
async function waitForTopology<T>(client: LspClient, pick: (t: TopologyResult) => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const seen = client.topologyChanges.length;
    const value = pick(await topology(client));
    if (value !== undefined) return value;
    await client.waitFor(() => client.topologyChanges.length > seen, Math.max(1, deadline - Date.now()), what);
  }
}

test('a [tool.strata] layout in the editor: domains without audiences, the config\'s labels in the tree, hover and fileInfo', async () => {
  const client = await LspClient.start([hexagonalShop]);
  try {
    const t = await topology(client);
    assert.deepEqual(t.sourceRoots, [uri(path.join(hexagonalShop, 'src'))]);
    assert.deepEqual(t.audiences, []);
    assert.deepEqual(t.domains.map((d) => [d.audience, d.domain]), [[undefined, 'orders'], [undefined, 'payments']]);
    const orders = t.domains[0];
    assert.deepEqual(orders.layers.map((l) => [l.id, l.label, l.heading, l.state, l.files.map((f) => f.name)]), [
      ['domain', 'Domain model', 'Domain', 'present', ['order.py']],
      ['application', 'Use case', 'Application', 'present', ['place_order.py']],
      ['adapters', 'Adapter', 'Adapters', 'present', ['cli_debug.py', 'sql_repository.py']],
    ]);

    const order = path.join(hexagonalShop, 'src/shop/contexts/orders/domain/order.py');
    const info = await client.request<FileInfoResult>('strata/fileInfo', { uri: uri(order) });
    assert.deepEqual([info.layer, info.domain, info.audience], [{ id: 'domain', label: 'Domain model', role: 'entities and business rules' }, 'orders', undefined]);
    const placeOrder = path.join(hexagonalShop, 'src/shop/contexts/orders/application/place_order.py');
    const hover = await client.hover(placeOrder, { line: 2, character: 20 });
    assert.equal(
      hover?.contents.value,
      `[\`shop.contexts.orders.adapters.sql_repository\`](${uri(path.join(hexagonalShop, 'src/shop/contexts/orders/adapters/sql_repository.py'))}) is an Adapter (orders)\n\n` +
        '✖ **use-ports** Use cases depend on ports, not adapters  \nFix: Depend on the port the adapter implements',
    );
  } finally {
    await client.stop();
  }
});

test('editing the config re-checks the workspace live; a broken config keeps the last good one, with a diagnostic at its line and one notification', async () => {
  const root = copyTree(hexagonalShop);
  const pyproject = path.join(root, 'pyproject.toml');
  const original = fs.readFileSync(pyproject, 'utf8');
  const placeOrder = path.join(root, 'src/shop/contexts/orders/application/place_order.py');
  const client = await LspClient.start([root]);
  const save = async (text: string) => {
    fs.writeFileSync(pyproject, text);
    await client.fileEvents([{ file: pyproject, type: FileChange.Changed }]);
  };
  try {
    const rulesBefore = client.diagnosticsOf(placeOrder).map((d) => d.code).sort();
    assert.ok(rulesBefore.includes('use-ports'), JSON.stringify(rulesBefore));

    // A new label and the use-ports rule switched off: the tree and the diagnostics follow, no restart.
    await save(original.replace('heading = "Application"', 'heading = "Use cases"').replace('severity = "warning"\nlazy = false', 'severity = "warning"\nlazy = false\nenabled = false'));
    const heading = await waitForTopology(client, (t) => {
      const h = t.domains[0]?.layers[1]?.heading;
      return h === 'Use cases' ? h : undefined;
    }, 'the new heading');
    assert.equal(heading, 'Use cases');
    await client.waitForDiagnostics(placeOrder, (d) => !d.some((x) => x.code === 'use-ports'), 'use-ports switched off');

    // Broken: a layer id that does not exist, on line 5 of the table. The last good config stays.
    const broken = original.replace('from = ["application"]\nforbid = [{ layers = ["adapters"] }]', 'from = ["aplication"]\nforbid = [{ layers = ["adapters"] }]');
    assert.notEqual(broken, original);
    await save(broken);
    const published = await client.waitForDiagnostics(pyproject, (d) => d.length > 0, 'a diagnostic on pyproject.toml');
    const line = broken.split('\n').findIndex((l) => l.includes('"aplication"'));
    assert.equal(line, 35);
    assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line, d.source, d.severity]), [[35, 'strata', 1]]);
    assert.match(published.diagnostics[0].message, /aplication/);
    await client.waitFor(() => client.messages.length === 1 || undefined, 5000, 'the notification');
    assert.match(client.messages[0].message, /^Strata: the config is broken \(pyproject\.toml:36: .*aplication.*\); checking with the last good config \(pyproject\.toml\) until it is mended\.$/);
    const kept = await topology(client);
    assert.equal(kept.domains[0].layers[1].heading, 'Use cases', 'the last good config is still in force');

    // Still broken after another save: no second notification.
    await save(broken + '\n# still broken\n');
    await client.waitForDiagnostics(pyproject, (d) => d.length === 1, 'the diagnostic again', client.published.length);
    assert.equal(client.messages.length, 1);

    // Mended: the diagnostic clears and the file's config applies.
    await save(original);
    await client.waitForDiagnostics(pyproject, (d) => d.length === 0, 'the config diagnostic to clear');
    await waitForTopology(client, (t) => (t.domains[0]?.layers[1]?.heading === 'Application' ? true : undefined), 'the original heading');
    await client.waitForDiagnostics(placeOrder, (d) => d.some((x) => x.code === 'use-ports'), 'use-ports back');
  } finally {
    await client.stop();
  }
});

test('quick-fix titles speak the config\'s words: the counterpart fix of a non-HOC ruleset names its layer by the config\'s label', async () => {
  const root = tempTree({
    'strata.toml': [
      'marker = "svc"',
      'domains = ["billing"]',
      '[layers.service]',
      'label = "Service"',
      'paths = ["app/svc/{domain}/services/**"]',
      '[layers.repository]',
      'label = "Repository"',
      'paths = ["app/svc/{domain}/repositories/**"]',
      '[rules.service-no-db]',
      'from = ["service"]',
      'forbid = [{ modules = ["sqlalchemy"] }]',
      'message = "Services never touch the database"',
      'fix = "Move it into the repository"',
      '[[counterparts]]',
      'from = "service"',
      'to = "repository"',
      'name = "{stem}_repository.py"',
      'strip-suffixes = ["_service"]',
      'needed-when = [{ modules = ["sqlalchemy"] }]',
      '[[gaps]]',
      'type = "repository"',
      'per-missing-counterpart = "service"',
      'description = "{file} reaches the database but has no repository"',
      'action = "Extract it to {name}"',
      'creates = "svc/{domain}/repositories/{name}"',
      '[fixes]',
      'move-to-counterpart = ["service-no-db"]',
      '',
    ].join('\n'),
    'src/app/__init__.py': '',
    'src/app/svc/billing/services/invoice_service.py': 'import sqlalchemy\n',
  });
  const client = await LspClient.start([root]);
  try {
    const service = path.join(root, 'src/app/svc/billing/services/invoice_service.py');
    await client.open(service);
    const published = await client.waitForDiagnostics(service, (d) => d.length === 1, 'the service-no-db diagnostic');
    const actions = await client.codeActions(service, published.diagnostics[0].range, published.diagnostics);
    assert.deepEqual(actions.map((a) => a.title).filter((t) => !t.startsWith('Ignore')), ['Create Repository `invoice_repository.py`']);
    // Applied, it creates the repository where the gap says, with a class named as the layer is.
    await client.applyEdit(actions.find((a) => a.title.startsWith('Create'))!.edit!);
    const created = fs.readFileSync(path.join(root, 'src/app/svc/billing/repositories/invoice_repository.py'), 'utf8');
    assert.match(created, /^import sqlalchemy\n\n\nclass InvoiceRepository:\n/m);
  } finally {
    await client.stop();
  }
});

test("the config's exclude holds in the editor as in strata check: excluded files get no diagnostics, at indexing and when they appear", async () => {
  const engine = (domain: string, name: string) => `b/app/hoc/cus/${domain}/L5_engines/${name}`;
  const root = tempTree({
    'strata.toml': 'extends = "hoc-v1"\nexclude = ["b/app/hoc/cus/legacy", "*_old.py"]\n',
    [engine('x', 'a.py')]: 'import sqlalchemy\n',
    [engine('x', 'a_old.py')]: 'import sqlalchemy\n',
    [engine('legacy', 'c.py')]: 'import sqlalchemy\n',
  });
  const cli = JSON.parse(runCliInProcess(['check', root, '--format', 'json']).stdout) as { violations: { file: string }[] };
  assert.deepEqual(cli.violations.map((v) => v.file), [engine('x', 'a.py')]);
  const client = await LspClient.start([root]);
  try {
    await client.waitForDiagnostics(path.join(root, engine('x', 'a.py')), (d) => d.length === 1, 'the one violation not excluded');
    const showing = () => [...client.diagnostics].filter(([, p]) => p.diagnostics.length > 0).map(([u]) => path.relative(root, fileURLToPath(u)).split(path.sep).join('/')).sort();
    assert.deepEqual(showing(), [engine('x', 'a.py')]);
    // New files: one in the excluded folder, one excluded by name, one not excluded (seen last, in the same batch).
    for (const name of [engine('legacy', 'd.py'), engine('x', 'b_old.py'), engine('x', 'b.py')]) fs.writeFileSync(path.join(root, name), 'import sqlalchemy\n');
    await client.fileEvents([engine('legacy', 'd.py'), engine('x', 'b_old.py'), engine('x', 'b.py')].map((f) => ({ file: path.join(root, f), type: FileChange.Created })));
    await client.waitForDiagnostics(path.join(root, engine('x', 'b.py')), (d) => d.length === 1, 'the new file not excluded');
    assert.deepEqual(showing(), [engine('x', 'a.py'), engine('x', 'b.py')]);
  } finally {
    await client.stop();
  }
});

test("a rule's severity in the config is the diagnostic's: warning 2, info 3, error 1, as strata check reports them", async () => {
  const file = 'b/app/hoc/cus/x/L5_engines/a.py';
  const root = tempTree({
    'strata.toml': 'extends = "hoc-v1"\n[rules.L5-sqlalchemy]\nseverity = "warning"\n[rules.L5-L7]\nseverity = "info"\n',
    [file]: 'import sqlalchemy\nfrom app.models import m\nimport sqlmodel\n',
    'b/app/models/m.py': '',
  });
  const cli = JSON.parse(runCliInProcess(['check', root, '--format', 'json']).stdout) as { violations: { line: number; rule: string; severity: string }[] };
  assert.deepEqual(cli.violations.map((v) => `${v.line}:${v.rule}:${v.severity}`), ['1:L5-sqlalchemy:warning', '2:L5-L7:info', '3:L5-sqlmodel:error']);
  const client = await LspClient.start([root]);
  try {
    const published = await client.waitForDiagnostics(path.join(root, file), (d) => d.length === 3, 'the three violations');
    assert.deepEqual(published.diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}:${d.severity}`).sort(), ['0:L5-sqlalchemy:2', '1:L5-L7:3', '2:L5-sqlmodel:1']);
  } finally {
    await client.stop();
  }
});
