/** Headless Debian Chromium driven by playwright-core, in a fresh profile dir per launch (removed on close). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and removes its profile dir. */
  close(): Promise<void>;
}

export interface ChromiumOptions {
  /** CSS pixels; playwright's default (1280×720) when unset. */
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const dir = await mkdtemp(join(tmpdir(), 'hyperscope-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ...options,
    // Quiet and offline: no GPU, no QUIC, no updates or sync calling out during a test.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
