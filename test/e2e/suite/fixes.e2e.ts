/// <reference types="mocha" />
// The e2e-fixes fixture (test/fixtures/e2e-fixes): the fixes that create files.
// - "Create L6 Driver" creates the driver (opened beside) and moves the engine's DB imports into
//   it, a comment in place of each (hoc-v1 §5): the engine's diagnostics clear, its missing-driver
//   gap closes, its tree row and CodeLens switch to the new driver, and a DB import added again
//   gets "Open matching L6 Driver" instead. (The code using the imports is moved by a person.) The
//   engine CodeLens "→ L6 Driver: create …" (like the tree gap's "Create" and the palette command) makes
//   the very same edit.
// - "Route through a new L3 Adapter" creates the adapter, rewrites the L2 import and so clears
//   the L2→L5 diagnostic.
// - Go to Counterpart opens the driver; "Close a Gap…" on the facade gap creates the facade.
// Every file the tests create or change is put back (before, for a crashed run's leftovers, and after).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  closeAllEditors,
  diagnosticsOf,
  exists,
  findRow,
  fixtureSuite,
  log,
  open,
  strata,
  waitFor,
  wsUri,
  type StrataApi,
} from '../helpers/strata';

const BILLING = 'backend/app/hoc/cus/billing';
const INVOICE_ENGINE = `${BILLING}/L5_engines/invoice_engine.py`;
const INVOICE_DRIVER = `${BILLING}/L6_drivers/invoice_driver.py`;
const INVOICE_ADAPTER = `${BILLING}/L3_adapters/invoice_adapter.py`;
const PAYMENT_ENGINE = `${BILLING}/L5_engines/payment_engine.py`;
const ROUTER = 'backend/app/hoc/api/cus/billing/invoices.py';
const FACADES = 'backend/app/hoc/api/facades';
const FACADE = `${FACADES}/cus/billing.py`;

/** The text VS Code has for a file (an edit that created it may not be saved yet). */
async function textOf(rel: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(wsUri(rel))).getText();
}

/** The engine once its DB imports moved to the new driver: a comment in place of each, the rest untouched. */
function engineAfterMove(original: string): string {
  const note = (statement: string) => `# strata: moved "${statement}" to L6_drivers/invoice_driver.py: move the code that uses it there`;
  return original
    .replace(/^from sqlmodel import Session, select$/m, note('from sqlmodel import Session, select'))
    .replace(/^from app\.db import get_session$/m, note('from app.db import get_session'));
}

/** Puts a file's text back through its document (an edit, then saved), so the editor, the disk and the server agree. */
async function putBack(rel: string, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit), `${rel} put back`);
  }
  if (doc.isDirty) assert.ok(await doc.save(), `${rel} saved`);
}

/**
 * Deletes a file or folder through VS Code (not behind its back): it lets go of the documents
 * under it that extensions opened, so they close and the language server reads the disk again.
 */
async function remove(rel: string): Promise<void> {
  if (exists(wsUri(rel))) await vscode.workspace.fs.delete(wsUri(rel), { recursive: true, useTrash: false });
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<(vscode.CodeAction | vscode.Command)[]> {
  return (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

async function lensTitles(rel: string): Promise<string[]> {
  await vscode.workspace.openTextDocument(wsUri(rel)); // the CodeLens command needs the document loaded
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', wsUri(rel));
  return (lenses ?? []).map((l) => l.command?.title ?? '');
}

fixtureSuite('e2e-fixes', 7, function () {
  let api: StrataApi;
  /** The files the fixes edit, as the fixture has them. */
  const original = new Map<string, string>();

  async function restore(): Promise<void> {
    // The edited files first, through their documents (a fix edits them in the editor, maybe not saved yet)…
    for (const [rel, text] of original) await putBack(rel, text);
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await closeAllEditors();
    for (const rel of [INVOICE_DRIVER, INVOICE_ADAPTER, FACADES]) await remove(rel);
    for (const [rel, text] of original) {
      if (fs.readFileSync(wsUri(rel).fsPath, 'utf8') !== text) fs.writeFileSync(wsUri(rel).fsPath, text);
    }
  }

  before(async () => {
    for (const rel of [ROUTER, INVOICE_ENGINE]) original.set(rel, fs.readFileSync(wsUri(rel).fsPath, 'utf8'));
    await restore();
    api = await strata();
    await waitFor('the billing domain without its driver', async () =>
      (await api.topologyRows()).includes('      invoice_engine.py — → L6 Driver ❌ · 2 violations'),
      { describe: () => api.topologyRows() },
    );
  });

  after(async () => {
    await restore();
  });

  it('shows the engine with a driver as → L6 Driver ✅ and its CodeLens opens the driver', async () => {
    const rows = await api.topologyRows();
    assert.ok(rows.includes('      payment_engine.py — → L6 Driver ✅'), JSON.stringify(rows));
    const titles = await waitFor('the payment engine CodeLens', async () => {
      const t = await lensTitles(PAYMENT_ENGINE);
      return t.some((x) => x.startsWith('→ L6 Driver')) ? t : undefined;
    });
    assert.deepEqual(titles, ['→ L6 Driver: payment_driver.py']);
  });

  it('the CodeLens "→ L6 Driver: create invoice_driver.py" does what "Create L6 Driver" does: driver created, imports moved, diagnostics clear (put back after)', async () => {
    const uri = wsUri(INVOICE_ENGINE);
    const engine = await open(INVOICE_ENGINE);
    await diagnosticsOf(uri, (d) => d.length === 2, 'the sqlmodel and app.db diagnostics');
    const lenses = await waitFor('the create CodeLens', async () => {
      await vscode.workspace.openTextDocument(uri);
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l?.find((x) => x.command?.title === '→ L6 Driver: create invoice_driver.py');
    });
    try {
      await vscode.commands.executeCommand(lenses.command!.command, ...(lenses.command!.arguments ?? []));
      await waitFor('the driver file to exist', () => exists(wsUri(INVOICE_DRIVER)));
      const beside = await waitFor('the driver to be open beside the engine', () =>
        vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === wsUri(INVOICE_DRIVER).fsPath),
      );
      assert.notEqual(beside.viewColumn, engine.viewColumn);
      assert.match(await textOf(INVOICE_DRIVER), /^from sqlmodel import Session, select\nfrom app\.db import get_session\n/m, 'the DB imports in the driver');
      // The same edit as the quick-fix: the engine's imports replaced by comments, through its open editor.
      await waitFor('the engine\'s imports to be replaced by comments', () => engine.document.getText() === engineAfterMove(original.get(INVOICE_ENGINE)!) || undefined, {
        describe: () => engine.document.getText(),
      });
      await diagnosticsOf(uri, (d) => d.length === 0, 'the engine\'s diagnostics to clear');
      await waitFor('the engine to show → L6 Driver ✅ without violations', async () => (await api.topologyRows()).includes('      invoice_engine.py — → L6 Driver ✅'), {
        describe: () => api.topologyRows(),
      });
    } finally {
      // Put it back: the quick-fix test below does it again.
      await putBack(INVOICE_ENGINE, original.get(INVOICE_ENGINE)!);
      await vscode.commands.executeCommand('workbench.action.files.saveAll');
      await closeAllEditors();
      await remove(INVOICE_DRIVER);
    }
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), original.get(INVOICE_ENGINE));
    await diagnosticsOf(uri, (d) => d.length === 2, 'the engine\'s diagnostics back');
    await waitFor('the engine to show → L6 Driver ❌ · 2 violations again', async () =>
      (await api.topologyRows()).includes('      invoice_engine.py — → L6 Driver ❌ · 2 violations'),
      { describe: () => api.topologyRows() },
    );
  });

  it('applying "Create L6 Driver" creates the driver with the DB imports moved out of the engine: its diagnostics clear, the gap closes', async () => {
    const uri = wsUri(INVOICE_ENGINE);
    const engineEditor = await open(INVOICE_ENGINE);
    const diags = await diagnosticsOf(uri, (d) => d.some((x) => /sqlmodel/.test(x.message)) && d.some((x) => /app\.db/.test(x.message)), 'the sqlmodel and app.db diagnostics');
    const target = diags.find((d) => /sqlmodel/.test(d.message))!;
    const actions = await waitFor('the "Create L6 Driver" action', async () => {
      const a = await codeActions(uri, target.range);
      return a.some((x) => /Create L6 Driver/i.test(x.title)) ? a : undefined;
    });
    log(`actions: ${actions.map((a) => a.title).join(' | ')}`);
    const create = actions.find((x) => /Create L6 Driver/i.test(x.title))!;
    assert.match(create.title, /invoice_driver\.py/);
    await applyCodeAction(create);
    // Checked at once: code-server auto-saves a second later by default.
    assert.ok(engineEditor.document.isDirty, 'an edit in the editor, not behind its back (one undo step)');

    await waitFor('the driver file to exist', () => exists(wsUri(INVOICE_DRIVER)));
    const text = await waitFor('the driver text', async () => {
      const t = await textOf(INVOICE_DRIVER);
      return t.length > 0 && t;
    });
    assert.match(text, /^# Layer: L6/m, 'the driver starts with the HOC header');
    assert.match(text, /^from sqlmodel import Session, select\nfrom app\.db import get_session\n/m, 'the DB imports moved to the driver');
    assert.match(text, /^class InvoiceDriver:\n[^]*def __init__\(self, session: Session\):/m);
    // The engine: a comment in place of each moved import, the rest untouched.
    assert.equal(engineEditor.document.getText(), engineAfterMove(original.get(INVOICE_ENGINE)!));
    // The server re-checks the edited engine: the moved imports' diagnostics are gone.
    await diagnosticsOf(uri, (d) => d.length === 0, 'the engine\'s diagnostics to clear');
    const driverEditor = await waitFor('the driver to be open beside the engine', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === wsUri(INVOICE_DRIVER).fsPath),
    );
    assert.notEqual(driverEditor.viewColumn, engineEditor.viewColumn, 'beside, not instead of the engine');
    await vscode.commands.executeCommand('workbench.action.files.saveAll');

    await waitFor('the engine to show → L6 Driver ✅ without violations and its gap to close', async () => {
      const r = await api.topologyRows();
      return r.includes('      invoice_engine.py — → L6 Driver ✅') && !r.some((x) => x.includes('has DB imports but no matching L6 driver'));
    }, { describe: () => api.topologyRows() });
    await waitFor('the CodeLens to name the new driver', async () => (await lensTitles(INVOICE_ENGINE)).includes('→ L6 Driver: invoice_driver.py'));
    assert.deepEqual(vscode.languages.getDiagnostics(wsUri(INVOICE_DRIVER)).filter((d) => /strata/i.test(d.source ?? '')), [], 'the driver may import them');
  });

  it('a DB import added to the engine again gets "Open matching L6 Driver", not "Create"', async () => {
    const uri = wsUri(INVOICE_ENGINE);
    const editor = await open(INVOICE_ENGINE);
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('# strata: moved "from sqlmodel'));
    assert.ok(line >= 0);
    const added = new vscode.WorkspaceEdit();
    added.insert(uri, new vscode.Position(line, 0), 'from sqlmodel import Session\n');
    assert.ok(await vscode.workspace.applyEdit(added));
    const [diag] = await diagnosticsOf(uri, (d) => d.length === 1 && /sqlmodel/.test(d[0].message), 'the new sqlmodel diagnostic');
    const after = await waitFor('the quick-fix to open the driver instead of creating it', async () => {
      const a = await codeActions(uri, diag.range);
      return a.some((x) => /Open matching L6 Driver `invoice_driver\.py`/.test(x.title)) && !a.some((x) => /Create L6 Driver/.test(x.title)) ? a : undefined;
    });
    log(`actions now: ${after.map((a) => a.title).join(' | ')}`);
    const removed = new vscode.WorkspaceEdit();
    removed.delete(uri, new vscode.Range(line, 0, line + 1, 0));
    assert.ok(await vscode.workspace.applyEdit(removed));
    await diagnosticsOf(uri, (d) => d.length === 0, 'no diagnostics again');
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
  });

  it('Go to Counterpart opens the matching driver', async () => {
    await open(INVOICE_ENGINE, vscode.ViewColumn.One);
    await waitFor('the status bar to show the engine', () => api.statusBarText() === '$(layers) L5 Engine · billing', {
      describe: () => api.statusBarText(),
    });
    const done = vscode.commands.executeCommand('strata.goToCounterpart');
    const items = await waitFor('the Go to Counterpart pick', () => api.counterpartPickItems(), { timeout: 15_000 });
    log(`pick: ${items.join(' | ')}`);
    assert.equal(items[0], '-- Matching L6 Driver --');
    assert.ok(items[1].endsWith('invoice_driver.py'), items[1]);
    assert.ok(items.includes('-- Imported by · L2 API --'));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    await waitFor('the driver to be the active editor', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === wsUri(INVOICE_DRIVER).fsPath,
    );
    await waitFor('the status bar to show the driver', () => api.statusBarText() === '$(layers) L6 Driver · billing', {
      describe: () => api.statusBarText(),
    });
  });

  it('applying "Route through a new L3 Adapter" clears the L2→L5 diagnostic', async () => {
    const uri = wsUri(ROUTER);
    await open(ROUTER);
    const diags = await diagnosticsOf(uri, (d) => d.some((x) => /L2 MUST NOT import L5/.test(x.message)), 'the L2→L5 diagnostic');
    const target = diags.find((d) => /L2 MUST NOT import L5/.test(d.message))!;
    const actions = await waitFor('the adapter quick-fix', async () => {
      const a = await codeActions(uri, target.range);
      return a.some((x) => /adapter/i.test(x.title)) ? a : undefined;
    });
    log(`actions: ${actions.map((a) => a.title).join(' | ')}`);
    const route = actions.find((x) => /Route through a new L3 Adapter/.test(x.title))!;
    assert.ok(route, 'offers a new adapter');
    await applyCodeAction(route);
    await waitFor('the adapter to exist', () => exists(wsUri(INVOICE_ADAPTER)));
    await diagnosticsOf(uri, (d) => !d.some((x) => /L2 MUST NOT import L5/.test(x.message)), 'the L2→L5 diagnostic to clear');
    assert.match(await textOf(ROUTER), /L3_adapters\.invoice_adapter import InvoiceEngine/);
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
  });

  it('"Close a Gap…" on the facade gap creates the L2.1 facade and the gap closes', async () => {
    let rows = await api.topologyRows();
    assert.ok(findRow(rows, /^L2\.1 .* — 0 files · GAP$/), JSON.stringify(rows));
    await vscode.commands.executeCommand('strata.closeGap', { audience: 'cus', domain: 'billing', type: 'L2.1_facade' });
    await waitFor('the facade file to exist', () => exists(wsUri(FACADE)));
    const text = await waitFor('the facade text', async () => {
      const t = await textOf(FACADE);
      return t.length > 0 && t;
    });
    assert.match(text, /invoices/, 'the facade imports the L2 router module');
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    rows = await waitFor('the L2.1 layer to have its file', async () => {
      const r = await api.topologyRows();
      return findRow(r, /^L2\.1 .* — 1 file$/) ? r : undefined;
    }, { describe: () => api.topologyRows() });
    assert.ok(!rows.some((r) => r.includes('No L2.1 facade')), 'the facade gap is gone');
  });
});
