/**
 * The busy TypeScript service of `test/alloc/fixtures/busy-server.ts`, bundled with esbuild into a temp dir
 * with a linked source map: a target whose profiles name generated code that maps back to `.ts` lines.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BUSY_SERVER_SOURCE = fileURLToPath(new URL('../alloc/fixtures/busy-server.ts', import.meta.url));

/** Bundles the service; returns the temp dir and the script to run with `node`. */
export async function bundleBusyServer(prefix: string): Promise<{ dir: string; script: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const script = join(dir, 'busy-server.cjs');
  await bundleForNode(BUSY_SERVER_SOURCE, script);
  return { dir, script };
}

/** Bundles the TypeScript `source` with esbuild into the CommonJS `script`, with a linked source map. */
export async function bundleForNode(source: string, script: string): Promise<void> {
  await build({
    entryPoints: [source],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'silent',
  });
}
