// A service stuck in its own synchronous code — the reason to attach at 3 a.m. — can be attached to by
// PID and recorded: the agent installs although the loop never turns (after a second's wait), snapshots
// are collected in the inspector's interrupts, and the report names the blocked loop and the code holding
// it, as critical, saying it was still blocked at the end.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportJson, runCli } from '../support/cli';
import { killNodeTargets, startNodeTarget } from '../support/node-target';

const STUCK = `
require('node:http').createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1', () => {
  console.log('ready');
  const tokens = 'the quick brown fox jumps over the lazy dog'.split(' ');
  function scoreDocument(i) {
    return JSON.stringify({ i, tokens }).length;
  }
  setTimeout(function rebuildSearchIndex() {
    const until = Date.now() + 60_000;
    let score = 0;
    for (let i = 0; Date.now() < until; i++) score += scoreDocument(i);
    return score;
  }, 100);
});
`;

afterAll(killNodeTargets);

describe('a service stuck in a synchronous loop', () => {
  it('is recorded by PID, and the report says the loop is blocked by that code', async () => {
    const target = await startNodeTarget(STUCK);
    await new Promise((resolve) => setTimeout(resolve, 300)); // inside the loop by now
    const output = join(mkdtempSync(join(tmpdir(), 'hyperscope-stuck-')), 'stuck.hyperscope');
    const recorded = await runCli(
      ['record', '-q', '--duration', '6s', '-o', output, '--pid', String(target.pid)],
      { timeoutMs: 40_000 },
    );
    expect(recorded.code, recorded.stderr).toBe(0);
    const report = await reportJson(output);
    const blocked = report.findings.find((f) => f.kind === 'event-loop-blocked');
    expect(blocked, JSON.stringify(report.findings.map((f) => f.title))).toBeDefined();
    expect(blocked!.severity).toBe('critical');
    // The stack the loop was caught in, innermost first: the target's own code, then its callers.
    const [innermost] = blocked!.frames;
    expect(innermost?.url).toMatch(/target\.cjs$/);
    expect(blocked!.frames.map((frame) => frame.functionName)).toContainEqual(
      expect.stringMatching(/rebuildSearchIndex$/),
    );
    expect(blocked!.evidence.summary).toMatch(/the loop had not turned for [\d.]+ s: it was still blocked/);
    expect(target.child.exitCode).toBeNull();
  }, 60_000);
});
