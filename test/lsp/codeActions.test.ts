import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TopologyResult } from '../../server/src/protocol/strataProtocol';
import { LspClient, uri, type CodeAction, type Diagnostic } from '../support/lspClient';
import { fixturesDir, hocBackend } from '../support/paths';
import { copyTree, tempDir } from '../support/tempTree';

const quickfixFixture = path.join(fixturesDir, 'lsp-quickfix');

function workspace(fixture: string): { root: string; app: string; at: (rel: string) => string } {
  const root = copyTree(fixture);
  const app = path.join(root, 'backend', 'app');
  return { root, app, at: (rel) => path.join(app, rel) };
}

/** The code actions offered for one diagnostic, as an editor asks for them (cursor on it, diagnostic in context). */
async function actionsFor(client: LspClient, file: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return client.codeActions(file, diagnostic.range, [diagnostic]);
}

function titled(actions: CodeAction[], title: string): CodeAction {
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no action "${title}" among: ${actions.map((a) => a.title).join(' | ')}`);
  return action;
}

const read = (file: string) => fs.readFileSync(file, 'utf8');

test('L2 → L5: "Route through a new L3 Adapter" creates the adapter, rewrites the import, clears the diagnostic', async () => {
  const { root, at } = workspace(hocBackend);
  const telemetry = at('hoc/api/cus/integrations/cus_telemetry.py');
  const client = await LspClient.start([root]);
  try {
    await client.open(telemetry);
    const [diagnostic] = client.diagnosticsOf(telemetry);
    const actions = await actionsFor(client, telemetry, diagnostic);
    const action = titled(actions, 'Route through a new L3 Adapter `cus_telemetry_service_adapter.py`');
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [diagnostic], 'attached to its diagnostic');
    const create = action.edit!.documentChanges!.find((c) => 'kind' in c && c.kind === 'create');
    assert.deepEqual(create && 'options' in create ? create.options : undefined, { overwrite: false, ignoreIfExists: true });

    await client.applyEdit(action.edit!);
    const adapter = at('hoc/cus/activity/L3_adapters/cus_telemetry_service_adapter.py');
    assert.equal(
      read(adapter),
      [
        '# Layer: L3 — Boundary Adapter',
        '# AUDIENCE: CUSTOMER',
        '# Role: Boundary to cus_telemetry_service.py: re-exports what L2 uses of it',
        '# Callers: cus_telemetry.py (L2 API)',
        '# Reference: HOC_LAYER_TOPOLOGY_V1.md',
        '#',
        '# ADAPTER CONTRACT:',
        '# - Translation + aggregation only',
        '# - No state mutation',
        '# - No retries',
        '# - No policy decisions',
        '',
        'from app.hoc.cus.activity.L5_engines.cus_telemetry_service import CusTelemetryService, TelemetryWindow',
        '',
        '__all__ = ["CusTelemetryService", "TelemetryWindow"]',
        '',
      ].join('\n'),
    );
    assert.match(read(telemetry), /^from app\.hoc\.cus\.activity\.L3_adapters\.cus_telemetry_service_adapter import CusTelemetryService, TelemetryWindow$/m);
    await client.waitForDiagnostics(telemetry, (d) => d.length === 0, 'after routing through the adapter');
    // The adapter is a proper L3 file of the engine's domain, with nothing to complain about.
    const info = await client.request<{ layer?: { id: string }; domain?: string }>('strata/fileInfo', { uri: uri(adapter) });
    assert.equal(info.layer?.id, 'L3_adapters');
    assert.equal(info.domain, 'activity');
    assert.deepEqual(client.diagnosticsOf(adapter), []);
  } finally {
    await client.stop();
  }
});

test('L2 → L5: an existing adapter gets the re-export appended; one that imports the engine is offered to open', async () => {
  const { root, at } = workspace(quickfixFixture);
  const admin = at('hoc/api/cus/orders/order_admin.py');
  const client = await LspClient.start([root]);
  try {
    const [billing, refund] = client.diagnosticsOf(admin);
    assert.match(billing.message, /billing_engine/);

    const refundActions = await actionsFor(client, admin, refund);
    const open = titled(refundActions, 'Open L3 Adapter `refunds_adapter.py`');
    assert.equal(open.edit, undefined);
    assert.equal(open.command!.command, 'strata.server.openFile');
    await client.executeCommand(open.command!.command, open.command!.arguments);
    const shown = await client.waitFor(() => client.shownDocuments[0], 5000, 'showDocument');
    assert.equal(shown.uri, uri(at('hoc/cus/orders/L3_adapters/refunds_adapter.py')));
    assert.equal(shown.selection?.start.line, 5, 'the import of the engine is selected');
    titled(refundActions, 'Route through a new L3 Adapter `refund_adapter.py`');

    const billingActions = await actionsFor(client, admin, billing);
    await client.applyEdit(titled(billingActions, 'Route through L3 Adapter `billing_adapter.py`').edit!);
    assert.equal(
      read(at('hoc/cus/orders/L3_adapters/billing_adapter.py')),
      [
        '# Layer: L3 — Boundary Adapter',
        '# AUDIENCE: CUSTOMER',
        '# Role: billing boundary',
        '# Reference: HOC_LAYER_TOPOLOGY_V1.md',
        '',
        'from app.hoc.cus.orders.L5_schemas.invoice import Invoice',
        '',
        '__all__ = ["Invoice"]',
        '',
        'from app.hoc.cus.orders.L5_engines.billing_engine import BillingEngine',
        '__all__ += ["BillingEngine"]',
        '',
      ].join('\n'),
    );
    assert.match(read(admin), /^from app\.hoc\.cus\.orders\.L3_adapters\.billing_adapter import BillingEngine$/m);
    const after = await client.waitForDiagnostics(admin, (d) => d.length === 1, 'with only the refund import left');
    assert.match(after.diagnostics[0].message, /refund_engine/);
  } finally {
    await client.stop();
  }
});

/** A new driver as spec §5 has it: header, the moved imports, the class taking the session. */
function driverText(source: string, imports: string[], className: string): string {
  return [
    '# Layer: L6 — Database Driver',
    '# AUDIENCE: CUSTOMER',
    `# Role: Database access for ${source}`,
    `# Callers: ${source} (L5 Engine)`,
    '# Reference: HOC_LAYER_TOPOLOGY_V1.md',
    '#',
    '# DRIVER CONTRACT:',
    '# - Returns domain objects, not ORM models',
    '# - Owns query logic',
    '# - Owns data shape transformation',
    '',
    ...imports,
    '',
    '',
    `class ${className}:`,
    `    """Database access for ${source}: its queries move here and return domain objects."""`,
    '',
    '    def __init__(self, session: Session):',
    '        self.session = session',
    '',
  ].join('\n');
}

/** The comment "Create L6 Driver" leaves where an import was. */
const moved = (statement: string, driver: string) => `# strata: moved "${statement}" to ${driver}: move the code that uses it there`;

/** cus_health_engine.py (hoc-backend) once "Create L6 Driver" moved its imports: a comment in place of each. */
const HEALTH_ENGINE_AFTER = [
  '# Layer: L5 — Domain Engine',
  '# AUDIENCE: CUSTOMER',
  '# Role: cus health engine',
  '# Reference: HOC_LAYER_TOPOLOGY_V1.md',
  '',
  '',
  'from datetime import datetime, timezone',
  '',
  moved('from sqlmodel import Session, select', 'L6_drivers/cus_health_driver.py'),
  '',
  moved('from app.db import get_engine', 'L6_drivers/cus_health_driver.py'),
  moved('from app.models.cus_models import CusHealthState, CusIntegration', 'L6_drivers/cus_health_driver.py'),
  '',
  '',
  'class CusHealthEngine:',
  '    """Computes integration health. Still reads the DB itself: the map flags it."""',
  '',
  '    def check(self, integration_id: int) -> bool:',
  '        with Session(get_engine()) as session:',
  '            state = session.exec(select(CusHealthState).where(CusHealthState.integration_id == integration_id)).first()',
  '            return bool(state and state.healthy)',
  '',
  '    def checked_at(self) -> datetime:',
  '        return datetime.now(timezone.utc)',
  '',
].join('\n');

test('DB imports in L5: "Create L6 Driver" moves the imports into a new driver, clears their diagnostics, opens it beside, closes the gap', async () => {
  const { root, at } = workspace(hocBackend);
  const health = at('hoc/cus/integrations/L5_engines/cus_health_engine.py');
  const client = await LspClient.start([root]);
  try {
    await client.open(health);
    const diagnostics = client.diagnosticsOf(health);
    assert.equal(diagnostics.length, 3);
    for (const d of diagnostics) titled(await actionsFor(client, health, d), 'Create L6 Driver `cus_health_driver.py`');
    const action = titled(await actionsFor(client, health, diagnostics[0]), 'Create L6 Driver `cus_health_driver.py`');
    assert.deepEqual(
      action.diagnostics!.map((d) => [d.code, d.range.start.line]),
      diagnostics.map((d) => [d.code, d.range.start.line]),
      'it answers the diagnostics of every statement it moves',
    );
    // One WorkspaceEdit (one undo step): the driver created, filled, and the engine's imports replaced.
    const driver = at('hoc/cus/integrations/L6_drivers/cus_health_driver.py');
    const changes = action.edit!.documentChanges!;
    assert.deepEqual(
      changes.map((c) => ('kind' in c ? (c.kind === 'create' ? [c.kind, c.uri, c.options] : [c.kind]) : [c.textDocument.uri, c.textDocument.version])),
      [['create', uri(driver), { overwrite: false, ignoreIfExists: true }], [uri(driver), null], [uri(health), 1]],
    );
    await client.applyEdit(action.edit!);
    await client.executeCommand(action.command!.command, action.command!.arguments);
    assert.equal(
      read(driver),
      driverText(
        'cus_health_engine.py',
        ['from sqlmodel import Session, select', 'from app.db import get_engine', 'from app.models.cus_models import CusHealthState, CusIntegration'],
        'CusHealthDriver',
      ),
    );
    assert.equal(read(health), HEALTH_ENGINE_AFTER);
    assert.equal(client.textOf(health), read(health), 'the open document got the same edit');
    // The server re-checks the edited document: the moved statements' diagnostics are gone.
    await client.waitForDiagnostics(health, (d) => d.length === 0, 'after the imports moved to the driver');
    const shown = await client.waitFor(() => client.shownDocuments[0], 5000, 'showDocument');
    assert.equal(shown.uri, uri(driver));
    assert.deepEqual(action.command!.arguments![1], { beside: true });

    // The engine now has its driver: the topology pairs them and the gap is gone.
    const integrations = await waitForTopology(client, (t) => {
      const d = t.domains.find((x) => x.domain === 'integrations')!;
      const engine = d.layers.find((l) => l.id === 'L5_engines')!.files.find((f) => f.name === 'cus_health_engine.py')!;
      return engine.counterpart!.files.length === 1 ? d : undefined;
    });
    assert.ok(!integrations.gaps.some((g) => g.description.startsWith('cus_health_engine.py')));
    // The driver holds what the engine may not: it is a clean L6 file.
    assert.deepEqual(client.diagnosticsOf(driver), []);
  } finally {
    await client.stop();
  }
});

test('the createCounterpart command (CodeLens, tree gap, palette) applies the very edit of "Create L6 Driver": imports moved, diagnostics clear', async () => {
  const { root, at } = workspace(hocBackend);
  const health = at('hoc/cus/integrations/L5_engines/cus_health_engine.py');
  const driver = at('hoc/cus/integrations/L6_drivers/cus_health_driver.py');
  const client = await LspClient.start([root]);
  try {
    await client.open(health);
    const diagnostics = client.diagnosticsOf(health);
    assert.equal(diagnostics.length, 3);
    const action = titled(await actionsFor(client, health, diagnostics[0]), 'Create L6 Driver `cus_health_driver.py`');

    const created = await client.executeCommand<{ uri: string; created: boolean }>('strata.server.createCounterpart', [uri(health)]);
    assert.deepEqual(created, { uri: uri(driver), created: true });
    // One WorkspaceEdit, the quick-fix's own (same label as its title), then the driver shown.
    assert.equal(client.appliedEdits.length, 1);
    assert.deepEqual(client.appliedEdits[0], { label: action.title, edit: action.edit });
    assert.deepEqual(client.shownDocuments.map((d) => d.uri), [uri(driver)]);
    assert.match(read(driver), /^from sqlmodel import Session, select\nfrom app\.db import get_engine\n/m);
    assert.equal(read(health), HEALTH_ENGINE_AFTER, 'a comment in place of each moved import');
    await client.waitFor(() => client.textOf(health) === HEALTH_ENGINE_AFTER, 5000, 'the open document to get the edit');
    await client.waitForDiagnostics(health, (d) => d.length === 0, 'after the command moved the imports');
    const integrations = await waitForTopology(client, (t) => {
      const d = t.domains.find((x) => x.domain === 'integrations')!;
      const engine = d.layers.find((l) => l.id === 'L5_engines')!.files.find((f) => f.name === 'cus_health_engine.py')!;
      return engine.counterpart!.files.length === 1 && engine.violationCount === 0 ? d : undefined;
    });
    assert.ok(!integrations.gaps.some((g) => g.description.startsWith('cus_health_engine.py')));

    // Again: the driver exists, so it is only opened; the engine is left alone.
    const again = await client.executeCommand<{ uri: string; created: boolean }>('strata.server.createCounterpart', [uri(health)]);
    assert.deepEqual(again, { uri: uri(driver), created: false });
    assert.equal(client.appliedEdits.length, 1);
    assert.deepEqual(client.shownDocuments.map((d) => d.uri), [uri(driver), uri(driver)]);
    assert.equal(read(health), HEALTH_ENGINE_AFTER);
  } finally {
    await client.stop();
  }
});

const STOCK_ENGINE = 'hoc/cus/orders/L5_engines/stock_engine.py';
const STOCK_DRIVER = 'hoc/cus/orders/L6_drivers/stock_driver.py';

test('"Create L6 Driver" moves every offending statement: parenthesised, `;`-shared, lazy ones; TYPE_CHECKING ones stay', async () => {
  const { root, at } = workspace(quickfixFixture);
  const engine = at(STOCK_ENGINE);
  const client = await LspClient.start([root]);
  try {
    await client.open(engine);
    const diagnostics = client.diagnosticsOf(engine);
    assert.deepEqual(diagnostics.map((d) => d.code), ['L5-sqlalchemy', 'L5-sqlmodel', 'L5-L7', 'L5-sqlalchemy', 'L5-sqlalchemy']);
    // Asked about the lazy import deep in the file: it still moves them all.
    const action = titled(await actionsFor(client, engine, diagnostics[3]), 'Create L6 Driver `stock_driver.py`');
    await client.applyEdit(action.edit!);
    assert.equal(
      read(at(STOCK_DRIVER)),
      driverText(
        'stock_engine.py',
        [
          'from sqlalchemy import func',
          'from sqlmodel import Session, select',
          'from app.models.orders import Order as OrderRow',
          'from sqlalchemy import desc',
          'from sqlalchemy.exc import IntegrityError',
        ],
        'StockDriver',
      ),
    );
    const to = 'L6_drivers/stock_driver.py';
    assert.equal(
      read(engine),
      [
        '# Layer: L5 — Domain Engine',
        '# AUDIENCE: CUSTOMER',
        '# Role: stock levels (reads the DB itself: "Create L6 Driver" moves its imports out)',
        '# Reference: HOC_LAYER_TOPOLOGY_V1.md',
        '',
        'from __future__ import annotations',
        '',
        'import logging',
        moved('from sqlalchemy import func', to),
        'from typing import TYPE_CHECKING',
        '',
        moved('from sqlmodel import Session, select', to),
        moved('from app.models.orders import Order as OrderRow', to),
        'import json',
        '',
        'if TYPE_CHECKING:',
        '    from sqlmodel import SQLModel',
        '',
        'log = logging.getLogger(__name__)',
        '',
        '',
        'class StockEngine:',
        '    def level(self, session: Session, sku: str) -> int:',
        `        ${moved('from sqlalchemy import desc', to)}`,
        '',
        '        rows = session.exec(select(func.count(OrderRow.id)).order_by(desc(OrderRow.id))).all()',
        '        log.info(json.dumps({"sku": sku}))',
        '        return len(rows)',
        '',
        '    def reserve(self, sku: str) -> bool:',
        '        try:',
        `            pass  ${moved('from sqlalchemy.exc import IntegrityError', to)}`,
        '        except ImportError:',
        '            return False',
        '        return IntegrityError is not None',
        '',
        '    def describe(self, model: SQLModel) -> str:',
        '        return type(model).__name__',
        '',
      ].join('\n'),
    );
    // Each run of touched lines is its own edit: the lines between are left alone.
    const engineEdit = action.edit!.documentChanges!.find((c) => !('kind' in c) && c.textDocument.uri === uri(engine));
    assert.ok(engineEdit && 'edits' in engineEdit);
    assert.deepEqual(engineEdit.edits.map((e) => [e.range.start.line, e.range.end.line]), [[7, 8], [10, 15], [24, 25], [32, 33]]);
    await client.waitForDiagnostics(engine, (d) => d.length === 0, 'after the move');
    assert.deepEqual(client.diagnosticsOf(at(STOCK_DRIVER)), []);
  } finally {
    await client.stop();
  }
});

test('"Create L6 Driver" with strata.moduleLevelOnly: lazy imports are not counted, so they stay where they are', async () => {
  const { root, at } = workspace(quickfixFixture);
  const engine = at(STOCK_ENGINE);
  const client = await LspClient.start([root], { settings: { moduleLevelOnly: true } });
  try {
    await client.open(engine);
    const diagnostics = await client.waitForDiagnostics(engine, (d) => d.length === 3, 'the module-level ones only');
    await client.applyEdit(titled(await actionsFor(client, engine, diagnostics.diagnostics[0]), 'Create L6 Driver `stock_driver.py`').edit!);
    const text = read(engine);
    assert.match(text, /^ {8}from sqlalchemy import desc {2}# only this query sorts$/m);
    assert.match(text, /^ {8}try:\n {12}from sqlalchemy\.exc import IntegrityError\n/m);
    assert.equal((text.match(/^# strata: moved /gm) ?? []).length, 3);
    assert.doesNotMatch(read(at(STOCK_DRIVER)), /import desc|IntegrityError/);
    await client.waitForDiagnostics(engine, (d) => d.length === 0, 'after the move');
  } finally {
    await client.stop();
  }
});

test('"Open matching L6 Driver" where one exists; the TYPE_CHECKING move where it is safe, and only there', async () => {
  const { root, at } = workspace(quickfixFixture);
  const client = await LspClient.start([root]);
  try {
    const billing = at('hoc/cus/orders/L5_engines/billing_engine.py');
    const [billingDiagnostic] = client.diagnosticsOf(billing);
    const billingActions = await actionsFor(client, billing, billingDiagnostic);
    const open = titled(billingActions, 'Open matching L6 Driver `billing_driver.py`');
    assert.deepEqual(open.command!.arguments, [uri(at('hoc/cus/orders/L6_drivers/billing_driver.py')), { beside: true }]);
    assert.ok(!billingActions.some((a) => a.title.startsWith('Create')));

    // String annotation only, no typing import yet: the import and the block are added.
    await client.open(billing);
    await client.applyEdit(titled(billingActions, 'Move import under `if TYPE_CHECKING:`').edit!);
    assert.equal(
      read(billing),
      [
        '# Layer: L5 — Domain Engine',
        '# AUDIENCE: CUSTOMER',
        '# Role: billing',
        '# Reference: HOC_LAYER_TOPOLOGY_V1.md',
        '',
        '"""Billing. The session type is only named in a string annotation."""',
        '',
        'from typing import TYPE_CHECKING',
        'import logging',
        '',
        'if TYPE_CHECKING:',
        '    from sqlalchemy.orm import Session',
        '',
        'log = logging.getLogger(__name__)',
        '',
        '',
        'class BillingEngine:',
        '    def bill(self, session: "Session") -> None:',
        '        log.info("billing")',
        '',
      ].join('\n'),
    );
    await client.waitForDiagnostics(billing, (d) => d.length === 0, 'after the move');

    // `from __future__ import annotations`: signature annotations are safe; the model used at run time is not offered.
    const pricing = at('hoc/cus/orders/L5_engines/pricing_engine.py');
    const [sqlmodel, models] = client.diagnosticsOf(pricing);
    assert.ok(!(await actionsFor(client, pricing, models)).some((a) => a.title.startsWith('Move import')), 'Order runs: no move');
    await client.applyEdit(titled(await actionsFor(client, pricing, sqlmodel), 'Move import under `if TYPE_CHECKING:`').edit!);
    assert.match(read(pricing), /from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\nfrom app\.models\.orders import Order\n\nif TYPE_CHECKING:\n    from sqlmodel import Session\n\n\nclass PricingEngine:/);
    await client.waitForDiagnostics(pricing, (d) => d.length === 1 && d[0].code === 'L5-L7', 'with the run-time import left');

    // An existing block takes the import.
    const refund = at('hoc/cus/orders/L5_engines/refund_engine.py');
    const [refundDiagnostic] = client.diagnosticsOf(refund);
    await client.applyEdit(titled(await actionsFor(client, refund, refundDiagnostic), 'Move import under `if TYPE_CHECKING:`').edit!);
    assert.match(read(refund), /\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from app\.models\.orders import Order\n    from decimal import Decimal\n\n\nclass RefundEngine:/);
    await client.waitForDiagnostics(refund, (d) => d.length === 0, 'after the move');

    // A decorator that may read annotations at run time: not offered.
    const ledger = at('hoc/cus/orders/L5_engines/ledger_engine.py');
    const [ledgerDiagnostic] = client.diagnosticsOf(ledger);
    assert.ok(!(await actionsFor(client, ledger, ledgerDiagnostic)).some((a) => a.title.startsWith('Move import')));
  } finally {
    await client.stop();
  }
});

test('"Ignore here" adds the comment on the import\'s line and silences exactly that diagnostic', async () => {
  const { root, at } = workspace(hocBackend);
  const client = await LspClient.start([root]);
  try {
    const dispatcher = at('hoc/cus/integrations/L5_engines/dispatcher.py');
    const [diagnostic] = client.diagnosticsOf(dispatcher);
    await client.applyEdit(titled(await actionsFor(client, dispatcher, diagnostic), 'Ignore here: `# strata: ignore[L5-DB]`').edit!);
    assert.match(read(dispatcher), /^ {8}from app\.db import get_session {2}# strata: ignore\[L5-DB\]$/m);
    await client.waitForDiagnostics(dispatcher, (d) => d.length === 0, 'after the ignore comment');

    const health = at('hoc/cus/integrations/L5_engines/cus_health_engine.py');
    const l7 = client.diagnosticsOf(health).find((d) => d.code === 'L5-L7')!;
    const actions = await actionsFor(client, health, l7);
    assert.ok(actions.every((a) => !a.title.includes('ignore[L5-DB]')), 'only the actions of the diagnostic asked about');
    await client.applyEdit(titled(actions, 'Ignore here: `# strata: ignore[L5-L7]`').edit!);
    await client.waitForDiagnostics(health, (d) => d.length === 2 && !d.some((x) => x.code === 'L5-L7'), 'with the other two left');
  } finally {
    await client.stop();
  }
});

test('"Build L2.1 facade" for an L2 file of a domain without one: the routers grouped, the gap gone', async () => {
  const { root, at } = workspace(hocBackend);
  const client = await LspClient.start([root]);
  try {
    const session = at('hoc/api/cus/integrations/session_context.py');
    const actions = await client.codeActions(session, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const action = titled(actions, 'Build L2.1 Facade for `integrations`');
    await client.applyEdit(action.edit!);
    const facade = at('hoc/api/facades/cus/integrations.py');
    assert.equal(
      read(facade),
      [
        '# Layer: L2.1 — API Facade',
        '# AUDIENCE: CUSTOMER',
        '# Role: Groups the L2 API routers of integrations',
        '# Callers: the application router registration',
        '# Reference: HOC_LAYER_TOPOLOGY_V1.md',
        '#',
        '# FACADE CONTRACT:',
        '# - Groups the L2 routers of one domain',
        '# - No business logic',
        '',
        'from app.hoc.api.cus.integrations import cus_telemetry',
        'from app.hoc.api.cus.integrations import protection_dependencies',
        'from app.hoc.api.cus.integrations import session_context',
        '',
        'routers = [',
        '    cus_telemetry.router,',
        ']',
        '',
      ].join('\n'),
    );
    const domain = await waitForTopology(client, (t) => {
      const d = t.domains.find((x) => x.domain === 'integrations')!;
      return d.layers[0].state === 'present' ? d : undefined;
    });
    assert.ok(!domain.gaps.some((g) => g.type === 'L2.1_facade'));
    const map = await client.request<{ markdown: string }>('strata/wiringMap', { audience: 'cus', domain: 'integrations' });
    assert.match(map.markdown, /^L2\.1 Facade: `hoc\/api\/facades\/cus\/integrations\.py` ✅$/m);
    const again = await client.codeActions(session, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.ok(!again.some((a) => a.title.startsWith('Build')), 'not offered once the facade exists');
  } finally {
    await client.stop();
  }
});

test('a quick-fix never overwrites a file, nor creates one outside the workspace folder', async () => {
  const { root, at } = workspace(hocBackend);
  // Files the server has not been told about.
  const driver = at('hoc/cus/integrations/L6_drivers/cus_health_driver.py');
  const facade = at('hoc/api/facades/cus/integrations.py');
  const adapter = at('hoc/cus/activity/L3_adapters/cus_telemetry_service_adapter.py');
  const client = await LspClient.start([root]);
  try {
    for (const [file, text] of [[driver, '# mine\n'], [facade, '# mine too\n'], [adapter, 'X = 1\n']]) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    const health = at('hoc/cus/integrations/L5_engines/cus_health_engine.py');
    const healthActions = await actionsFor(client, health, client.diagnosticsOf(health)[0]);
    assert.ok(!healthActions.some((a) => a.title.startsWith('Create')));
    titled(healthActions, 'Open L6 Driver `cus_health_driver.py`');

    const telemetry = at('hoc/api/cus/integrations/cus_telemetry.py');
    const telemetryActions = await actionsFor(client, telemetry, client.diagnosticsOf(telemetry)[0]);
    assert.ok(!telemetryActions.some((a) => a.title.startsWith('Build')), 'no facade over an existing file');
    await client.applyEdit(titled(telemetryActions, 'Route through L3 Adapter `cus_telemetry_service_adapter.py`').edit!);
    assert.match(read(adapter), /^X = 1\n\nfrom app\.hoc\.cus\.activity\.L5_engines\.cus_telemetry_service import CusTelemetryService, TelemetryWindow\n$/);

    // The commands say so, open the file, and leave it alone.
    const created = await client.executeCommand<{ uri: string; created: boolean }>('strata.server.createCounterpart', [uri(health)]);
    assert.deepEqual(created, { uri: uri(driver), created: false });
    const built = await client.executeCommand<{ uri: string; created: boolean }>('strata.server.createGroupFile', ['integrations', 'cus']);
    assert.deepEqual(built, { uri: uri(facade), created: false });
    assert.equal(read(driver), '# mine\n');
    assert.equal(read(facade), '# mine too\n');
    assert.equal(client.appliedEdits.length, 0);
  } finally {
    await client.stop();
  }

  // A driver folder that is a link to a folder outside the workspace: nothing is created through it.
  const linked = workspace(hocBackend);
  const outside = tempDir('strata-outside-');
  const drivers = linked.at('hoc/cus/integrations/L6_drivers');
  fs.cpSync(drivers, outside, { recursive: true });
  fs.rmSync(drivers, { recursive: true });
  fs.symlinkSync(outside, drivers);
  const second = await LspClient.start([linked.root]);
  try {
    const health = linked.at('hoc/cus/integrations/L5_engines/cus_health_engine.py');
    const actions = await actionsFor(second, health, second.diagnosticsOf(health)[0]);
    assert.ok(!actions.some((a) => a.title.startsWith('Create')), actions.map((a) => a.title).join(' | '));
    await assert.rejects(second.executeCommand('strata.server.createCounterpart', [uri(health)]), /outside the workspace folder/);
    assert.deepEqual(fs.readdirSync(outside).sort(), ['__init__.py', 'connector_registry.py', 'external_response_driver.py', 'worker_registry_driver.py']);
  } finally {
    await second.stop();
  }
});

test('a dangling symbolic link where a fix would create its file: nothing is offered, nothing is written where it points', async () => {
  const { root, at } = workspace(hocBackend);
  const outside = tempDir('strata-outside-');
  const driver = at('hoc/cus/integrations/L6_drivers/cus_health_driver.py');
  fs.symlinkSync(path.join(outside, 'cus_health_driver.py'), driver);
  const client = await LspClient.start([root]);
  try {
    const health = at('hoc/cus/integrations/L5_engines/cus_health_engine.py');
    const actions = await actionsFor(client, health, client.diagnosticsOf(health)[0]);
    assert.deepEqual(actions.map((a) => a.title), ['Ignore here: `# strata: ignore[L5-sqlmodel]`']);
    await assert.rejects(client.executeCommand('strata.server.createCounterpart', [uri(health)]), /cus_health_driver\.py is outside the workspace folder/);
    assert.deepEqual(fs.readdirSync(outside), []);
    assert.equal(client.appliedEdits.length, 0);
  } finally {
    await client.stop();
  }
});

test('a client that cannot create files in an edit gets the same fix through a server command', async () => {
  const { root, at } = workspace(hocBackend);
  // A client announcing documentChanges but no resource operations.
  const client = new LspClient({
    capabilities: { workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } }, window: { workDoneProgress: true, showDocument: { support: true } } },
  });
  await client.initialize([root]);
  try {
    await client.indexed();
    const telemetry = at('hoc/api/cus/integrations/cus_telemetry.py');
    await client.waitForDiagnostics(telemetry, (d) => d.length === 1, 'initially');
    const action = titled(await actionsFor(client, telemetry, client.diagnosticsOf(telemetry)[0]), 'Route through a new L3 Adapter `cus_telemetry_service_adapter.py`');
    assert.equal(action.edit, undefined);
    assert.equal(action.command!.command, 'strata.server.applyFix');
    await client.executeCommand(action.command!.command, action.command!.arguments);
    assert.match(read(at('hoc/cus/activity/L3_adapters/cus_telemetry_service_adapter.py')), /^# Layer: L3 — Boundary Adapter\n/);
    await client.waitForDiagnostics(telemetry, (d) => d.length === 0, 'after the server-side fix');

    // "Create L6 Driver" too: the server writes the driver, the client applies the engine's edit.
    const health = at('hoc/cus/integrations/L5_engines/cus_health_engine.py');
    await client.open(health);
    await client.waitForDiagnostics(health, (d) => d.length === 3, 'the engine\'s DB imports');
    const create = titled(await actionsFor(client, health, client.diagnosticsOf(health)[0]), 'Create L6 Driver `cus_health_driver.py`');
    assert.equal(create.edit, undefined);
    await client.executeCommand(create.command!.command, create.command!.arguments);
    assert.match(read(at('hoc/cus/integrations/L6_drivers/cus_health_driver.py')), /^from sqlmodel import Session, select$/m);
    assert.equal((read(health).match(/^# strata: moved "/gm) ?? []).length, 3);
    await client.waitForDiagnostics(health, (d) => d.length === 0, 'after the server-side driver fix');
  } finally {
    await client.stop();
  }

  // The createCounterpart command, in such a client, does the same: driver written, engine edited.
  const second = workspace(hocBackend);
  const other = new LspClient({
    capabilities: { workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } }, window: { workDoneProgress: true, showDocument: { support: true } } },
  });
  await other.initialize([second.root]);
  try {
    await other.indexed();
    const health = second.at('hoc/cus/integrations/L5_engines/cus_health_engine.py');
    const driver = second.at('hoc/cus/integrations/L6_drivers/cus_health_driver.py');
    await other.waitForDiagnostics(health, (d) => d.length === 3, 'the engine\'s DB imports');
    const created = await other.executeCommand<{ uri: string; created: boolean }>('strata.server.createCounterpart', [uri(health)]);
    assert.deepEqual(created, { uri: uri(driver), created: true });
    assert.match(read(driver), /^class CusHealthDriver:$/m);
    assert.equal(read(health), HEALTH_ENGINE_AFTER);
    await other.waitForDiagnostics(health, (d) => d.length === 0, 'after the server-side createCounterpart');
    assert.deepEqual(other.shownDocuments.map((d) => d.uri), [uri(driver)]);
  } finally {
    await other.stop();
  }
});

/** Asks for the topology until `pick` finds what it wants, asking again after each `strata/topologyChanged`. */
async function waitForTopology<T>(client: LspClient, pick: (t: TopologyResult) => T | undefined, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = client.topologyChanges.length;
    const value = pick(await client.request<TopologyResult>('strata/topology', {}));
    if (value !== undefined) return value;
    await client.waitFor(() => client.topologyChanges.length > seen, Math.max(1, deadline - Date.now()), 'a topology change');
  }
}

test('L6 import in L2: the imported driver is the matching one; DB imports in L3 name a driver after the adapter', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    const at = (rel: string) => path.join(hocBackend, 'backend', 'app', rel);
    const protection = at('hoc/api/cus/integrations/protection_dependencies.py');
    const open = titled(await actionsFor(client, protection, client.diagnosticsOf(protection)[0]), 'Open matching L6 Driver `external_response_driver.py`');
    assert.deepEqual(open.command!.arguments, [uri(at('hoc/cus/integrations/L6_drivers/external_response_driver.py')), { beside: true }]);
    const keys = at('hoc/cus/integrations/L3_adapters/customer_keys_adapter.py');
    const create = titled(await actionsFor(client, keys, client.diagnosticsOf(keys)[0]), 'Create L6 Driver `customer_keys_driver.py`');
    const content = create.edit!.documentChanges!.flatMap((c) => ('edits' in c ? c.edits.map((e) => e.newText) : []))[0];
    assert.match(content, /^# Role: Database access for customer_keys_adapter\.py\n# Callers: customer_keys_adapter\.py \(L3 Adapter\)$/m);
    assert.match(content, /^from sqlmodel import Session\n\n\nclass CustomerKeysDriver:$/m);
    // The adapter's sqlmodel import moves there, a comment in its place.
    const adapterEdit = create.edit!.documentChanges!.find((c) => !('kind' in c) && c.textDocument.uri === uri(keys));
    assert.ok(adapterEdit && 'edits' in adapterEdit);
    assert.deepEqual(adapterEdit.edits, [
      { range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, newText: `${moved('from sqlmodel import Session', 'L6_drivers/customer_keys_driver.py')}\n` },
    ]);
    // Only `quickfix` is offered, and asking for another kind gets nothing.
    assert.deepEqual(await client.codeActions(keys, client.diagnosticsOf(keys)[0].range, [], ['refactor']), []);
  } finally {
    await client.stop();
  }
});
