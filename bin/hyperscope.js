#!/usr/bin/env node
// The published entry: runs the CLI bundle that `npm run build` (run by `npm install`) writes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/hyperscope.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('hyperscope: not built yet; run `npm run build` in the hyperscope folder\n');
  process.exit(1);
}
await import(bundle);
