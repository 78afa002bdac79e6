/**
 * loop-saturated: a login service that hashes every request's token with `pbkdf2Sync` (~20 ms of CPU
 * each) before looking its session up. No single block is long, but under load the blocks follow each other
 * back to back: the loop is busy all the time and every request waits behind the others' hashing.
 */
import { pbkdf2Sync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoScenario, ScenarioService } from '../scenario';
import { demoToken } from '../service/customer-session';
import { HttpError, readJsonBody, sendJson } from '../service/http-json';
import { matchRoute } from '../service/routes';

export const loopSaturated: DemoScenario = {
  name: 'loop-saturated',
  description:
    'many medium blocks saturate the loop: every request hashes its token with pbkdf2Sync (~20 ms each)',
  load: {
    requests: [
      { method: 'POST', path: '/login', body: { customerId: 7, password: 'correct horse' } },
      { method: 'GET', path: '/account' },
      { method: 'GET', path: '/account' },
    ],
    // More than the ~50 requests a second that ~20 ms each lets one loop answer: it never catches up. Few
    // clients, so requests queue behind each other by a handful (blocks of ~20–80 ms, none of 100).
    concurrency: 4,
    ratePerSecond: 80,
  },
  start: async () => startLoginService(),
};

// The CPU time one hash should take here; the iterations are calibrated to it at start. Well under the
// 100 ms of a single long block: this scenario is the loop saturated by many medium ones.
const TARGET_HASH_MS = 20;
const SALT = 'hyperscope-demo-salt';

function startLoginService(): ScenarioService {
  const iterations = calibrateIterations(TARGET_HASH_MS);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (matchRoute(request, 'POST', /^\/login$/)) {
      const { customerId, password } = (await readJsonBody(request)) as {
        customerId?: number;
        password?: string;
      };
      if (!customerId || !password) throw new HttpError(400, 'customerId and password required');
      hashToken(password, iterations);
      return sendJson(response, 200, { token: demoToken(customerId) });
    }
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new HttpError(401, 'missing bearer token');
    // Sessions are keyed by the token's hash, so a stolen session table does not give tokens away.
    const key = hashToken(token, iterations);
    if (matchRoute(request, 'GET', /^\/account$/))
      return sendJson(response, 200, { session: key.slice(0, 8) });
    throw new HttpError(404, 'no such route');
  }

  return { handle, stop: async () => {} };
}

/** The hex PBKDF2-SHA256 of `token`: synchronous, on the request path. */
export function hashToken(token: string, iterations: number): string {
  return pbkdf2Sync(token, SALT, iterations, 32, 'sha256').toString('hex');
}

/**
 * The iterations that make one hash take about `targetMs` of CPU here, measured in CPU time (not wall
 * time, which a busy machine would stretch, so that too few iterations were chosen).
 */
function calibrateIterations(targetMs: number): number {
  const probe = 10_000;
  const msPerProbe = Math.min(
    ...[0, 1, 2].map(() => {
      const started = process.cpuUsage();
      hashToken('calibration', probe);
      const used = process.cpuUsage(started);
      return (used.user + used.system) / 1000;
    }),
  );
  return Math.max(1000, Math.min(2_000_000, Math.round((probe * targetMs) / Math.max(msPerProbe, 0.01))));
}
