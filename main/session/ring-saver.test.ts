// Saving a ring while it records: one save at a time, each in its own file beside the output.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ringSaver, ringSnapshotPath } from './ring-saver';
import type { SaveRingTo } from './ring-saver';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-ring-saver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ringSaver', () => {
  it('names each save after the output and the time, and runs them one at a time', async () => {
    const output = join(dir, 'live.hyperscope');
    let running = 0;
    let most = 0;
    const saveRing: SaveRingTo = async (path) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      writeFileSync(path, 'ring\n');
      running--;
      return { path, keptFrom: 0, keptMs: 10_000, bytes: 5 };
    };
    const save = ringSaver(saveRing, output);
    const paths = (await Promise.all([save(), save()])).map((saved) => saved.path);
    expect(most).toBe(1);
    expect(paths[0]).toMatch(/live-\d{8}-\d{6}\.hyperscope$/);
    // Two saves within one second: the second gets the next free name.
    if (paths[1] !== paths[0]!.replace('.hyperscope', '-2.hyperscope'))
      expect(paths[1]).toMatch(/live-\d{8}-\d{6}\.hyperscope$/);
    expect(new Set(paths).size).toBe(2);
  });

  it('names the file it could not write, and goes on saving after a failure', async () => {
    let fail = true;
    const save = ringSaver(
      async (path) => {
        if (fail) throw new Error('disk full');
        return { path, keptFrom: 0, keptMs: 10_000, bytes: 5 };
      },
      join(dir, 'other.hyperscope'),
    );
    await expect(save()).rejects.toThrow(
      /^could not save the ring to .*other-\d{8}-\d{6}\.hyperscope: disk full$/,
    );
    fail = false;
    await expect(save()).resolves.toMatchObject({ keptMs: 10_000 });
  });

  it('puts the time (UTC) before the extension', () => {
    expect(ringSnapshotPath(join(dir, 'a.hyperscope'), new Date(Date.UTC(2026, 11, 7, 15, 30, 12)))).toBe(
      join(dir, 'a-20261207-153012.hyperscope'),
    );
  });
});
