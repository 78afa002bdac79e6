import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathInRoot } from './path-in-root';

/** A fake container root: /app/dist/main.js, an absolute link /app/current -> /app/dist, and a host file of the same name. */
function fakeRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'hyperscope-root-'));
  mkdirSync(join(root, 'app/dist'), { recursive: true });
  writeFileSync(join(root, 'app/dist/main.js'), 'inside');
  symlinkSync('/app/dist', join(root, 'app/current'));
  symlinkSync('../dist/main.js', join(root, 'app/dist/relative.js'));
  symlinkSync('/../../../app/dist/main.js', join(root, 'app/escape.js'));
  symlinkSync('/app/loop', join(root, 'app/loop'));
  return root;
}

describe('pathInRoot', () => {
  it('is the path itself without a root', async () => {
    expect(await pathInRoot(null, '/app/x.js')).toBe('/app/x.js');
  });

  it('resolves absolute links inside the root, not against ours', async () => {
    const root = fakeRoot();
    const found = await pathInRoot(root, '/app/current/main.js');
    expect(found).toBe(join(root, 'app/dist/main.js'));
    expect(await readFile(found, 'utf8')).toBe('inside');
  });

  it('follows relative links and cannot climb out of the root', async () => {
    const root = fakeRoot();
    expect(await pathInRoot(root, '/app/dist/relative.js')).toBe(join(root, 'app/dist/main.js'));
    expect(await pathInRoot(root, '/app/escape.js')).toBe(join(root, 'app/dist/main.js'));
    expect(await pathInRoot(root, '/../../app/dist/main.js')).toBe(join(root, 'app/dist/main.js'));
  });

  it('keeps a missing tail (reading it gives ENOENT) and stops a loop with ELOOP', async () => {
    const root = fakeRoot();
    expect(await pathInRoot(root, '/app/current/gone/x.js')).toBe(join(root, 'app/dist/gone/x.js'));
    await expect(pathInRoot(root, '/app/loop/x')).rejects.toMatchObject({ code: 'ELOOP' });
  });
});
