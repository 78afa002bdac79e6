// Each demo scenario, recorded through the CLI as a user would, yields its finding; `healthy` yields no
// critical or warning finding, though it calls an upstream over HTTPS (so TLS findings could fire).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summariseTlsHosts } from '../core/network/tls-host-summary';
import type { Report } from '../core/report/report';
import { readSessionFile } from '../main/session/read-session-file';
import { demoCommand, reportJson, runCli } from './support/cli';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-scenarios-'));

async function recordScenario(scenario: string, seconds: number): Promise<Report> {
  const output = join(dir, `${scenario}.hyperscope`);
  const demo = demoCommand(scenario);
  const recorded = await runCli(['record', '-q', '--duration', `${seconds}s`, '-o', output, ...demo]);
  expect(recorded.code, recorded.stderr).toBe(0);
  return reportJson(output);
}

/**
 * What a finding's title must say, where the main thread's finding names something else: the front's
 * requests wait on the pricing thread's replies, and the main thread names that thread (the pool starving
 * inside it is found when its thread is recorded too, not asked for here).
 */
const MAIN_THREAD_TITLES: Record<string, RegExp> = {
  'worker-pool-starvation': /on a reply from worker thread \d+ \(demo-pricing-worker\.js\)$/,
};

describe.concurrent('demo scenarios, recorded and reported', () => {
  it('healthy has no critical or warning finding', async () => {
    const report = await recordScenario('healthy', 10);
    expect(report.schema).toBe('hyperscope.report/1');
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // Promise tracking ran (its section is in the report); a healthy service answers too fast for a
    // snapshot to always catch a chain pending, so no count is asked for.
    expect(report.chains?.counts.created).toBeGreaterThan(0);
    // It did TLS, over a keep-alive pool: a handshake per connection, not one per call.
    const session = await readSessionFile(join(dir, 'healthy.hyperscope'));
    const clientHandshakes = summariseTlsHosts(session)
      .filter((host) => host.side === 'client')
      .reduce((sum, host) => sum + host.completed, 0);
    expect(clientHandshakes).toBeGreaterThan(0);
    expect(clientHandshakes).toBeLessThan(report.summary.requests.completed / 8);
  });

  it.each([
    // Made before or after attach, the starved pool is traced to the scenario's code (its maker or its caller).
    ['pool-starvation', 'pool-starvation', /pool-starvation(-agent)?\.ts/],
    ['socket-leak', 'socket-leak', null],
    ['fd-exhaustion', 'fd-exhaustion', null],
    ['event-loop-block', 'event-loop-blocked', /computeReportSync/],
    ['tls-slow', 'tls-handshake-slow', /fetchTaxRate/],
    ['tls-stalled', 'tls-handshake-stalled', /sendAuditRecord/],
    ['fetch-pool-starvation', 'pool-starvation', /fetch-pool-starvation\.ts/],
    ['promise-leak', 'promise-leak', /dropBadgeOnRestock/],
    ['blocked-chain', 'blocked-chain', /reserveStock/],
    ['worker-pool-starvation', 'blocked-chain', /quote .*worker-pool-starvation\.ts/],
  ] as const)('%s is found as %s, with the code responsible', async (scenario, kind, frame) => {
    const report = await recordScenario(scenario, 10);
    const framesOf = (f: Report['findings'][number]) =>
      f.frames.map((x) => `${x.functionName} ${x.url}`).join(' ');
    const ofKind = report.findings.filter((f) => f.kind === kind);
    const finding = ofKind.find((f) => !frame || frame.test(framesOf(f))) ?? ofKind[0];
    expect(finding, JSON.stringify(report.findings.map((f) => f.title))).toBeDefined();
    expect(['critical', 'warning']).toContain(finding!.severity);
    expect(finding!.evidence.series.length).toBeGreaterThan(0);
    if (frame) expect(framesOf(finding!)).toMatch(frame);
    const title = MAIN_THREAD_TITLES[scenario];
    if (title) {
      expect(finding!.title).toMatch(title);
      expect(finding!.place?.threadId ?? 0).toBe(0);
    }
    // Frames of the demo's bundled code point at its TypeScript sources.
    for (const f of finding!.frames.filter((f) => f.url.includes('/demo/'))) expect(f.url).toMatch(/\.ts$/);
  });
});
