/**
 * End to end in headless Chromium against browser mode (`hyperscope ui`): a ring recording from the app.
 * "Keep only the last 1 minute" in Attach, record the healthy demo, "Save last 1 min" mid-way — a new
 * session file that validates and that `hyperscope report` reads, opened from the notice while the
 * recording goes on — then Stop, which writes the ring as the recording's own file.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionFile } from '../../main/session/read-session-file';
import { sessionRecordValidator } from '../support/session-schema';
import { ensureBuilt, openBrowser, screenshot, showView, startUi } from './browser-app';
import type { RunningUi } from './browser-app';

const run = promisify(execFile);
let ui: RunningUi;
/** Files the recording wrote (in the system's temp directory), removed at the end. */
const written: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  ui = await startUi([]);
}, 120_000);
afterAll(async () => {
  await ui?.stop();
  for (const path of written) rmSync(path, { force: true });
});

function expectValid(path: string): void {
  const validate = sessionRecordValidator();
  for (const line of readFileSync(path, 'utf8').trim().split('\n'))
    expect(validate(JSON.parse(line)), `${line.slice(0, 200)}\n${JSON.stringify(validate.errors)}`).toBe(
      true,
    );
}

describe('browser mode, ring recording', () => {
  it('keeps the last minute, saves it mid-way and opens it, then writes the ring on stop', async () => {
    const { context, page, problems } = await openBrowser();
    try {
      await page.goto(ui.url);
      await page.getByRole('heading', { level: 1, name: 'Attach' }).waitFor();
      const minutes = page.getByLabel('Minutes to keep');
      // Off by default: the recording keeps everything.
      await expect(minutes.isDisabled()).resolves.toBe(true);
      await page.getByRole('checkbox', { name: 'Keep only the last' }).check();
      await minutes.fill('0.1');
      await page.getByText('Keep at least 10 s (0.17 minutes)').waitFor();
      await minutes.fill('1');
      await screenshot(page, 'ring-attach');

      await page.getByRole('button', { name: /^healthy / }).click();
      await page.getByText(/Recording demo: healthy/).waitFor({ timeout: 30_000 });
      await page.getByText('last 1 min kept').waitFor();
      await page.getByText(/· [2-9] snapshots/).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Save last 1 min' }).click();
      const notice = page.getByRole('status', { name: 'Saved ring' });
      await notice.getByText(/Saved the last [\d.]+ s \([\d.]+ KiB\) to/).waitFor({ timeout: 15_000 });
      const saved = (await notice.locator('code').textContent()) ?? '';
      written.push(saved);
      expect(saved).toMatch(/hyperscope-\d+-\d{8}-\d{6}-\d{8}-\d{6}(-\d+)?\.hyperscope$/);
      await screenshot(page, 'ring-saved');

      // The saved ring is a session of its own: valid, read by `hyperscope report`, the recording's start kept.
      expect(existsSync(saved)).toBe(true);
      expectValid(saved);
      const early = await readSessionFile(saved);
      expect(early.header.ring?.spanMs).toBe(60_000);
      expect(early.end).toBeNull();
      expect(early.snapshots.length).toBeGreaterThanOrEqual(2);
      const report = await run(process.execPath, ['bin/hyperscope.js', 'report', '--json', saved]);
      expect(JSON.parse(report.stdout)).toMatchObject({ schema: 'hyperscope.report/1' });

      // Opened from the notice, it shows in Sessions while the recording goes on.
      await notice.getByRole('button', { name: 'Open' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
      await page
        .getByRole('region', { name: 'Current session' })
        .getByText(basename(saved))
        .first()
        .waitFor();
      await expect(page.getByText(/Recording demo: healthy/).isVisible()).resolves.toBe(true);
      await page.getByText('not yet: saved while the ring recording went on').waitFor();
      await screenshot(page, 'ring-opened');

      // The recording goes on past the save: at least one snapshot more before it stops (a loaded runner
      // took longer than the steps above to collect the next one).
      const snapshotsShown = async () =>
        Number(
          /· (\d+) snapshots/.exec((await page.getByText(/· \d+ snapshots/).textContent()) ?? '')?.[1] ?? 0,
        );
      await expect.poll(snapshotsShown, { timeout: 15_000 }).toBeGreaterThan(early.snapshots.length);
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await page.getByRole('button', { name: 'Record', exact: true }).waitFor({ timeout: 30_000 });
      // The stopped recording's own file replaces the saved ring on screen once it has been read.
      const subject = page.locator('.subject', { hasText: /^hyperscope-\d+-\d{8}-\d{6}\.hyperscope$/ });
      await subject.waitFor({ timeout: 15_000 });
      await showView(page, 'Sessions');
      const path =
        (await page.getByRole('region', { name: 'Current session' }).locator('dd code').textContent()) ?? '';
      written.push(path);
      expect(basename(path)).toBe(await subject.textContent());
      expectValid(path);
      const whole = await readSessionFile(path);
      expect(whole.header.ring).toEqual({
        spanMs: 60_000,
        recordingStartedAt: early.header.ring!.recordingStartedAt,
      });
      expect(whole.end).not.toBeNull();
      expect(whole.snapshots.length).toBeGreaterThan(early.snapshots.length);
      await page.getByRole('button', { name: 'Detach', exact: true }).click();
      await page.getByRole('button', { name: 'Record', exact: true }).waitFor({ state: 'detached' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
