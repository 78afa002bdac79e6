// Folded stacks with a few lines without a value (a truncated line, a stray log line) open as speedscope
// opens them: `report` and `export` skip those lines, say how many and which, and keep the rest; text
// with no valid line is still refused with one clear line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureNodeBundles } from '../support/node-bundles';
import { runCli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-folded-'));
const folded = join(dir, 'service.folded');
writeFileSync(
  folded,
  'main;work;hash 30\nmain;idle 10\nmain;work;parse\nnot folded at all\nmain;work;hash 5\n',
);

describe('folded stacks with invalid lines', () => {
  it('report: the valid lines, and a warning naming the skipped ones', async () => {
    ensureNodeBundles();
    const { code, stdout, stderr } = await runCli(['report', folded]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^\s+35ms\s+77\.78%.*hash$/m);
    expect(stdout).toContain('warning: folded stacks: 2 lines without a value skipped (3, 4)');
  });

  it('export: writes the valid stacks and warns on stderr', async () => {
    ensureNodeBundles();
    const out = join(dir, 'service.speedscope.json');
    const { code, stderr } = await runCli(['export', folded, '--format', 'speedscope', '-o', out]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('hyperscope export: folded stacks: 2 lines without a value skipped (3, 4)');
    const written = JSON.parse(readFileSync(out, 'utf8')) as { shared: { frames: { name: string }[] } };
    expect(written.shared.frames.map((frame) => frame.name).sort()).toEqual(['hash', 'idle', 'main', 'work']);
  });

  it('text without one valid line is refused', async () => {
    ensureNodeBundles();
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'hello there\njust words\n');
    const { code, stderr } = await runCli(['report', notes]);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('not folded stacks (line 1: no value)');
  });
});
