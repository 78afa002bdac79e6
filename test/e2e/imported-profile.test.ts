/**
 * End to end, in headless Chromium against browser mode: `hyperscope ui app.cpuprofile` shows a profile
 * from another tool. The CPU view draws it; the views made of snapshots show their empty states; no view
 * throws. Screenshots go to test-results/e2e/imported-*.png.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, openBrowser, screenshot, showView, startUi } from './browser-app';
import type { RunningUi } from './browser-app';

const frame = (functionName: string, url = 'file:///srv/app.js', lineNumber = 9) => ({
  functionName,
  scriptId: '7',
  url,
  lineNumber,
  columnNumber: 2,
});

// `handleRequest` → `renderPage` (hot) in 200 samples of 1 ms, as `node --cpu-prof` writes them.
const CPUPROFILE = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '', -1), hitCount: 0, children: [2, 4] },
    { id: 2, callFrame: frame('handleRequest'), hitCount: 0, children: [3] },
    { id: 3, callFrame: frame('renderPage', 'file:///srv/app.js', 40), hitCount: 0 },
    { id: 4, callFrame: frame('(idle)', '', -1), hitCount: 0 },
  ],
  startTime: 0,
  endTime: 200_000,
  samples: Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 4 : i % 4 === 1 ? 2 : 3)),
  timeDeltas: Array.from({ length: 200 }, () => 1000),
};

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-e2e-import-'));
const file = join(dir, 'app.cpuprofile');
let ui: RunningUi;

beforeAll(async () => {
  ensureBuilt();
  writeFileSync(file, JSON.stringify(CPUPROFILE));
  ui = await startUi([file]);
}, 120_000);
afterAll(() => ui?.stop());

describe('browser mode, an imported .cpuprofile', () => {
  it('shows the profile in the CPU view and empty states where snapshots would be', async () => {
    const { context, page, problems } = await openBrowser();
    try {
      await page.goto(ui.url);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.getByText('app.cpuprofile is a profile, not a recording').waitFor();
      await screenshot(page, 'imported-dashboard');
      await page.getByRole('button', { name: 'CPU', exact: true }).last().click();
      await page.getByRole('heading', { level: 1, name: 'CPU' }).waitFor();

      await page.getByRole('img', { name: /Flame graph/ }).waitFor();
      await page
        .getByRole('cell', { name: /renderPage/ })
        .first()
        .waitFor();
      await screenshot(page, 'imported-cpu');

      await showView(page, 'Network');
      await page.getByText('No network data yet').waitFor();
      await showView(page, 'Blocking chains');
      await page.getByText('No promise chains recorded').waitFor();
      await showView(page, 'Allocations');
      await showView(page, 'Findings');

      await showView(page, 'Sessions');
      const current = page.getByRole('region', { name: 'Current session' });
      await current.getByText(/a profile from another tool: 1 CPU and 0 allocation profiles/).waitFor();
      expect(await current.getByRole('button', { name: 'Save' }).count()).toBe(0);
      await screenshot(page, 'imported-sessions');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
