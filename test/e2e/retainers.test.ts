/**
 * End to end in headless Chromium against browser mode (`hyperscope ui`): leak retainers from the app.
 * "Find what holds leaking memory" in Attach (the pause said before it is chosen), record the
 * alloc-hotspot demo, a heap snapshot asked for mid-way names the export cache, then Stop: the
 * Allocations view's "What holds it" tree and the finding's card both name Map downloadAgainCache.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionFile } from '../../main/session/read-session-file';
import { ensureBuilt, openBrowser, screenshot, showView, startUi } from './browser-app';
import type { RunningUi } from './browser-app';

let ui: RunningUi;
const written: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  ui = await startUi([]);
}, 120_000);
afterAll(async () => {
  await ui?.stop();
  for (const path of written) rmSync(path, { force: true });
});

const CACHE = /Map downloadAgainCache \(scenarios\/alloc-hotspot\.ts:\d+\)/;

describe('browser mode, leak retainers', () => {
  it('records with heap snapshots, takes one on request, and names the holder in Allocations and Findings', async () => {
    const { context, page, problems } = await openBrowser();
    try {
      await page.goto(ui.url);
      await page.getByRole('heading', { level: 1, name: 'Attach' }).waitFor();
      const choice = page.getByRole('checkbox', { name: /Find what holds leaking memory/ });
      await expect(choice.isChecked()).resolves.toBe(false); // off by default: a snapshot pauses the service
      await page
        .getByText(/Each snapshot pauses the service while V8 writes it: about [\d.]+ s at 20 MB of heap/)
        .waitFor();
      await choice.check();
      await screenshot(page, 'retainers-attach');

      await page.getByRole('button', { name: /^alloc-hotspot / }).click();
      await page.getByText(/Recording demo: alloc-hotspot/).waitFor({ timeout: 30_000 });
      await page.getByText(/· [4-9] snapshots/).waitFor({ timeout: 20_000 });
      const button = page.getByRole('button', { name: 'Heap snapshot', exact: true });
      await expect(button.getAttribute('title')).resolves.toMatch(/pauses the service about [\d.]+ (ms|s)/);
      await button.click();
      const notice = page.getByRole('status', { name: 'Heap snapshot' });
      await notice.getByText(/Heap snapshot \(paused \d+ ms\): the heap grew/).waitFor({ timeout: 30_000 });
      await expect(notice.textContent()).resolves.toMatch(CACHE);
      await screenshot(page, 'retainers-notice');

      await page.getByText(/· (1[0-9]|[2-9][0-9]) snapshots/).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await page.getByRole('button', { name: 'Record', exact: true }).waitFor({ timeout: 60_000 });
      // The recording's file is open once its name is the subject: moving to Sessions before that, the
      // opened session would take the app to the Dashboard (a loaded CI runner read it that late).
      await page
        .locator('.subject', { hasText: /^hyperscope-\d+-\d{8}-\d{6}\.hyperscope$/ })
        .waitFor({ timeout: 60_000 });
      await showView(page, 'Sessions');
      const path =
        (await page.getByRole('region', { name: 'Current session' }).locator('dd code').textContent()) ?? '';
      written.push(path);
      // The one asked for and the last, each compared with the first.
      expect((await readSessionFile(path)).heapGrowth).toHaveLength(2);

      await showView(page, 'Allocations');
      await page.getByRole('button', { name: 'What holds it' }).click();
      const tree = page.getByRole('region', { name: "What holds the heap's growth" });
      await tree.getByRole('button', { name: CACHE }).waitFor();
      await tree.getByText('(string)').first().waitFor(); // the first holder opens onto what it holds
      // Beside what holds it, what made it: the sampling's surviving bytes, by function.
      await page.getByRole('region', { name: 'Allocated by' }).getByText('cacheExport').waitFor();
      await screenshot(page, 'retainers-tree');

      await showView(page, 'Findings');
      const card = page.getByRole('article', { name: /cacheExport keeps .* alive/ });
      await card.getByText('What holds it (heap snapshots)').waitFor();
      await expect(card.locator('.finding-holders li').first().textContent()).resolves.toMatch(CACHE);
      await screenshot(page, 'retainers-finding');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);
});
