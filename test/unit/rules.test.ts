import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFolder } from '../../server/src/host/analyzeFolder';
import { presetRuleset } from '../../server/src/core/ruleset/presets';

const hocV1 = presetRuleset('hoc-v1');
import { tempTree } from '../support/tempTree';

const L2 = 'backend/app/hoc/api/cus/billing/routes.py';
const L3 = 'backend/app/hoc/cus/billing/L3_adapters/billing_adapter.py';
const L5 = 'backend/app/hoc/cus/billing/L5_engines/billing_engine.py';
const L5_OTHER = 'backend/app/hoc/cus/billing/L5_workflow/flow.py';
const L6 = 'backend/app/hoc/cus/billing/L6_drivers/billing_driver.py';

/** The rule ids (with line numbers) found in one file of a tree. */
function violationsOf(files: Record<string, string>, file: string, moduleLevelOnly = false): string[] {
  const dir = tempTree({ 'backend/app/models/invoice.py': '', 'backend/app/db.py': '', ...files });
  const { index } = analyzeFolder(dir, hocV1, { moduleLevelOnly });
  const analyzed = index.file(path.join(dir, file));
  assert.ok(analyzed, `${file} analysed`);
  return analyzed.check.violations.map((v) => `${v.rule.id}@${v.statement.span.start.line + 1}`);
}

test('L2 must not import L5, L6 or L7, whether by dotted name, by package or relatively', () => {
  const src = [
    'from app.hoc.cus.billing.L5_engines.billing_engine import Billing',
    'import app.hoc.cus.billing.L6_drivers.billing_driver',
    'from app.models.invoice import Invoice',
    'from app.hoc.cus.billing import L5_engines',
    'from ....cus.billing.L6_drivers import billing_driver',
    'from app.hoc.cus.billing.L5_schemas.s import S',
  ].join('\n');
  assert.deepEqual(violationsOf({ [L2]: src, [L5]: '', [L6]: '' }, L2), ['L2-L5@1', 'L2-L6@2', 'L2-L7@3', 'L2-L5@4', 'L2-L6@5']);
});

test('L3 must not touch the DB or L7 models; L3 → L5 is the allowed route', () => {
  const src = 'from sqlmodel import Session\nimport sqlalchemy.orm\nfrom app.models import invoice\nfrom ..L5_engines.billing_engine import Billing\n';
  assert.deepEqual(violationsOf({ [L3]: src, [L5]: '' }, L3), ['L3-DB@1', 'L3-DB@2', 'L3-L7@3']);
});

test('L5 engines: sqlmodel, sqlalchemy, L7 and the app.db family; L5 other files skip the app.db rule', () => {
  const src = 'from sqlmodel import select\nfrom sqlalchemy import text\nfrom app.models.invoice import Invoice\nfrom app.db import get_session\nimport app.db_async\n';
  assert.deepEqual(violationsOf({ [L5]: src }, L5), ['L5-sqlmodel@1', 'L5-sqlalchemy@2', 'L5-L7@3', 'L5-DB@4', 'L5-DB@5']);
  assert.deepEqual(violationsOf({ [L5_OTHER]: src }, L5_OTHER), ['L5-sqlmodel@1', 'L5-sqlalchemy@2', 'L5-L7@3']);
});

test('one statement breaking several rules is one violation per rule, however many targets match', () => {
  const src = 'from app.models import invoice, Invoice\nimport sqlmodel, sqlalchemy, sqlmodel.orm\n';
  assert.deepEqual(violationsOf({ [L5]: src }, L5), ['L5-L7@1', 'L5-sqlmodel@2', 'L5-sqlalchemy@2']);
});

test('TYPE_CHECKING imports are exempt; their else branch is not', () => {
  const src = [
    'from typing import TYPE_CHECKING',
    'if TYPE_CHECKING:',
    '    from sqlmodel import Session',
    'else:',
    '    from sqlalchemy import text',
  ].join('\n');
  assert.deepEqual(violationsOf({ [L5]: src }, L5), ['L5-sqlalchemy@5']);
});

test('lazy imports inside functions are checked, and skipped with moduleLevelOnly', () => {
  const src = 'def total():\n    from app.models.invoice import Invoice\n    return Invoice\n';
  assert.deepEqual(violationsOf({ [L5]: src }, L5), ['L5-L7@2']);
  assert.deepEqual(violationsOf({ [L5]: src }, L5, true), []);
});

test('# strata: ignore[rule] silences that rule on that import only', () => {
  const src = 'from app.models.invoice import Invoice  # strata: ignore[L5-L7]\nfrom sqlmodel import select  # strata: ignore[L5-L7]\nfrom app.db import x  # strata: ignore\n';
  const dir = tempTree({ 'backend/app/models/invoice.py': '', [L5]: src });
  const { index } = analyzeFolder(dir, hocV1, { moduleLevelOnly: false });
  const file = index.file(path.join(dir, L5))!;
  assert.deepEqual(file.check.violations.map((v) => v.rule.id), ['L5-sqlmodel']);
  assert.deepEqual(file.check.suppressed.map((v) => v.rule.id), ['L5-L7', 'L5-DB']);
});

test('unclassified files and L6 drivers are not restricted', () => {
  const src = 'from sqlmodel import Session\nfrom app.models.invoice import Invoice\n';
  assert.deepEqual(violationsOf({ [L6]: src }, L6), []);
  assert.deepEqual(violationsOf({ 'backend/app/main.py': src, [L5]: '' }, 'backend/app/main.py'), []);
});
