// The TLS demo scenarios recorded with the real CLI and agent: each gets its finding, naming its host.
import { beforeAll, describe, expect, it } from 'vitest';
import { findTlsHandshakeSlow } from '../../core/network/tls-handshake-slow';
import { findTlsHandshakeStalled } from '../../core/network/tls-handshake-stalled';
import { readTlsSection } from '../../core/network/tls-section';
import type { Session } from '../../core/session/session';
import { ensureNodeBundles } from '../support/node-bundles';
import { recordScenario } from './scenario-recording';

describe('TLS scenarios', () => {
  let slow: Session;
  let stalled: Session;
  beforeAll(async () => {
    ensureNodeBundles();
    [slow, stalled] = await Promise.all([recordScenario('tls-slow', 5), recordScenario('tls-stalled', 8)]);
  });

  it('tls-slow: tls-handshake-slow names the tax service host, with the scenario code', () => {
    const findings = findTlsHandshakeSlow(slow, {});
    const client = findings.find((f) => f.evidence.values.side === 'client');
    expect(client, JSON.stringify(findings.map((f) => f.title))).toBeDefined();
    expect(client!.evidence.values.host).toMatch(/^localhost:\d+$/);
    expect(client!.evidence.values.p99Ms as number).toBeGreaterThanOrEqual(250);
    expect(client!.frames.some((f) => f.functionName.includes('fetchTaxRate'))).toBe(true);
    expect(findTlsHandshakeStalled(slow, {})).toEqual([]);
  });

  it('tls-stalled: tls-handshake-stalled names the silent peer, with the scenario code', () => {
    const findings = findTlsHandshakeStalled(stalled, {});
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.evidence.values.host).toMatch(/^localhost:\d+$/);
    expect(finding!.evidence.values.maxStalled as number).toBeGreaterThanOrEqual(3);
    expect(finding!.frames.some((f) => f.functionName.includes('sendAuditRecord'))).toBe(true);
    expect(findTlsHandshakeSlow(stalled, {})).toEqual([]);
    expect(stalled.snapshots.some((s) => (readTlsSection(s)?.inProgress.tls ?? 0) > 0)).toBe(true);
  });
});
