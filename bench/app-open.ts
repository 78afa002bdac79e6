/**
 * Opening a file in the app's browser mode, timed as a user waits for it: Chromium is up before the
 * clock starts (its launch is no viewer's cost), then `hyperscope ui FILE`, the Dashboard, and the CPU
 * view's flame graph drawn. Shared by the flame-ui and long-recording benches.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { openBrowser, showView, startUi } from '../test/e2e/browser-app';

/** Resolves once the page has drawn two more frames (what is on screen includes the last change). */
export function nextFrames(page: Page): Promise<unknown> {
  return page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

/** The app opened on a file, with its browser and server still up. */
export interface AppOpened {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors so far. */
  problems: string[];
  ui: Awaited<ReturnType<typeof startUi>>;
  /** From the clock's start until the Dashboard showed (and, with `drawDashboard`, was drawn), ms. */
  dashboardMs: number;
  /** From the clock's start until the CPU view's flame graph was drawn, ms. */
  flameMs: number;
}

/**
 * Opens `file` in the app up to its flame graph, waiting `timeoutMs` at most for each step, runs `then`
 * on the opened app (untimed), and closes browser and server. `drawDashboard` also waits for the
 * Dashboard's frames before moving on.
 */
export async function withAppOpened<T>(
  file: string,
  options: { timeoutMs: number; drawDashboard?: boolean },
  then: (opened: AppOpened) => Promise<T>,
): Promise<T> {
  const { context, page, problems } = await openBrowser();
  const started = performance.now();
  const ui = await startUi([file]).catch(async (error: unknown) => {
    await context.close();
    throw error;
  });
  try {
    await page.goto(ui.url);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor({ timeout: options.timeoutMs });
    if (options.drawDashboard) await nextFrames(page);
    const dashboardMs = performance.now() - started;
    await showView(page, 'CPU');
    await page.getByRole('img', { name: /Flame graph/ }).waitFor({ timeout: options.timeoutMs });
    await nextFrames(page);
    const flameMs = performance.now() - started;
    return await then({ context, page, problems, ui, dashboardMs, flameMs });
  } finally {
    await context.close();
    await ui.stop();
  }
}
