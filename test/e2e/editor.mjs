// Reading and driving the active Monaco editor of the workbench the way a
// user sees it: its visible lines (by line number), the code lenses above
// them, hovers, the Problems panel, the quick-fix menu and the Settings editor.
// Everything that waits polls a condition with a timeout.

import fs from 'node:fs';
import { waitUntil } from './harness.mjs';

/** @typedef {import('playwright-core').Page} Page */

const EDITOR = '.editor-group-container.active .editor-instance .monaco-editor';

/** Normalises the non-breaking spaces Monaco renders. */
export function clean(text) {
  return (text ?? '').replace(/\u00a0/g, ' ').replace(/\u200b|\u200c/g, '');
}

/**
 * What the active editor shows now: its visible lines with their numbers,
 * and each code lens with the number of the line it stands above.
 * @param {Page} page
 * @returns {Promise<{ lines: Array<{ n: number, text: string }>, lenses: Array<{ line: number, text: string }> }>}
 */
export async function snapshot(page) {
  return page.evaluate((sel) => {
    const ed = document.querySelector(sel);
    if (!ed) return { lines: [], lenses: [] };
    const norm = (t) => (t ?? '').replace(/\u00a0/g, ' ').replace(/\u200b|\u200c/g, '');
    const numbers = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].map((el) => ({
      top: el.getBoundingClientRect().top,
      n: Number.parseInt(el.textContent ?? '', 10),
    }));
    const lines = [];
    for (const el of ed.querySelectorAll('.view-lines .view-line')) {
      const r = el.getBoundingClientRect();
      const num = numbers.find((x) => Math.abs(x.top - r.top) < 3);
      if (num && Number.isFinite(num.n)) lines.push({ n: num.n, top: r.top, text: norm(el.textContent) });
    }
    lines.sort((a, b) => a.n - b.n);
    const lenses = [];
    for (const el of ed.querySelectorAll('.contentWidgets .codelens-decoration')) {
      const r = el.getBoundingClientRect();
      const text = norm(/** @type {HTMLElement} */ (el).innerText).trim();
      if (!text || r.height === 0) continue;
      // the line right below the lens
      const below = lines.filter((l) => l.top >= r.top + r.height / 2).sort((a, b) => a.top - b.top)[0];
      if (below) lenses.push({ line: below.n, text });
    }
    return { lines: lines.map(({ n, text }) => ({ n, text })), lenses };
  }, EDITOR);
}

/**
 * The number of the visible line whose text (trimmed) is `text`; the
 * `nth` such line (0-based). Undefined if not visible.
 */
export async function findLine(page, text, nth = 0) {
  const { lines } = await snapshot(page);
  return lines.filter((l) => l.text.trim() === text)[nth]?.n;
}

/** The lens texts above line `n`. */
export async function lensesAbove(page, n) {
  const { lenses } = await snapshot(page);
  return lenses.filter((l) => l.line === n).map((l) => l.text);
}

/**
 * Waits until a lens above the (nth) line reading `lineText` satisfies
 * `test`, and returns its text.
 * @param {Page} page
 * @param {string} lineText
 * @param {(lens: string) => boolean} test
 * @param {{ timeout?: number, nth?: number, what?: string }} [opts]
 */
export async function waitForLens(page, lineText, test, { timeout = 20_000, nth = 0, what } = {}) {
  let seen = [];
  try {
    return await waitUntil(
      async () => {
        const n = await findLine(page, lineText, nth);
        if (n === undefined) {
          seen = [`(line "${lineText}" not visible)`];
          return undefined;
        }
        seen = await lensesAbove(page, n);
        return seen.find(test);
      },
      { timeout, what: what ?? `a lens above "${lineText}"` },
    );
  } catch (e) {
    throw new Error(`${e.message}; lenses seen there: ${JSON.stringify(seen)}`, { cause: e });
  }
}

/**
 * Checks that `text` holds the number `exact` rounded correctly to the digits
 * written, with at least `minSignificant` significant digits.
 * @returns {boolean}
 */
export function isRounding(written, exact, minSignificant = 4) {
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(written);
  if (!m) return false;
  const decimals = (m[2] ?? '').length;
  const significant = (m[1] + (m[2] ?? '')).replace(/^0+/, '').length;
  if (significant < minSignificant) return false;
  return Math.abs(Number(written) - exact) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
}

/**
 * A lens test: `LABEL = <number> <unit>` where the number is `exact` rounded
 * to what it shows (at least 4 significant digits).
 */
export function valueLens(label, exact, unit) {
  const re = new RegExp(`^${label.replace(/[()|]/g, '\\$&')} = (-?[\\d.]+) ${unit}$`);
  return (lens) => {
    const m = re.exec(lens);
    return !!m && isRounding(m[1], exact);
  };
}

/** Moves the editor so line `n` is visible (Go to Line). */
export async function gotoLine(page, n, column = 1) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`${n}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The screen rectangle of the character at (1-based) line `n`, column `col`. */
export async function charBox(page, n, col) {
  return page.evaluate(
    ({ sel, n, col }) => {
      const ed = document.querySelector(sel);
      const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find(
        (el) => Number.parseInt(el.textContent ?? '', 10) === n,
      );
      if (!num) return undefined;
      const top = num.getBoundingClientRect().top;
      const line = [...ed.querySelectorAll('.view-lines .view-line')].find((el) => Math.abs(el.getBoundingClientRect().top - top) < 3);
      if (!line) return undefined;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let offset = col - 1;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent.length;
        if (offset < len) {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2, left: r.left, top: r.top, width: r.width, height: r.height };
        }
        offset -= len;
      }
      return undefined;
    },
    { sel: EDITOR, n, col },
  );
}

/** Clicks into the text at line `n`, column `col` (places the cursor there). */
export async function clickAt(page, n, col) {
  const box = await waitUntil(() => charBox(page, n, col), { timeout: 10_000, what: `line ${n} col ${col} on screen` });
  await page.mouse.click(box.left + 1, box.y);
}

/**
 * Hovers the character at line `n`, column `col` and waits for an editor
 * hover whose text satisfies `test`; returns its text and images.
 * @param {Page} page
 * @param {number} n
 * @param {number} col
 * @param {(text: string) => boolean} test
 * @param {{ timeout?: number }} [opts]
 */
export async function hoverAt(page, n, col, test, { timeout = 15_000 } = {}) {
  const box = await waitUntil(() => charBox(page, n, col), { timeout: 10_000, what: `line ${n} col ${col} on screen` });
  let last = '';
  const found = await waitUntil(
    async () => {
      // move away and back: a fresh mouse move over the token asks for the hover again
      const visible = await page.locator('.monaco-hover:not(.hidden)').count();
      if (!visible) {
        await page.mouse.move(box.x + 40, box.y + 200);
        await page.mouse.move(box.x, box.y, { steps: 4 });
      }
      const hovers = await page.evaluate(() =>
        [...document.querySelectorAll('.monaco-hover:not(.hidden)')].map((h) => ({
          text: /** @type {HTMLElement} */ (h).innerText,
          images: [...h.querySelectorAll('img')].map((img) => ({
            src: img.getAttribute('src') ?? '',
            loaded: img.complete && img.naturalWidth > 0,
            width: img.naturalWidth,
            height: img.naturalHeight,
          })),
        })),
      );
      for (const h of hovers) {
        h.text = clean(h.text);
        last = h.text;
        if (test(h.text)) return h;
      }
      return undefined;
    },
    { timeout, interval: 300, what: `a hover at line ${n} col ${col}` },
  ).catch((e) => {
    throw new Error(`${e.message}; last hover text: ${JSON.stringify(last.slice(0, 600))}`);
  });
  return found;
}

/** Types text at the end of the document on a new line; returns when it shows. */
export async function typeNewLineAtEnd(page, text) {
  await page.locator(EDITOR).first().locator('.view-lines').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+End');
  const { lines } = await snapshot(page);
  const last = lines[lines.length - 1];
  if (last && last.text.trim() !== '') await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

/** Opens the Problems panel (if not open) and returns a reader of its rows. */
export async function openProblems(page) {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
  }
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
}

/**
 * The rows of the Problems panel: severity, text, line.
 * @returns {Promise<Array<{ severity: string, text: string, line?: number }>>}
 */
export async function problems(page) {
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => ({
      error: !!r.querySelector('.codicon-error'),
      warning: !!r.querySelector('.codicon-warning'),
      text: /** @type {HTMLElement} */ (r).innerText,
    })),
  );
  return rows
    .filter((r) => r.error || r.warning)
    .map((r) => {
      const text = clean(r.text).replace(/\s+/g, ' ').trim();
      const m = /\[Ln (\d+), Col (\d+)\]/.exec(text);
      return { severity: r.error ? 'error' : 'warning', text, line: m ? Number(m[1]) : undefined };
    });
}

/**
 * Opens the quick-fix menu at the cursor and returns the titles it offers.
 * @param {Page} page
 */
export async function openQuickFixes(page, { timeout = 15_000 } = {}) {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  // Ctrl+. pressed while the code actions are still being computed can show
  // nothing: ask again until the menu shows or the time is up
  await waitUntil(
    async () => {
      await page.keyboard.press('Control+.');
      try {
        await rows.first().waitFor({ state: 'visible', timeout: 3_000 });
        return true;
      } catch {
        await page.keyboard.press('Escape');
        return false;
      }
    },
    { timeout, interval: 200, what: 'the quick-fix menu (Ctrl+.)' },
  );
  return (await rows.allInnerTexts()).map((t) => clean(t).trim());
}

/** Picks the quick fix whose title satisfies `test` from the open menu. */
export async function applyQuickFix(page, test) {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const titles = (await rows.allInnerTexts()).map((t) => clean(t).trim());
  const i = titles.findIndex(test);
  if (i < 0) throw new Error(`no such quick fix among ${JSON.stringify(titles)}`);
  await rows.nth(i).click();
  await page.locator('.action-widget .monaco-list-row.action').first().waitFor({ state: 'hidden', timeout: 10_000 });
  return titles[i];
}

/**
 * Changes a setting through the Settings editor (an enum, shown as a select)
 * and waits until the user settings file holds it.
 * @param {Page} page
 * @param {{ settingsFile: string }} server
 * @param {string} key
 * @param {string} value
 */
export async function setEnumSetting(page, server, key, value) {
  await page.keyboard.press('Control+,');
  await page.locator('.settings-editor').waitFor({ state: 'visible', timeout: 15_000 });
  // the search box has the focus when the Settings editor opens
  await page.keyboard.type(key);
  const select = page.locator(`.settings-editor select[aria-label="${key}"]`);
  await select.waitFor({ state: 'visible', timeout: 15_000 });
  await select.selectOption(value);
  await waitUntil(
    () => {
      const json = fs.readFileSync(server.settingsFile, 'utf8');
      return json.includes(`"${key}": ${JSON.stringify(value)}`);
    },
    { timeout: 10_000, what: `"${key}": "${value}" in the user settings file` },
  );
  await page.keyboard.press('Escape');
  await page.locator('.settings-editor').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
}

/**
 * The distinct text colours of the tokens on line `n` (syntax highlighting).
 * @returns {Promise<string[]>}
 */
export async function lineColours(page, n) {
  return page.evaluate(
    ({ sel, n }) => {
      const ed = document.querySelector(sel);
      const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find(
        (el) => Number.parseInt(el.textContent ?? '', 10) === n,
      );
      if (!num) return [];
      const top = num.getBoundingClientRect().top;
      const line = [...ed.querySelectorAll('.view-lines .view-line')].find((el) => Math.abs(el.getBoundingClientRect().top - top) < 3);
      if (!line) return [];
      const colours = new Set();
      for (const span of line.querySelectorAll('span > span')) {
        if ((span.textContent ?? '').trim() === '') continue;
        colours.add(getComputedStyle(span).color);
      }
      return [...colours];
    },
    { sel: EDITOR, n },
  );
}
