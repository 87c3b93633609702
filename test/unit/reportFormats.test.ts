import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder } from '../../server/src/host/analyzeFolder';
import type { CheckReport } from '../../server/src/core/report/checkReport';
import { lazyReportInput, type ReportContext } from '../../server/src/core/report/reporter';
import { REPORTERS, reporterNamed } from '../../server/src/core/report/reporters';
import { presetRuleset } from '../../server/src/core/ruleset/presets';
import { buildTopology } from '../../server/src/core/topology/buildTopology';
import { fixturesDir, hocBackend } from '../support/paths';
import { runCliInProcess } from '../support/runCliInProcess';
import { tempDir } from '../support/tempTree';

/** The wiring map is one format of the report registry, beside text, json, github and sarif. */
const shop = path.join(fixturesDir, 'hexagonal-shop');
const hocV1 = presetRuleset('hoc-v1');

const ORDERS_MAP = `# Orders — Wiring Map

## Target State

  └──→ Domain (1 files)
         ├── order.py
         │
         └──→ Application (1 files)
                ├── place_order.py
                │
                └──→ Adapters (2 files)
                       ├── cli_debug.py
                       ├── sql_repository.py

---

## Violations

| File | Import | Rule Broken | Fix |
|------|--------|-------------|-----|
| \`order.py\` | \`import pdb\` | No debugger in shipped code | Remove the breakpoint |
| \`order.py\` | \`from sqlalchemy import Column\` | The domain model depends on nothing | Define a port in the domain and implement it in an adapter |
| \`order.py\` | \`from ..application.place_order import PlaceOrder\` | The domain model depends on nothing | Define a port in the domain and implement it in an adapter |
| \`place_order.py\` | \`from shop.contexts.orders.adapters.sql_repository import Sql\` | Use cases depend on ports, not adapters | Depend on the port the adapter implements |
| \`place_order.py\` | \`from shop.contexts.payments.application.charge import Charge\` | A context reaches another only through its api | Import the other context's application.api |
| \`place_order.py\` | \`from sqlalchemy.orm import Session\` | Use cases never hold a database session | Ask the repository port |
| \`place_order.py\` | \`from sqlalchemy.orm import Session\` | Use cases never hold a database session | Ask the repository port |
| \`place_order.py\` | \`import pdb\` | No debugger in shipped code | Remove the breakpoint |
| \`sql_repository.py\` | \`from ...payments.domain.payment import Payment\` | A context reaches another only through its api | Import the other context's application.api |
`;

const PAYMENTS_MAP = `# Payments — Wiring Map

## Target State

  └──→ Domain (1 files)
         ├── payment.py
         │
         └──→ Application (2 files)
                ├── api.py
                ├── charge.py
                │
                └──→ Adapters (1 files)
                       ├── stripe_gateway.py

---

## Violations

| File | Import | Rule Broken | Fix |
|------|--------|-------------|-----|
| \`stripe_gateway.py\` | \`import pdb\` | No debugger in shipped code | Remove the breakpoint |
`;

test('check --format map prints the map of each domain with a checked file, a blank line between, and exits as check does', () => {
  const run = runCliInProcess(['check', shop, '--format', 'map']);
  assert.deepEqual(run, { code: 1, stdout: `${ORDERS_MAP}\n${PAYMENTS_MAP}`, stderr: '' });
});

test('check --format map of one folder: only the domains its files are in, each drawn whole', () => {
  const run = runCliInProcess(['check', path.join(shop, 'src/shop/contexts/payments/adapters'), '--format', 'map']);
  assert.deepEqual(run, { code: 1, stdout: PAYMENTS_MAP, stderr: '' });
  // The same as the map command prints for that domain.
  assert.equal(runCliInProcess(['map', shop, '--domain', 'payments']).stdout, PAYMENTS_MAP);
});

test("check --format map on the example's integrations folder is the team's golden map", () => {
  const run = runCliInProcess(['check', path.join(hocBackend, 'backend/app/hoc/cus/integrations'), '--format', 'map', '--module-level-only']);
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.stdout, fs.readFileSync(path.join(hocBackend, 'expected', 'integrations.DOMAIN_WIRING_MAP.md'), 'utf8'));
});

test('check --format map --out writes one file per domain and an INDEX.md linking them', () => {
  const out = path.join(tempDir('strata-map-out-'), 'maps');
  const run = runCliInProcess(['check', shop, '--format', 'map', '--out', out]);
  assert.deepEqual(run, { code: 1, stdout: '', stderr: `wrote 3 files to ${out}\n` });
  assert.deepEqual(fs.readdirSync(out).sort(), ['INDEX.md', 'orders.DOMAIN_WIRING_MAP.md', 'payments.DOMAIN_WIRING_MAP.md']);
  // --quiet: the same files, and nothing said.
  const quietOut = path.join(tempDir('strata-map-out-'), 'maps');
  assert.deepEqual(runCliInProcess(['check', shop, '--format', 'map', '--out', quietOut, '--quiet']), { code: 1, stdout: '', stderr: '' });
  assert.deepEqual(fs.readdirSync(quietOut).sort(), ['INDEX.md', 'orders.DOMAIN_WIRING_MAP.md', 'payments.DOMAIN_WIRING_MAP.md']);
  assert.equal(fs.readFileSync(path.join(out, 'orders.DOMAIN_WIRING_MAP.md'), 'utf8'), ORDERS_MAP);
  assert.equal(fs.readFileSync(path.join(out, 'payments.DOMAIN_WIRING_MAP.md'), 'utf8'), PAYMENTS_MAP);
  assert.equal(
    fs.readFileSync(path.join(out, 'INDEX.md'), 'utf8'),
    `# Domain Wiring Maps

| Audience | Domain | Gaps | Violations |
|----------|--------|------|------------|
|  | [Orders](orders.DOMAIN_WIRING_MAP.md) | 0 | 9 |
|  | [Payments](payments.DOMAIN_WIRING_MAP.md) | 0 | 1 |
`,
  );
});

test('--out never writes through a symbolic link planted where a map goes, and writes nothing then', () => {
  const out = tempDir('strata-map-out-');
  const victim = path.join(tempDir('strata-outside-'), 'precious.txt');
  fs.writeFileSync(victim, 'precious\n');
  const link = path.join(out, 'payments.DOMAIN_WIRING_MAP.md');
  fs.symlinkSync(victim, link);
  for (const command of [['check', shop, '--format', 'map', '--out', out], ['map', shop, '--out', out]]) {
    const run = runCliInProcess(command);
    assert.deepEqual(run, { code: 2, stdout: '', stderr: `strata ${command[0]}: ${link} is a symbolic link: not written through (remove it, and the run writes a file there)\n` });
  }
  assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
  assert.deepEqual(fs.readdirSync(out), ['payments.DOMAIN_WIRING_MAP.md']);
  // --out naming a file: said so, and the file is left as it was.
  const run = runCliInProcess(['map', shop, '--out', victim]);
  assert.deepEqual(run, { code: 2, stdout: '', stderr: `strata map: --out ${victim} is a file, not a folder: nothing written\n` });
  assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
});

test("check --format map --out leaves out the declared domains without a file, which strata map --out writes", () => {
  const out = tempDir('strata-map-out-');
  const run = runCliInProcess(['check', hocBackend, '--format', 'map', '--out', out, '--module-level-only']);
  assert.deepEqual(run, { code: 1, stdout: '', stderr: `wrote 4 files to ${out}\n` });
  assert.deepEqual(fs.readdirSync(out).sort(), ['INDEX.md', 'activity.DOMAIN_WIRING_MAP.md', 'general.DOMAIN_WIRING_MAP.md', 'integrations.DOMAIN_WIRING_MAP.md']);
  assert.equal(
    fs.readFileSync(path.join(out, 'INDEX.md'), 'utf8'),
    `# Domain Wiring Maps

**Reference:** HOC_LAYER_TOPOLOGY_V1.md (RATIFIED, V1.4.0)

| Audience | Domain | Gaps | Violations |
|----------|--------|------|------------|
| cus | [General](general.DOMAIN_WIRING_MAP.md) | 0 | 0 |
| cus | [Activity](activity.DOMAIN_WIRING_MAP.md) | 3 | 0 |
| cus | [Integrations](integrations.DOMAIN_WIRING_MAP.md) | 3 | 6 |
`,
  );
});

test('--out with a format that is one document is a usage error, before anything is read or written', () => {
  const out = path.join(tempDir('strata-map-out-'), 'reports');
  const run = runCliInProcess(['check', shop, '--format', 'sarif', '--out', out]);
  assert.deepEqual(run, {
    code: 2,
    stdout: '',
    stderr: 'strata check: --out writes the files of a format that has several (map); --format sarif is one document: redirect standard output instead\n',
  });
  assert.equal(fs.existsSync(out), false);
});

test('check --help lists every format of the registry with what it gives, and which write a folder', () => {
  const help = runCliInProcess(['check', '--help']).stdout;
  assert.ok(
    help.includes(`  --format text|json|github|sarif|map
                         text (default): one line per violation, then a summary;
                         json: {"violations":[…],"summary":{…}}, paths relative to the folder checked;
                         github: GitHub Actions annotations (::error file=…), then the summary;
                         sarif: SARIF 2.1.0 for code scanning;
                         map: the wiring map (Markdown) of each domain checked; --out: one file each, and INDEX.md
  --out <folder>         write the format's files into folder instead of standard output (formats
                         with several files: map)
`),
    help,
  );
  assert.match(runCliInProcess(['map', '--help']).stdout, /^The same maps, for the domains of the checked files and with check's exit code, come from\nstrata check --format map \(and --out <folder>\)\.$/m);
});

test('each format builds only the part of the run it reads, once: only the map builds the topology', () => {
  const { index } = analyzeFolder(hocBackend, hocV1, { moduleLevelOnly: true });
  const report: CheckReport = {
    baseDir: hocBackend,
    violations: [],
    summary: { files: 64, filesWithViolations: 0, violations: 0, errors: 0, baselined: 0, baselineFixed: 0, suppressed: 0, skipped: 0, byRule: {} },
    rules: [],
    baselineUsed: false,
  };
  const context: ReportContext = { color: false, displayPath: (p) => p, sourceRoot: hocBackend, tool: { name: 'Strata', version: '0', informationUri: 'https://example.org' }, quiet: false };
  const built: Record<string, string[]> = {};
  for (const reporter of REPORTERS) {
    const parts: string[] = [];
    const input = lazyReportInput(hocV1, {
      checkReport: () => (parts.push('checkReport'), report),
      topology: () => (parts.push('topology'), buildTopology(index, true)),
    });
    reporter.render(input, context);
    reporter.documents?.(input, context);
    built[reporter.name] = parts;
  }
  assert.deepEqual(built, { text: ['checkReport'], json: ['checkReport'], github: ['checkReport'], sarif: ['checkReport'], map: ['topology'] });
  assert.equal(reporterNamed('map'), REPORTERS[4]);
});
