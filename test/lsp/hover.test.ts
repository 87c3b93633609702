import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { LspClient, uri } from '../support/lspClient';
import { hocBackend } from '../support/paths';

const at = (rel: string) => path.join(hocBackend, 'backend', 'app', rel);
const telemetry = at('hoc/api/cus/integrations/cus_telemetry.py');
const protection = at('hoc/api/cus/integrations/protection_dependencies.py');
const sessionContext = at('hoc/api/cus/integrations/session_context.py');
const dispatcher = at('hoc/cus/integrations/L5_engines/dispatcher.py');

test('hover on imports: what the target is (layer, domain, audience) and the verdict with its fix', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    const text = async (file: string, line: number, character: number) => (await client.hover(file, { line, character }))?.contents.value;

    const forbidden = await client.hover(telemetry, { line: 8, character: 30 });
    assert.equal(forbidden?.contents.kind, 'markdown');
    assert.deepEqual(forbidden?.range, { start: { line: 8, character: 5 }, end: { line: 8, character: 58 } });
    assert.equal(
      forbidden?.contents.value,
      `[\`app.hoc.cus.activity.L5_engines.cus_telemetry_service\`](${uri(at('hoc/cus/activity/L5_engines/cus_telemetry_service.py'))}) is an L5 Engine (activity) · CUSTOMER\n\n` +
        '✖ **L2-L5** L2 MUST NOT import L5 directly  \nFix: Route through L3 adapter',
    );
    // Anywhere on the statement, the names included.
    assert.match((await text(telemetry, 8, 80))!, /✖ \*\*L2-L5\*\*/);

    assert.match((await text(protection, 20, 60))!, /is an L6 Driver \(integrations\) · CUSTOMER\n\n✖ \*\*L2-L6\*\* L2 MUST NOT import L6 \(imported inside `protection_audit_log\(\)`\)  \nFix: Route through L3 → L5 → L6/);
    assert.match((await text(protection, 10, 40))!, /is an L3 Adapter \(integrations\) · CUSTOMER\n\n✔ \*\*allowed\*\* for an L2 API$/);
    assert.equal(await text(protection, 8, 6), '`fastapi` is an external package\n\n✔ **allowed** for an L2 API');
    assert.match((await text(dispatcher, 18, 15))!, /^\[`app\.db`\]\(file:.*\/app\/db\.py\) is not in any layer\n\n✖ \*\*L5-DB\*\* L5 MUST NOT access DB directly/);
    assert.match((await text(sessionContext, 13, 12))!, /is an L7 Model \(shared\)\n\n✔ \*\*exempt\*\*: under `TYPE_CHECKING`, never runs$/);
    // Lines that are no import (and not the first line) have no hover.
    assert.equal(await client.hover(telemetry, { line: 10, character: 2 }), null);
  } finally {
    await client.stop();
  }
});

test('hover on the first line: the file\'s layer, domain, audience, and what its layer may and may not import', async () => {
  const client = await LspClient.start([hocBackend]);
  try {
    const hover = await client.hover(telemetry, { line: 0, character: 3 });
    assert.equal(
      hover?.contents.value,
      [
        '**L2 API · integrations · CUSTOMER**: `app.hoc.api.cus.integrations.cus_telemetry`  ',
        'HTTP route handlers',
        '',
        '**May import:** L2.1 Facade, L2 API, L3 Adapters, L4 Runtime, L5 Schemas, L5 Other, other packages  ',
        '**May not import:**',
        '- L5 Engines: L2 MUST NOT import L5 directly → Route through L3 adapter (`L2-L5`)',
        '- L6 Drivers: L2 MUST NOT import L6 → Route through L3 → L5 → L6 (`L2-L6`)',
        '- L7 Models: L2 MUST NOT import L7 models → Use L5 schemas or response models (`L2-L7`)',
      ].join('\n'),
    );
    assert.deepEqual(hover?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 17 } });
    const engine = await client.hover(dispatcher, { line: 0, character: 0 });
    assert.match(engine!.contents.value, /^\*\*L5 Engine · integrations · CUSTOMER\*\*/);
    assert.match(engine!.contents.value, /other packages except `sqlmodel`, `sqlalchemy`, `app\.db…`/);
    assert.match(engine!.contents.value, /- `app\.db…`: L5 MUST NOT access DB directly → Use L6 driver for DB access \(`L5-DB`\)/);
    const driver = await client.hover(at('hoc/cus/integrations/L6_drivers/connector_registry.py'), { line: 0, character: 0 });
    assert.match(driver!.contents.value, /\*\*May import\*\* anything: no rule restricts this layer\.$/);
    const db = await client.hover(at('db.py'), { line: 0, character: 0 });
    assert.equal(db!.contents.value, "**Not in any layer**: `app.db`  \nStrata does not check this file's imports.");
  } finally {
    await client.stop();
  }
});

test('hover follows the editor text: a silenced import says so, and moduleLevelOnly says what it skips', async () => {
  const client = await LspClient.start([hocBackend], { settings: { moduleLevelOnly: true } });
  try {
    const lazy = await client.hover(dispatcher, { line: 18, character: 15 });
    assert.match(lazy!.contents.value, /✔ not checked: imported inside `replay\(\)` \(`strata\.moduleLevelOnly`\)$/);
    await client.open(telemetry);
    const lines = client.textOf(telemetry)!.split('\n');
    lines[8] += '  # strata: ignore[L2-L5]';
    await client.change(telemetry, lines.join('\n'));
    await client.waitForDiagnostics(telemetry, (d) => d.length === 0, 'silenced');
    const hover = await client.hover(telemetry, { line: 8, character: 30 });
    assert.match(hover!.contents.value, /✔ silenced here by `# strata: ignore\[L2-L5\]` \(L2 MUST NOT import L5 directly\)$/);
  } finally {
    await client.stop();
  }
});
