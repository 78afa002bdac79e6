// A socket leak names the code behind it, recorded through the CLI as a user would: for the demo's pool made
// before attach, the requests whose responses are never read (notifyAuditService); for agents made per call
// after attach, where they are made (postAuditRecord). On the oldest and the newest current Node.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/report';
import { CLI, reportJson, runCli } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';
import { nodeBinary, type NodeMajor } from '../support/node-versions';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-socket-leak-opener-'));

async function recordOn(major: NodeMajor, scenario: string): Promise<Report> {
  const node = await nodeBinary(major);
  const output = join(dir, `${scenario}-${major}.hyperscope`);
  const demo = ['--', node, CLI, 'demo', '--scenario', scenario, '--load'];
  const recorded = await runCli(['record', '-q', '--duration', '8s', '-o', output, ...demo], {
    timeoutMs: 90_000,
  });
  expect(recorded.code, recorded.stderr).toBe(0);
  return reportJson(output);
}

function socketLeakOf(report: Report): Report['findings'][number] {
  const finding = report.findings.find((f) => f.kind === 'socket-leak');
  expect(finding, JSON.stringify(report.findings.map((f) => f.title))).toBeDefined();
  return finding!;
}

beforeAll(() => ensureNodeBundles(), 120_000);

describe.concurrent('socket-leak names the code that leaks', () => {
  it.each<NodeMajor>([20, 26])(
    'Node %i: responses never read, from a pool made before attach, name notifyAuditService',
    async (major) => {
      const finding = socketLeakOf(await recordOn(major, 'socket-leak'));
      expect(finding.title).toMatch(/responses left unread by notifyAuditService \(socket-leak\.ts:\d+\)$/);
      expect(finding.evidence.values.heldBy).toBe('notifyAuditService');
      const audit = finding.frames.find((f) => f.functionName === 'notifyAuditService');
      expect(audit?.url).toMatch(/demo\/scenarios\/socket-leak\.ts$/);
    },
    120_000,
  );

  it('Node 26: an agent made per call after attach names where it is made', async () => {
    const finding = socketLeakOf(await recordOn(26, 'socket-leak-agent-per-request'));
    expect(finding.title).toMatch(/pool made by postAuditRecord \(socket-leak-agent-per-request\.ts:\d+\)$/);
    expect(finding.frames[0]?.functionName).toBe('postAuditRecord');
    expect(finding.evidence.values.openedBy).toBe('postAuditRecord');
  }, 120_000);
});
