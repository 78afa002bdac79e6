/**
 * Overhead of the TLS and undici collectors on an HTTP service that calls an HTTPS upstream for every
 * request, once through a keep-alive `https.Agent` and once through an undici `Pool` (the collectors'
 * hot paths: undici's dispatch patch and channels per request, TLS tracking per new connection). Two
 * workloads: keep-alive (handshakes rare) and a new HTTPS connection per request (a handshake each).
 * With and without the collectors, alternating, each round a fresh target process driven by autocannon.
 */
import autocannon from 'autocannon';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSelfSigned } from '../demo/support/self-signed';
import { bundleCollectors } from '../test/network/collector-process';
import { median, type Bench, type BenchFigure } from './bench';
import { startTarget } from './target-run';

const ROUNDS = 3;
const DURATION_S = 4;
const CONNECTIONS = 16;

// The target: an HTTPS upstream and the HTTP front that calls it, in one process (the collectors see
// both the client and the server side of every TLS connection, which is their worst case).
const TARGET = `
const https = require('node:https'), http = require('node:http');
const undici = require(process.cwd() + '/node_modules/undici');
if (process.env.HS_COLLECT === '1') {
  const { createTlsCollector, createUndiciCollector, startCollectors } = require(process.env.HS_BUNDLE);
  const collectors = [createTlsCollector(), createUndiciCollector()];
  startCollectors(collectors, require);
  setInterval(() => collectors.forEach((c) => JSON.stringify(c.collect(Date.now()))), 1000).unref();
}
const upstream = https.createServer({ key: process.env.HS_KEY, cert: process.env.HS_CERT }, (q, r) => r.end('{"ok":true}'));
upstream.keepAliveTimeout = 60_000;
upstream.listen(0, '127.0.0.1', () => {
  const origin = 'https://localhost:' + upstream.address().port;
  const perRequest = process.env.HS_WORKLOAD === 'handshake';
  const agent = perRequest ? false : new https.Agent({ keepAlive: true, maxSockets: 32 });
  const pool = new undici.Pool(origin, { connections: 32, connect: { rejectUnauthorized: false },
    pipelining: perRequest ? 0 : 1, ...(perRequest ? { maxRequestsPerClient: 1 } : {}) });
  const viaHttps = () => new Promise((resolve, reject) => {
    https.get(origin + '/a', { agent, rejectUnauthorized: false }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
  });
  const viaUndici = () => pool.request({ path: '/b', method: 'GET' }).then((res) => res.body.text());
  const front = http.createServer((req, res) => {
    Promise.all([viaHttps(), viaUndici()]).then(() => res.end('ok'), () => { res.statusCode = 502; res.end(); });
  });
  front.listen(0, '127.0.0.1', () => console.log(front.address().port));
});
`;

async function measure(dir: string, env: NodeJS.ProcessEnv): Promise<number> {
  const { url, stop } = await startTarget(join(dir, 'target.cjs'), env, null);
  try {
    await autocannon({ url, connections: CONNECTIONS, duration: 1 }); // warm-up
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`bench target failed requests: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return result.requests.average;
  } finally {
    stop();
  }
}

export const tlsPoolsBench: Bench = {
  name: 'tls-pools',
  summary: `HTTP front calling an HTTPS upstream (https.Agent + undici Pool), ${CONNECTIONS} connections, with vs without the TLS and undici collectors`,
  async run(): Promise<BenchFigure[]> {
    const bundle = await bundleCollectors();
    const cert = createSelfSigned();
    try {
      writeFileSync(join(bundle.dir, 'target.cjs'), TARGET);
      const base = { HS_BUNDLE: join(bundle.dir, 'collectors.cjs'), HS_KEY: cert.key, HS_CERT: cert.cert };
      const figures: BenchFigure[] = [];
      for (const workload of ['keepalive', 'handshake'] as const) {
        const off: number[] = [];
        const on: number[] = [];
        // Alternating, so machine noise hits both sides alike.
        for (let round = 0; round < ROUNDS; round++) {
          off.push(await measure(bundle.dir, { ...base, HS_WORKLOAD: workload, HS_COLLECT: '0' }));
          on.push(await measure(bundle.dir, { ...base, HS_WORKLOAD: workload, HS_COLLECT: '1' }));
        }
        console.log(
          `  ${workload}: off ${off.map(Math.round).join(', ')} req/s; on ${on.map(Math.round).join(', ')} req/s`,
        );
        figures.push({
          name: `${workload} throughput`,
          value: median(on),
          baseline: median(off),
          unit: 'req/s',
          baselineName: 'no collectors',
        });
      }
      return figures;
    } finally {
      bundle.cleanup();
      cert.cleanup();
    }
  },
};
