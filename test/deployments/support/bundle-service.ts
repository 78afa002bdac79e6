/** The container service fixture, bundled with esbuild and a linked source map into `outDir`. */
import { fileURLToPath } from 'node:url';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForNode } from '../../support/bundled-ts-target';

const SOURCE = fileURLToPath(new URL('../fixtures/container-service.ts', import.meta.url));

/** Bundles the service into `outDir` (readable by every user); returns the script to run with `node`. */
export async function bundleService(outDir: string): Promise<string> {
  const script = join(outDir, 'service.cjs');
  await bundleForNode(SOURCE, script);
  chmodSync(outDir, 0o755);
  return script;
}
