/**
 * Test support for the end-to-end tests: builds the app when missing or older than its sources, runs `hyperscope ui` as a real child
 * process, and drives headless Chromium against it with playwright-core.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { ensureNodeBundles, mtimeOf, newestSourceMtime } from '../support/node-bundles';

export const SCREENSHOTS_DIR = 'test-results/e2e';

/** What the renderer bundle is built from: a change to any of these makes `out/renderer` stale. */
const RENDERER_SOURCES = ['renderer', 'preload', 'core'];

/** Builds the CLI and the renderer unless both are built and newer than their sources (a directory walk). */
export function ensureBuilt(): void {
  ensureNodeBundles();
  const built = mtimeOf('out/renderer/index.html');
  if (built === 0 || newestSourceMtime(RENDERER_SOURCES, /\.(tsx?|css|html)$/) > built)
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
      stdio: 'inherit',
    });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
}

export interface RunningUi {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `hyperscope ui [file] --no-open` and resolves with the URL it prints. */
export async function startUi(args: string[]): Promise<RunningUi> {
  const child = spawn(process.execPath, ['out/cli/hyperscope.js', 'ui', ...args, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hyperscope ui printed no URL: ${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`hyperscope ui exited (${code}): ${output}`)));
  });
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Headless Chromium in a fresh profile; collects console errors and page errors into `problems`. */
export async function openBrowser(
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  // Callers close only the context, so the profile dir stays in the tmpdir (as it always has).
  const { context } = await launchChromium({ viewport: { width: 1400, height: 900 }, colorScheme });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

/** Clicks a view in the navigation and waits for its title. */
export async function showView(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}
