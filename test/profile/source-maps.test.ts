/** Remapping real CPU profiles of TypeScript compiled by esbuild back to the `.ts` source. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCpuModel } from '../../core/profile/build-cpu-model';
import { hotFrames } from '../../core/profile/hot-frames';
import { remapModel } from '../../core/profile/source-map';
import { loadSourceMaps, loadSourceMapsFor } from '../../main/profile/load-source-maps';
import { captureProfiles } from './capture-profiles';

const SOURCE = fileURLToPath(new URL('./fixtures/hot-loop.ts', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperscope-sourcemaps-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function compile(sourcemap: 'linked' | 'external' | 'inline'): Promise<string> {
  const outfile = join(dir, `hot-loop-${sourcemap}.cjs`);
  await build({
    entryPoints: [SOURCE],
    outfile,
    format: 'cjs',
    platform: 'node',
    sourcemap,
    logLevel: 'silent',
  });
  return outfile;
}

describe.each(['linked', 'external', 'inline'] as const)('source maps (%s)', (kind) => {
  it('shows .ts locations after remapping', async () => {
    const script = await compile(kind);
    const { cpu } = await captureProfiles(script, 1 << 20);
    const model = buildCpuModel(cpu);
    const [generated] = hotFrames(model, 1);
    expect(generated?.url).toMatch(/hot-loop-\w+\.cjs$/);

    const { maps, problems } = await loadSourceMapsFor(model);
    expect(problems).toEqual([]);
    expect(maps.size).toBe(1);
    const remapped = remapModel(model, maps);
    const [original] = hotFrames(remapped, 1);
    expect(original).toMatchObject({ functionName: 'burnTypedCpu', line: 6 });
    expect(original!.url).toBe(new URL(`file://${SOURCE}`).href);
    expect(remapped.nodes.count).toBeLessThanOrEqual(model.nodes.count);
  });
});

it('reports a script whose map is missing, and skips urls that are not local files', async () => {
  const { writeFile } = await import('node:fs/promises');
  const script = join(dir, 'lost.js');
  await writeFile(script, 'function f() {}\n//# sourceMappingURL=lost.js.map\n');
  const { maps, problems } = await loadSourceMaps([script, 'node:internal/timers', '']);
  expect(maps.size).toBe(0);
  expect(problems).toHaveLength(1);
  expect(problems[0]!.reason).toMatch(/ENOENT/);
});

it('refuses the map of a script changed since the code ran (it would point at the wrong lines)', async () => {
  const { writeFile } = await import('node:fs/promises');
  const script = join(dir, 'rebuilt.js');
  const map = { version: 3, sources: ['rebuilt.ts'], names: [], mappings: 'AAAA' };
  await writeFile(
    script,
    `f();\n//# sourceMappingURL=data:application/json,${encodeURIComponent(JSON.stringify(map))}\n`,
  );
  const ranBefore = await loadSourceMaps([script], { ranAt: Date.now() - 60_000 });
  expect(ranBefore.maps.size).toBe(0);
  expect(ranBefore.problems[0]!.reason).toMatch(/changed on disk since it ran/);
  expect((await loadSourceMaps([script], { ranAt: Date.now() + 1000 })).maps.size).toBe(1);
});
