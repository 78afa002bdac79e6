/**
 * A worker-thread script the demo runs, built by `scripts/build-node.mjs` into `out/cli/` beside the CLI
 * bundle. Found beside the running bundle, or in the repository's `out/cli/` when the demo runs from its
 * TypeScript sources (tests: `npm run build:node` makes it), since Node cannot start a worker from `.ts`.
 */
import { existsSync } from 'node:fs';

/** The URL of bundled worker script `fileName` (e.g. `demo-pricing-worker.js`); throws one line when it is not built. */
export function bundledWorkerFile(fileName: string): URL {
  const candidates = [
    new URL(`./${fileName}`, import.meta.url),
    new URL(`../../out/cli/${fileName}`, import.meta.url),
  ];
  const found = candidates.find((url) => existsSync(url));
  if (!found) throw new Error(`the demo's worker script ${fileName} is not built (npm run build:node)`);
  return found;
}
