/**
 * The exports opened by their own tools: `go tool pprof -top` (Debian's golang-go) reads the pprof files,
 * the speedscope app from the npm package loads the speedscope file in headless Chromium, and the HTML and
 * SVG flame graphs render there without running anything a hostile function name carries.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProfile, type ExportFormat } from '../../core/export/export-profile';
import type { ProfileKind, ProfileSet } from '../../core/import/profile-set';
import { readProfileInput } from '../../main/export/read-profile-input';
import { writeExport } from '../../main/export/write-export';
import { collectText } from './collect';
import { launchChromium, type Browser } from '../support/chromium';
import { HOSTILE_NAME, makeFixtures, type Fixtures } from './fixtures';
import { serveFolder } from './static-server';

let fixtures: Fixtures;
let session: ProfileSet;
let out: string;
let browser: Browser;
beforeAll(async () => {
  fixtures = await makeFixtures();
  session = await readProfileInput(fixtures.session);
  out = await mkdtemp(join(tmpdir(), 'hyperscope-tools-'));
  browser = await launchChromium();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await rm(fixtures.dir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

async function exportTo(format: ExportFormat, kind: ProfileKind, name: string): Promise<string> {
  const path = join(out, name);
  await writeExport(exportProfile(session, format, kind, 'workload'), path);
  return path;
}

async function pprofTop(path: string, sampleIndex?: string): Promise<string> {
  const args = ['tool', 'pprof', '-top', ...(sampleIndex ? [`-sample_index=${sampleIndex}`] : []), path];
  const { stdout } = await promisify(execFile)('go', args, {
    timeout: 20_000,
    env: { ...process.env, PPROF_TMPDIR: out },
  });
  return stdout;
}

/** The function names of `pprof -top`'s rows, hottest first. */
const topNames = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => /^\s*\S+\s+[\d.]+%\s+[\d.]+%/.test(line))
    .map((line) => line.trim().split(/\s+/).slice(5).join(' '));

describe('go tool pprof', () => {
  it('reads the CPU profile as cpu nanoseconds, hottest function first', async () => {
    const text = await pprofTop(await exportTo('pprof', 'cpu', 'cpu.pb.gz'));
    expect(text).toMatch(/^Type: cpu$/m);
    expect(text).toMatch(/^Duration: /m);
    expect(topNames(text)[0]).toBe('spinHot');
  });

  it('reads allocations as alloc_space / inuse_space, in bytes', async () => {
    const path = await exportTo('pprof', 'alloc', 'alloc.pb.gz');
    const allocated = await pprofTop(path);
    expect(allocated).toMatch(/^Type: alloc_space$/m);
    expect(topNames(allocated).slice(0, 2).sort()).toEqual(['makeBig', 'makeSmall']);
    const alive = await pprofTop(path, 'inuse_space');
    expect(alive).toMatch(/^Type: inuse_space$/m);
    expect(topNames(alive)[0]).toBe('makeBig');
    expect(alive).toMatch(/\d(\.\d+)?[kMG]B /);
    expect(await pprofTop(path, 'alloc_objects')).toMatch(/^Type: alloc_objects$/m);
  });

  it('reads promise chains as pending_chains counts', async () => {
    const text = await pprofTop(await exportTo('pprof', 'chains', 'chains.pb.gz'));
    expect(text).toMatch(/^Type: pending_chains$/m);
    expect(text).toMatch(/accounting for 154, 100% of 154 total/);
    // pprof shortens names by dropping `<…>` (C++ templates): what is left of the hostile name leads.
    expect(topNames(text)[0]).toContain(`"'&`);
    expect(topNames(text).slice(1, 3)).toEqual(['fetchUser', '(no stack sampled)']);
  });
});

describe('speedscope app in Chromium', () => {
  it('loads the CPU export and lists the workload functions, with no import error', async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('speedscope/dist/release/index.html'));
    const profile = Buffer.from(collectText(exportProfile(session, 'speedscope', 'cpu', 'workload')));
    const server = await serveFolder(root, { '/profile.speedscope.json': profile });
    const page = await browser.context.newPage();
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    page.on('pageerror', (error) => logs.push(`pageerror ${error.message}`));
    try {
      const url = `${server.origin}/profile.speedscope.json`;
      await page.goto(`${server.origin}/index.html#profileURL=${encodeURIComponent(url)}`);
      await page.getByText('Sandwich').click();
      const table = page.locator('body');
      await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('spinHot');
      const text = await table.innerText();
      for (const name of ['makeSmall', 'makeBig', 'run', 'CPU time']) expect(text).toContain(name);
      expect(logs.join('\n')).toContain('Importing as speedscope json file');
      expect(logs.join('\n')).not.toMatch(/pageerror|Failed to load|error/i);
    } finally {
      await page.close();
      await server.close();
    }
  });
});

describe('HTML and SVG flame graphs in Chromium', () => {
  it('HTML: one file, no network, hostile names stay text; zoom, search and tooltips work', async () => {
    const path = await exportTo('html', 'chains', 'chains.html');
    const page = await browser.context.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.goto(pathToFileURL(path).href);
      const rects = () => page.evaluate(() => (globalThis as unknown as FlameApi).hyperscopeFlame.rects());
      const hostile = (await rects()).find((r) => r.label === HOSTILE_NAME);
      expect(hostile, JSON.stringify(await rects())).toBeDefined();
      expect(await page.locator('img').count()).toBe(0);
      // Tooltip: the name as text, exactly.
      const canvas = await page.locator('#flame').boundingBox();
      await page.mouse.move(canvas!.x + hostile!.x + 2, canvas!.y + hostile!.y + 5);
      await expect.poll(() => page.locator('#tooltip').textContent()).toContain(HOSTILE_NAME);
      expect(await page.locator('#tooltip').isVisible()).toBe(true);
      // Zoom into the hostile box, then out.
      await page.mouse.click(canvas!.x + hostile!.x + 2, canvas!.y + hostile!.y + 5);
      expect(await page.locator('#status').textContent()).toContain('Zoomed into');
      const zoomed = (await rects()).find((r) => r.label === HOSTILE_NAME)!;
      expect(zoomed.width).toBeGreaterThan(hostile!.width);
      await page.keyboard.press('Escape');
      expect(await page.locator('#status').textContent()).toContain('Click a box to zoom');
      // Search: 120 of 154 chains sit under the hostile frame.
      await page.locator('#search').fill('onerror');
      expect(await page.locator('#status').textContent()).toContain('77.92% of the total');
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([pathToFileURL(path).href]);
    } finally {
      await page.close();
    }
  });

  it('SVG: well-formed, escaped names, nothing runs', async () => {
    const path = await exportTo('svg', 'chains', 'chains.svg');
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.goto(pathToFileURL(path).href);
      expect(await page.locator('parsererror').count()).toBe(0);
      const titles = await page.locator('title').allTextContents();
      expect(titles.some((t) => t.startsWith(HOSTILE_NAME.replace('\u0001', '\uFFFD')))).toBe(true);
      expect(await page.locator('text').allTextContents()).toContain('handleRequest');
      expect(await page.locator('img').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

interface FlameApi {
  hyperscopeFlame: { rects(): { label: string; x: number; y: number; width: number }[] };
}
