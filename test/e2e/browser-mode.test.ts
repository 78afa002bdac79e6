/**
 * End to end, in headless Chromium against browser mode (`hyperscope ui`): open a session file and see the
 * dashboard, findings and every view; compare with another; then attach to a live demo scenario, watch the
 * dashboard fill, see the finding, stop. Screenshots of each view go to test-results/e2e/.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, openBrowser, screenshot, showView, startUi } from './browser-app';
import type { RunningUi } from './browser-app';
import { writeFixtureSession } from './session-fixture';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-e2e-'));
const fixture = join(dir, 'starved.hyperscope');
const baseline = join(dir, 'baseline.hyperscope');
let ui: RunningUi;

beforeAll(async () => {
  ensureBuilt();
  writeFixtureSession(fixture);
  writeFixtureSession(baseline, { starved: false });
  ui = await startUi([fixture]);
}, 120_000);
afterAll(() => ui?.stop());

describe('browser mode, session file', () => {
  it('shows the session on the dashboard, its findings and every view', async () => {
    const { context, page, problems } = await openBrowser();
    try {
      await page.goto(ui.url);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await expect(page.getByText('starved.hyperscope').first().isVisible()).resolves.toBe(true);
      const tiles = page.getByRole('region', { name: 'Current figures' });
      await expect(tiles.getByText('Requests queued for a socket').isVisible()).resolves.toBe(true);
      await page
        .getByRole('region', { name: 'Findings' })
        .getByText(/starved: up to \d+ requests queued/)
        .waitFor();
      expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(6);
      // The session's mark is a labelled line on every chart.
      const charts = page.locator('.chart-card');
      const marked = charts.filter({ has: page.getByText('deploy v2', { exact: true }) });
      await expect(marked.count()).resolves.toBe(await charts.count());
      await screenshot(page, 'dashboard');

      await showView(page, 'Findings');
      await page.getByRole('button', { name: /Pool http.Agent#2/ }).waitFor();
      await page.getByText(/Raise maxSockets/).waitFor();
      await screenshot(page, 'findings');

      await showView(page, 'Blocking chains');
      await page.getByRole('button', { name: /fetchPrices/ }).click();
      await page
        .getByText(/pooled socket \(queued\) — db-proxy.internal:9000/)
        .first()
        .waitFor();
      await page.getByLabel('Snapshot').fill('5');
      await page.getByText('6s', { exact: true }).waitFor();
      await page.locator('.chart-card').getByText('deploy v2', { exact: true }).waitFor();
      await screenshot(page, 'chains');

      await showView(page, 'CPU');
      await page.getByRole('img', { name: /Flame graph/ }).waitFor();
      await page.getByRole('cell', { name: /renderPage/ }).waitFor();
      await page.getByLabel('Search frames').fill('render');
      await screenshot(page, 'cpu');

      await showView(page, 'Allocations');
      await page.getByRole('cell', { name: /buildCatalog/ }).waitFor();
      await page.getByRole('region', { name: 'Allocation sizes' }).getByText('whole process').waitFor();
      await screenshot(page, 'allocations');

      await showView(page, 'Network');
      await page.getByRole('cell', { name: 'db-proxy.internal:9000' }).first().waitFor();
      await page.getByRole('cell', { name: 'payments.example:443' }).waitFor();
      // Both kinds of pool, per origin over time: the starved http.Agent first, the fetch pool too.
      const overTime = page.getByRole('region', { name: 'Pools over time' });
      await overTime.getByText('db-proxy.internal:9000 — http.Agent#2 (http)').waitFor();
      await overTime.getByText('prices.internal:443 — undici.Agent#1 (undici)').waitFor();
      await expect(overTime.locator('.chart-card').count()).resolves.toBe(3);
      await screenshot(page, 'network');

      await showView(page, 'Sessions');
      await page.getByLabel('Diff with: path on this machine').fill(baseline);
      await page.getByLabel('Diff with: path on this machine').press('Enter');
      const comparison = page.getByRole('region', { name: 'Comparison' });
      await comparison.getByText('Peak queued requests').waitFor();
      await comparison
        .getByRole('region', { name: 'CPU time changes' })
        .getByText(/renderPage/)
        .first()
        .waitFor();
      await comparison
        .getByRole('cell', { name: 'gone' })
        .or(comparison.getByRole('cell', { name: 'none' }))
        .first()
        .waitFor();
      // The differential flame graph: this session's CPU stacks, renderPage grew (red).
      const flame = comparison.getByRole('region', { name: 'CPU differential flame graph' });
      await flame.getByRole('img', { name: /Flame graph, \d+ nodes/ }).waitFor();
      await screenshot(page, 'sessions');
      await flame.scrollIntoViewIfNeeded();
      await screenshot(page, 'sessions-flame-diff');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'folded stacks (CPU)' }).click();
      const folded = await download;
      expect(folded.suggestedFilename()).toBe('starved.folded');
      expect(readFileSync(await folded.path(), 'utf8')).toMatch(
        /handleRequest \(file:[^;]*;renderPage \(file:[^ ]* \d+/,
      );
      // Opening a file picked in the browser (its contents travel over the bridge) replaces the comparison.
      await page.getByLabel('Open session…').setInputFiles(fixture);
      await comparison.waitFor({ state: 'detached' });
      await page.getByRole('region', { name: 'Current session' }).getByText('starved.hyperscope').waitFor();

      await showView(page, 'Attach');
      await page.getByRole('button', { name: /^pool-starvation / }).waitFor();
      await page.getByRole('textbox', { name: 'Inspector address' }).fill('10.1.2.3:9229');
      await page.getByText(/is not this machine/).waitFor();
      expect(await page.getByRole('button', { name: 'Connect', exact: true }).isDisabled()).toBe(true);
      await screenshot(page, 'attach');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('follows a dark OS theme', async () => {
    const { context, page } = await openBrowser('dark');
    try {
      await page.goto(ui.url);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(background).toBe('rgb(22, 24, 29)');
      await screenshot(page, 'dashboard-dark');
    } finally {
      await context.close();
    }
  });

  it('refuses a page without the token', async () => {
    const response = await fetch(ui.url.replace(/\?token=.*/, ''));
    expect(response.status).toBe(403);
  });
});

describe('browser mode, live demo', () => {
  it('attaches to the pool-starvation demo, fills the dashboard, reports the finding, stops', async () => {
    const { context, page, problems } = await openBrowser();
    try {
      await page.goto(ui.url);
      await showView(page, 'Attach');
      await page.getByRole('button', { name: /^pool-starvation / }).click();
      await page.getByText(/Recording demo: pool-starvation/).waitFor({ timeout: 30_000 });
      await page
        .getByRole('region', { name: 'Findings' })
        .getByText(/starved/)
        .waitFor({ timeout: 30_000 });
      await screenshot(page, 'live-dashboard');
      // Live, expanding a chain group asks the target's agent for one chain of it, outer → inner.
      await showView(page, 'Blocking chains');
      await page.locator('.chain-head').first().click({ timeout: 30_000 });
      await page
        .getByRole('list', { name: 'Chain links, outer to inner' })
        .or(page.getByText('No chain of this group is pending any more.'))
        .waitFor({ timeout: 15_000 });
      await expect(page.getByText(/Could not fetch the chain/).count()).resolves.toBe(0);
      await screenshot(page, 'live-chain');
      // A mark shows at once on the live chart, and comes back from the recorded file once stopped.
      await page.getByRole('button', { name: 'Mark', exact: true }).click();
      await page.locator('.chart-card').getByText('mark 1', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await page.getByRole('button', { name: 'Record', exact: true }).waitFor({ timeout: 30_000 });
      await expect(page.locator('.subject').textContent()).resolves.toMatch(/\.hyperscope$/);
      await showView(page, 'Dashboard');
      await page.locator('.chart-card').getByText('mark 1', { exact: true }).first().waitFor();
      await screenshot(page, 'recorded-dashboard');
      await showView(page, 'Findings');
      await page.getByText(/Raise maxSockets/).waitFor();
      await showView(page, 'CPU');
      await page.getByRole('img', { name: /Flame graph/ }).waitFor();
      await screenshot(page, 'live-cpu');
      await page.getByRole('button', { name: 'Detach', exact: true }).click();
      await page.getByRole('button', { name: 'Record', exact: true }).waitFor({ state: 'detached' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
