// Playwright helpers for driving the VS Code workbench (code-server 4.139.1 = VS Code 1.139.1)
// in UI walks (see scripts/e2e/run-code-server.mjs --ui-walk). Every helper waits for a DOM
// condition (never a fixed sleep) and throws with a readable message when it is not met in time.
//
//   import { waitForWorkbench, runCommand, openFile, screenshot } from '../../scripts/e2e/playwrightHelpers.mjs';
//   (a walk module also receives them as `helpers` in its argument)
import fs from 'node:fs';
import path from 'node:path';

const DEFAULT_TIMEOUT = 30_000;

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const FOCUSED_ROW = `${QUICK_INPUT} .monaco-list-row.focused`;

/** Escapes a string for use inside a CSS attribute selector "...". */
export function cssString(s) {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

async function step(what, fn) {
  try {
    return await fn();
  } catch (e) {
    throw new Error(`${what}: ${e?.message ?? e}`, { cause: e });
  }
}

/**
 * True when the workbench runs with the smoke-test driver (code-server started with
 * `--vscode-option enable-smoke-test-driver`, needed for the test payload): the workbench then
 * exposes `window.driver`, and it never shows notification toasts.
 */
export async function hasSmokeTestDriver(page) {
  return page.evaluate(() => typeof window.driver === 'object' && window.driver !== null);
}

/**
 * Waits until the workbench is up: status bar, activity bar and editor area rendered, and the
 * workspace folder shown (window title / explorer), and the extension host connected (no
 * "connecting" / "reconnecting" notification in the status bar).
 */
export async function waitForWorkbench(page, { timeout = 60_000 } = {}) {
  await step('waitForWorkbench', async () => {
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
    await page.locator('.monaco-workbench .part.activitybar, .monaco-workbench .activitybar').first().waitFor({ state: 'visible', timeout });
    await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout });
    // the remote indicator in the status bar appears once the remote connection is established
    await page.locator('.monaco-workbench .part.statusbar #status\\.host').first().waitFor({ state: 'attached', timeout }).catch(() => {});
  });
}

/** Closes any open quick input (Escape) and waits until it is hidden. */
export async function closeQuickInput(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  const widget = page.locator(QUICK_INPUT);
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout });
  }
}

/**
 * Runs a command through the command palette: F1, type the label, wait until the focused row
 * shows that label, Enter, wait until the palette is closed.
 * `label` is the command's title as shown in the palette, e.g. "Strata: Show Layer Map".
 */
export async function runCommand(page, label, { timeout = DEFAULT_TIMEOUT } = {}) {
  await step(`runCommand(${JSON.stringify(label)})`, async () => {
    await closeQuickInput(page, { timeout });
    await page.keyboard.press('F1');
    const input = page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(`>${label}`);
    await page.locator(FOCUSED_ROW, { hasText: label }).first().waitFor({ state: 'visible', timeout });
    await page.keyboard.press('Enter');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout });
  });
}

/**
 * Opens a workspace file with Quick Open (Ctrl+P): type the path, wait until the focused row is
 * that file, Enter, wait until its editor tab is active and the editor shows text.
 */
export async function openFile(page, relativePath, { timeout = DEFAULT_TIMEOUT } = {}) {
  const base = path.posix.basename(relativePath);
  return step(`openFile(${JSON.stringify(relativePath)})`, async () => {
    await closeQuickInput(page, { timeout });
    // focus the workbench (not the browser UI) so Ctrl+P reaches VS Code
    await page.locator('.monaco-workbench').focus().catch(() => {});
    await page.keyboard.press('Control+P');
    const input = page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(relativePath);
    await page.locator(FOCUSED_ROW, { hasText: base }).first().waitFor({ state: 'visible', timeout });
    await page.keyboard.press('Enter');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout });
    const tab = page.locator(`.part.editor .tabs-container .tab.active[aria-label*="${cssString(base)}"]`).first();
    await tab.waitFor({ state: 'visible', timeout });
    const editor = page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines');
    await editor.first().waitFor({ state: 'visible', timeout });
    return tab;
  });
}

/** Moves the cursor of the active editor to line:column with "Go to Line/Column" (Ctrl+G). */
export async function goToLine(page, line, column = 1, { timeout = DEFAULT_TIMEOUT } = {}) {
  await step(`goToLine(${line}:${column})`, async () => {
    await closeQuickInput(page, { timeout });
    await page.keyboard.press('Control+G');
    const input = page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(`:${line}:${column}`);
    await page.locator(`${QUICK_INPUT} .quick-input-message, ${QUICK_INPUT} .monaco-list-row`, { hasText: String(line) }).first()
      .waitFor({ state: 'visible', timeout }).catch(() => {});
    await page.keyboard.press('Enter');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout });
    // the status bar's cursor position shows the new line
    await page.locator('.part.statusbar', { hasText: `Ln ${line},` }).first().waitFor({ state: 'visible', timeout });
  });
}

/**
 * Shows the hover at the cursor of the active editor ("Show or Focus Hover") and returns its
 * text once a hover with non-empty content is visible. The hover stays open for a screenshot.
 */
export async function showHoverAtCursor(page, { timeout = DEFAULT_TIMEOUT, contains } = {}) {
  return step('showHoverAtCursor', async () => {
    await runCommand(page, 'Show or Focus Hover', { timeout });
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', contains ? { hasText: contains } : {}).first();
    await hover.waitFor({ state: 'visible', timeout });
    return (await hover.innerText()).trim();
  });
}

/**
 * Opens the quick-fix menu at the cursor ("Quick Fix...") and returns the texts of its rows once
 * the action widget is visible. Press Escape (or choose a row with chooseQuickFix) to close it.
 */
export async function openQuickFix(page, { timeout = DEFAULT_TIMEOUT, contains } = {}) {
  return step('openQuickFix', async () => {
    await runCommand(page, 'Quick Fix...', { timeout });
    const widget = page.locator('.action-widget');
    await widget.first().waitFor({ state: 'visible', timeout });
    if (contains) await widget.locator('.monaco-list-row', { hasText: contains }).first().waitFor({ state: 'visible', timeout });
    else await widget.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout });
    // rows of actions only (not the "Quick Fix" group headers)
    return (await widget.locator('.monaco-list-row:not(.group-header)').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  });
}

/** Clicks the quick-fix row containing `text` in an open quick-fix menu and waits until it closes. */
export async function chooseQuickFix(page, text, { timeout = DEFAULT_TIMEOUT } = {}) {
  await step(`chooseQuickFix(${JSON.stringify(text)})`, async () => {
    const row = page.locator('.action-widget .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout });
    await row.click();
    await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout });
  });
}

/**
 * Opens a view container from the activity bar by its title (the icon's tooltip, e.g. "Strata")
 * and waits until the side bar shows it.
 */
export async function openViewContainer(page, title, { timeout = DEFAULT_TIMEOUT } = {}) {
  await step(`openViewContainer(${JSON.stringify(title)})`, async () => {
    const item = page.locator(`.part.activitybar .action-item a[aria-label^="${cssString(title)}"], ` +
      `.part.activitybar .action-item[aria-label^="${cssString(title)}"]`).first();
    await item.waitFor({ state: 'visible', timeout });
    const sidebarTitle = page.locator('.part.sidebar .composite.title', { hasText: title }).first();
    if (!(await sidebarTitle.isVisible())) {
      await item.click();
      await parkMouse(page); // no activity bar tooltip in later screenshots
    }
    await sidebarTitle.waitFor({ state: 'visible', timeout });
  });
}

/**
 * Moves the mouse onto the window title (nothing there shows a hover), so a tooltip or hover left
 * by an earlier click goes away; waits until no workbench hover is visible.
 */
export async function parkMouse(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  const size = page.viewportSize() ?? { width: 1600, height: 1000 };
  await page.mouse.move(Math.round(size.width / 2), 4);
  await page.locator('.workbench-hover-container .workbench-hover:visible').first().waitFor({ state: 'detached', timeout }).catch(() => {});
}

/** The locator of a view (pane) in the side bar, by its name as shown in the pane header. */
export function viewPane(page, viewName) {
  return page.locator('.part.sidebar .pane', { has: page.locator(`.pane-header[aria-label^="${cssString(viewName)}"]`) }).first();
}

/**
 * Waits until the view named `viewName` shows at least `min` tree rows (and, if given, a row
 * containing `contains`) and returns the row texts, top to bottom.
 */
export async function viewRows(page, viewName, { min = 1, contains, timeout = DEFAULT_TIMEOUT } = {}) {
  return step(`viewRows(${JSON.stringify(viewName)})`, async () => {
    const pane = viewPane(page, viewName);
    await pane.waitFor({ state: 'visible', timeout });
    const header = pane.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const rows = pane.locator('.monaco-list-row');
    await rows.nth(min - 1).waitFor({ state: 'visible', timeout });
    if (contains) await pane.locator('.monaco-list-row', { hasText: contains }).first().waitFor({ state: 'visible', timeout });
    return rowTexts(rows);
  });
}

/**
 * Texts of list/tree rows: "label description" (the label and the grey description joined by
 * one space; innerText would glue them together), falling back to the row's whole text.
 */
export async function rowTexts(rows) {
  return rows.evaluateAll((els) =>
    els.map((el) => {
      const name = el.querySelector('.label-name')?.textContent?.trim();
      const desc = el.querySelector('.label-description')?.textContent?.trim();
      const text = name ? [name, desc].filter(Boolean).join(' ') : el.textContent ?? '';
      return text.replace(/\s+/g, ' ').trim();
    }),
  );
}

/**
 * Waits for a notification containing `text` and returns its text. In a normal workbench that is
 * the toast (bottom right). With the smoke-test driver on, VS Code never shows toasts, so this
 * opens the notification center ("Notifications: Show Notifications") and waits for the entry
 * there; pass `{ center: true }` to always use the center.
 */
export async function waitForNotification(page, text, { timeout = DEFAULT_TIMEOUT, center } = {}) {
  return step(`waitForNotification(${JSON.stringify(text)})`, async () => {
    const useCenter = center ?? (await hasSmokeTestDriver(page));
    if (useCenter) {
      const list = page.locator('.notifications-center');
      if (!(await list.isVisible())) await runCommand(page, 'Notifications: Show Notifications', { timeout });
      const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
      await item.waitFor({ state: 'visible', timeout });
      return (await item.innerText()).trim();
    }
    // .notification-fade-in-done: the toast's fade-in transition has finished (screenshot-ready)
    const toast = page.locator('.notification-toast.notification-fade-in-done', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout });
    return (await toast.innerText()).trim();
  });
}

/**
 * Screenshot of the page (or of `locator`, if given) into `<artifacts>/<name>.png`; returns the path.
 * CSS animations/transitions are fast-forwarded to their end state (`animations: 'disabled'`),
 * so a toast or menu that is still fading in is captured fully drawn.
 */
export async function screenshot(page, artifacts, name, { locator, fullPage = false } = {}) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, name.endsWith('.png') ? name : `${name}.png`);
  if (locator) await locator.screenshot({ path: file, animations: 'disabled' });
  else await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}
