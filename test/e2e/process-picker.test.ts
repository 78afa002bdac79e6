/**
 * End to end, in headless Chromium against browser mode: a cluster's session file (an idle primary, a
 * worker that exited early, a worker whose pool starves) opens with the process/thread picker. "All"
 * shows every process side by side and every finding with its place; picking the starving worker shows
 * its own dashboard and its pool-starvation finding; picking the primary says the others have findings;
 * "All" draws flame graphs merged over the processes. A one-process session shows no picker. Then,
 * live: attached to a real node:cluster primary, the picker lists its workers as they are recorded,
 * a worker picked shows its own snapshots, and stays picked in the session opened when recording stops.
 * Screenshots go to test-results/e2e/picker-*.png.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startClusterService, startLoad, startSlowUpstream } from '../support/cluster-service';
import { killNodeTargets } from '../support/node-target';
import { ensureBuilt, openBrowser, screenshot, showView, startUi } from './browser-app';
import type { RunningUi } from './browser-app';
import { HOT, writeClusterSession } from './cluster-fixture';
import { writeFixtureSession } from './session-fixture';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-e2e-cluster-'));
const cluster = join(dir, 'cluster.hyperscope');
const single = join(dir, 'single.hyperscope');
let ui: RunningUi;

beforeAll(async () => {
  ensureBuilt();
  writeClusterSession(cluster);
  writeFixtureSession(single);
  ui = await startUi([cluster]);
}, 120_000);
afterAll(() => ui?.stop());

const picker = (page: Page) => page.getByRole('radiogroup', { name: 'Process or thread' });
const choice = (page: Page, name: RegExp) => picker(page).getByRole('radio', { name });

describe('browser mode, a session of several processes', () => {
  it('picks the starving worker and sees its finding, and sees all processes combined', async () => {
    const { context, page, problems } = await openBrowser();
    try {
      await page.goto(ui.url);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      // Every process is in sight, the worker with the finding marked, the one that exited too.
      await expect(choice(page, /^All \(combined\)/).getAttribute('aria-checked')).resolves.toBe('true');
      await choice(page, /^primary \(pid 4242\)/).waitFor();
      await expect(choice(page, /^worker 2 of 2 pid 4244/).getAttribute('title')).resolves.toMatch(
        /1 critical/,
      );
      await expect(choice(page, /^worker 1 of 2/).textContent()).resolves.toMatch(/exited at 20s/);
      const overview = page.getByRole('region', { name: 'Processes and threads' });
      await overview.getByRole('row', { name: /worker 2 of 2.*1 critical/ }).waitFor();
      await page
        .getByRole('region', { name: 'Findings' })
        .getByRole('button', { name: /starved/ })
        .getByText('worker 2 of 2 · pid 4244')
        .waitFor();
      await page.getByText('Requests queued for a socket, by process').waitFor();
      await screenshot(page, 'picker-dashboard-all');

      await choice(page, /^worker 2 of 2/).click();
      await expect(choice(page, /^worker 2 of 2/).getAttribute('aria-checked')).resolves.toBe('true');
      const tiles = page.getByRole('region', { name: 'Current figures' });
      await tiles.locator('.tile.alarming').getByText('Requests queued for a socket').waitFor();
      await screenshot(page, 'picker-dashboard-worker');
      await showView(page, 'Findings');
      const finding = page.getByRole('article', { name: /starved: up to \d+ requests queued/ });
      await finding.getByText('worker 2 of 2 · pid 4244').waitFor();
      await finding.getByText(/Raise maxSockets/).waitFor();
      await screenshot(page, 'picker-findings-worker');

      // The idle primary says the others have findings too.
      await choice(page, /^primary/).click();
      await page.getByText(/^\d+ more in other processes or threads/).waitFor();
      await page.getByRole('button', { name: 'Show all' }).click();
      await expect(choice(page, /^All/).getAttribute('aria-checked')).resolves.toBe('true');
      await page
        .getByRole('button', { name: /starved/ })
        .getByText('worker 2 of 2 · pid 4244')
        .waitFor();
      await screenshot(page, 'picker-findings-all');

      await showView(page, 'CPU');
      await page.getByRole('img', { name: /Flame graph/ }).waitFor();
      await page.getByText('3 windows of 3 processes merged').waitFor();
      for (const name of Object.values(HOT))
        await page.getByRole('cell', { name: new RegExp(name) }).waitFor();
      await screenshot(page, 'picker-cpu-all');
      await choice(page, /^worker 2 of 2/).click();
      await page.getByText('1 window merged').waitFor();
      await page.getByRole('cell', { name: new RegExp(HOT.worker2) }).waitFor();
      await expect(page.getByRole('cell', { name: new RegExp(HOT.primary) }).count()).resolves.toBe(0);

      await choice(page, /^All/).click();
      await showView(page, 'Allocations');
      await page.getByRole('img', { name: /Flame graph/ }).waitFor();
      for (const name of Object.values(HOT))
        await page.getByRole('cell', { name: new RegExp(name) }).waitFor();
      await page.getByRole('region', { name: 'Allocation sizes' }).getByText('all 3 processes').waitFor();
      await screenshot(page, 'picker-allocations-all');

      await showView(page, 'Network');
      const pools = page.getByRole('region', { name: 'Connection pools' });
      await pools.getByRole('columnheader', { name: 'Process or thread' }).waitFor();
      await expect(pools.getByRole('row').nth(1).textContent()).resolves.toMatch(/^worker 2 of 2/);
      await screenshot(page, 'picker-network-all');

      // Exports follow the picker: the worker chosen alone, named in the file name.
      await choice(page, /^worker 2 of 2/).click();
      await showView(page, 'Sessions');
      await page.getByText('Exports worker 2 of 2 alone').waitFor();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'folded stacks (CPU)' }).click();
      const folded = await download;
      expect(folded.suggestedFilename()).toBe('cluster-p4244.folded');
      const stacks = readFileSync(await folded.path(), 'utf8');
      expect(stacks).toContain(HOT.worker2);
      expect(stacks).not.toContain(HOT.primary);

      // A one-process session: no picker at all.
      await page.getByLabel('Open session…').setInputFiles(single);
      await page.getByRole('region', { name: 'Current session' }).getByText('single.hyperscope').waitFor();
      await expect(picker(page).count()).resolves.toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('browser mode, recording a cluster live', () => {
  afterEach(killNodeTargets);

  it('lists the workers being recorded, shows the one picked, and keeps it when stopped', async () => {
    const upstream = await startSlowUpstream(250);
    const service = await startClusterService(2, upstream.port);
    const load = startLoad(service.port, 12, 60_000);
    const { context, page, problems } = await openBrowser();
    try {
      await page.goto(ui.url);
      await showView(page, 'Attach');
      const row = page.locator('tr', {
        has: page.getByRole('cell', { name: String(service.primary.pid), exact: true }),
      });
      await row.getByRole('button', { name: 'Attach' }).click({ timeout: 30_000 });
      await page.getByText(/and 2 processes/).waitFor({ timeout: 30_000 });
      // The cluster balances connections as it likes: pick whichever worker starves first.
      const flagged = picker(page)
        .getByRole('radio', { name: /^worker \d of 2 .*(critical|warning) findings/ })
        .first();
      await flagged.waitFor({ timeout: 60_000 });
      const label = /worker \d of 2/.exec((await flagged.textContent()) ?? '')![0];
      const worker = choice(page, new RegExp(`^${label}`));
      await worker.click();
      await expect(worker.getAttribute('aria-checked')).resolves.toBe('true');
      // Its starving pool, reported live, placed on it; its own snapshots on the charts.
      await page
        .getByRole('region', { name: 'Findings' })
        .getByRole('button', { name: /starved/ })
        .getByText(new RegExp(`${label} · pid \\d+`))
        .waitFor();
      await page.getByRole('region', { name: 'Current figures' }).getByText('Requests in flight').waitFor();
      await screenshot(page, 'picker-live-worker');
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await page.getByRole('button', { name: 'Record', exact: true }).waitFor({ timeout: 30_000 });
      await expect(page.locator('.subject').textContent()).resolves.toMatch(/\.hyperscope$/);
      await expect(worker.getAttribute('aria-checked')).resolves.toBe('true');
      await showView(page, 'Findings');
      await page
        .getByRole('button', { name: /starved/ })
        .first()
        .waitFor();
      await expect(page.locator('.finding-place').first().textContent()).resolves.toContain(label);
      await page.getByRole('button', { name: 'Detach', exact: true }).click();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await load.stop();
      await upstream.close();
    }
  }, 120_000);
});
