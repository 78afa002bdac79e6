// A target on a Node older than 18 is refused with one clear line, by launch and by PID, and left running.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli';
import { nodeBinary } from './support/node-versions';

const KEEP_ALIVE = 'setInterval(() => {}, 1000)';

describe('a Node 16 target', () => {
  it('is refused when launched', async () => {
    const node16 = await nodeBinary(16);
    const result = await runCli(['record', '--duration', '2s', '--', node16, '-e', KEEP_ALIVE]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      /^hyperscope record: Node v16\.\S+ is too old \(need ≥ 18\)$/,
    );
  });

  it('is refused by PID, and keeps running', async () => {
    const node16 = await nodeBinary(16);
    // Its own inspector port: parallel tests' targets would otherwise all open 9229 on SIGUSR1.
    const target = spawn(node16, ['--inspect-port=127.0.0.1:0', '-e', KEEP_ALIVE], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const result = await runCli(['record', '--pid', String(target.pid), '--duration', '2s']);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim()).toMatch(/^hyperscope record: Node v16\.\S+ is too old \(need ≥ 18\)$/);
      expect(target.exitCode).toBeNull();
    } finally {
      target.kill('SIGKILL');
    }
  });
});
