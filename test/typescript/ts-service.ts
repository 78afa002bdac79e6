/**
 * A small TypeScript HTTP service whose checkout makes three upstream calls through an `http.Agent` of
 * 2 sockets (pool starvation under load), written in the module forms TypeScript runs in: ESM (`.mts`,
 * `.ts` with imports) and CommonJS (`.cts`), to be run by tsx, ts-node or Node's own type stripping.
 * The pool is created at `billing:AGENT_LINE` and queued from `billing:GET_LINE`; `price`, declared at
 * `billing:PRICE_LINE` (after an interface and a type alias, which compilers drop: its compiled line is
 * another), spins 2 ms of CPU every 20 ms, the service's hottest function.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const AGENT_LINE = 9;
export const GET_LINE = 13;

const BILLING_BODY = `
/** Where one checkout's calls go. */
interface Upstream {
  port: number;
}

// Two sockets for three calls a request: requests queue for the pool.
const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });

function charge(upstream: Upstream, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: upstream.port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    }).on('error', reject);
  });
}

type Amounts = readonly number[];

/** A checkout's price: arithmetic enough to lead the CPU profile. */
function price(amounts: Amounts): number {
  const until = Date.now() + 2;
  let total = 0;
  for (let i = 1; ; i++) {
    total += Math.sqrt(amounts[i % amounts.length]! * i);
    if (i % 4096 === 0 && Date.now() >= until) return total;
  }
}
`;

/** The 1-based line of `billing` whose text starts with `start` (billing is one line, then the body). */
function billingLine(start: string): number {
  return BILLING_BODY.split('\n').findIndex((line) => line.startsWith(start)) + 2;
}

export const PRICE_LINE = billingLine('function price(');

const SERVE = (billing: string) => `
const upstream = { port: Number(process.env.UPSTREAM_PORT) };
const server = http.createServer(async (_request, response) => {
  const calls: Promise<void>[] = ['/card', '/tax', '/ledger'].map((path) => ${billing}charge(upstream, path));
  await Promise.all(calls);
  response.end('ok');
});
server.listen(0, '127.0.0.1', () => console.log('ready ' + (server.address() as { port: number }).port));
// Called by Node's timers, not from a small arrow: TurboFan would inline price into one, and the CPU
// profile would credit the arrow with its samples (Node 22).
setInterval(${billing}price, 20, [3, 5, 7]);
`;

export type ModuleForm = 'esm' | 'cjs';

/**
 * Writes `billing` and `app` (`ext`: `.ts`, `.mts` or `.cts`) into a temp dir with a package.json of
 * `form`'s type; returns the dir, the app and billing paths. The ESM app imports `./billing<ext>`.
 */
export function writeTsService(
  form: ModuleForm,
  ext: '.ts' | '.mts' | '.cts',
): { dir: string; app: string; billing: string } {
  const dir = mkdtempSync(join(tmpdir(), `hyperscope-ts-${form}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: form === 'esm' ? 'module' : 'commonjs' }));
  const billing = join(dir, `billing${ext}`);
  const app = join(dir, `app${ext}`);
  if (form === 'esm') {
    writeFileSync(billing, `import http from 'node:http';\n${BILLING_BODY}\nexport { charge, price };\n`);
    writeFileSync(
      app,
      `import http from 'node:http';\nimport { charge, price } from './billing${ext}';\n${SERVE('')}`,
    );
  } else {
    writeFileSync(
      billing,
      `const http = require('node:http');\n${BILLING_BODY}\nmodule.exports = { charge, price };\n`,
    );
    writeFileSync(
      app,
      `const http = require('node:http');\nconst billing = require('./billing${ext}');\n${SERVE('billing.')}`,
    );
  }
  return { dir, app, billing };
}
