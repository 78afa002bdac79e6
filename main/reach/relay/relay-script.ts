/**
 * Where the relay's script (`out/reach/netns-relay.js`) is. When it has not been built yet (a fresh
 * checkout running from source), it is built first, as the agent bundle is.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildNodeBundles } from '../../agent/agent-bundle';

// From the CLI or Electron bundle (`out/cli/`, `out/main/`) the relay sits one folder up; from source, under `out/`.
const CANDIDATES = [
  new URL('../reach/netns-relay.js', import.meta.url),
  new URL('../../../out/reach/netns-relay.js', import.meta.url),
];

let built: Promise<void> | undefined;

/** The relay script's path. Rejects when it is missing and cannot be built. */
export async function relayScriptPath(): Promise<string> {
  const found = CANDIDATES.find((url) => existsSync(url));
  if (found) return fileURLToPath(found);
  built ??= buildNodeBundles();
  await built;
  const fromSource = CANDIDATES[1]!;
  if (!existsSync(fromSource)) throw new Error('the relay script (out/reach/netns-relay.js) is missing');
  return fileURLToPath(fromSource);
}
