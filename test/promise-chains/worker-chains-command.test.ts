/**
 * `hyperscope chains --pid` on a service that hands every request to a worker thread made before
 * Hyperscope came: the requests' chains wait on that thread, named by its id and script, on Node 20 and 26.
 * Needs `npm run build:node`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChainGroup } from '../../core/chains/promise-section';
import { runCli } from '../support/cli';
import { killNodeTargets, RANDOM_INSPECT_PORT, startProcess } from '../support/node-target';
import { nodeFor } from './run-target';

afterAll(killNodeTargets);

// The worker answers each quote three seconds after it is asked: a dozen quotes are always waiting.
const WORKER = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id }) => setTimeout(() => parentPort.postMessage({ id, price: 42 }), 3000));
`;

const SERVICE = `const { Worker } = require('node:worker_threads');
const pricing = new Worker(require('node:path').join(__dirname, 'pricing-worker.cjs'));
const pending = new Map();
let nextId = 1;
pricing.on('message', ({ id, price }) => {
  pending.get(id)(price);
  pending.delete(id);
});
function askPricing(productId) {
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    pricing.postMessage({ id, productId });
  });
}
async function handleQuote(productId) {
  return { productId, price: await askPricing(productId) };
}
setInterval(() => handleQuote(7), 200);
pricing.once('online', () => console.log('ready'));
`;

/** The service and its worker script in a temp directory; returns the service's path. */
function writeService(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hyperscope-worker-chains-'));
  writeFileSync(join(dir, 'pricing-worker.cjs'), WORKER);
  writeFileSync(join(dir, 'service.cjs'), SERVICE);
  return join(dir, 'service.cjs');
}

describe.each([20, 26])('hyperscope chains on Node %i', (major) => {
  const node = nodeFor(major);

  it.runIf(node)(
    'names the worker thread the requests wait on',
    async () => {
      const target = await startProcess(node!, [RANDOM_INSPECT_PORT, writeService()], 'ready');
      const json = await runCli(['chains', '--pid', String(target.pid), '--wait', '2s', '--json'], {
        timeoutMs: 30_000,
      });
      expect(json.code, json.stderr).toBe(0);
      const { groups } = JSON.parse(json.stdout) as { groups: ChainGroup[] };
      const quotes = groups.filter((group) =>
        [...group.frames, ...(group.waitFrames ?? [])].some((frame) => frame.functionName === 'askPricing'),
      );
      expect(quotes.length).toBeGreaterThan(0);
      const waits = quotes.flatMap((group) => group.waits);
      expect(waits.every((wait) => wait.reason.kind === 'worker')).toBe(true);
      expect(waits.map((wait) => wait.reason.detail)).toContain('worker thread 1 (pricing-worker.cjs)');
      // The text dump says it the same way, on the group and on its chain.
      const text = await runCli(['chains', '--pid', String(target.pid), '--wait', '1s'], {
        timeoutMs: 30_000,
      });
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/#\twaits on a reply from worker thread 1 \(pricing-worker\.cjs\) ×\d+/);
      expect(text.stdout).toMatch(/\n {2}waits on a reply from worker thread 1 \(pricing-worker\.cjs\)/);
      expect(text.stdout).not.toContain('never resolved');
    },
    60_000,
  );
});
