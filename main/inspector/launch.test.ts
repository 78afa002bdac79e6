import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../test/support/node-target';
import { launchTarget } from './launch';
import { attachError } from '../../test/support/attach-error';

const CHATTY = `
process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });
console.log('hello out'); console.error('hello err'); setInterval(() => {}, 1000);
`;

function scriptFile(source: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hyperscope-launch-'));
  writeFileSync(join(dir, 'target.cjs'), source);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return join(dir, 'target.cjs');
}

function collectingSinks() {
  const text = { stdout: '', stderr: '' };
  const stdout = new PassThrough().on('data', (c: Buffer) => (text.stdout += c.toString()));
  const stderr = new PassThrough().on('data', (c: Buffer) => (text.stderr += c.toString()));
  return { sinks: { stdout, stderr }, text };
}

describe('launchTarget', () => {
  it('forwards the output minus the inspector banner, and stops the child at the end', async () => {
    const { sinks, text } = collectingSinks();
    const attached = await launchTarget('node', [scriptFile(CHATTY)], { forwardOutput: sinks });
    expect(attached).toMatchObject({ attachedBy: 'launch', openedByUs: true, nodeVersion: process.version });
    const reply = await attached.session.send('Runtime.evaluate', { expression: 'process.pid' });
    expect(reply.result.value).toBe(attached.pid);
    await expect.poll(() => text.stdout + text.stderr).toContain('hello err');
    await attached.stop();
    expect(await attached.exited).toEqual({ code: 0, signal: null });
    expect(text.stdout).toBe('hello out\nbye\n');
    expect(text.stderr).toBe('hello err\n');
    expect(isAlive(attached.pid)).toBe(false);
  });

  it('leaves the child running with keep', async () => {
    const attached = await launchTarget('node', [scriptFile(CHATTY)], { keep: true, forwardOutput: false });
    await attached.stop();
    expect(attached.session.isOpen()).toBe(false);
    expect(isAlive(attached.pid)).toBe(true);
    process.kill(attached.pid, 'SIGKILL');
    expect(await attached.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('reaches the real target behind `npm start` and stops the whole process group', async () => {
    const pkg = JSON.stringify({ name: 't', version: '1.0.0', scripts: { start: 'node target.cjs' } });
    const dir = join(scriptFile(CHATTY, { 'package.json': pkg }), '..');
    const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_loglevel: 'silent' };
    const attached = await launchTarget('npm', ['start'], { cwd: dir, env, forwardOutput: false });
    const argv = await attached.session.send('Runtime.evaluate', { expression: 'process.argv[1]' });
    expect(argv.result.value).toBe(join(dir, 'target.cjs'));
    await attached.stop();
    expect(isAlive(attached.pid)).toBe(false);
  });

  it('SIGKILLs a child that ignores SIGTERM after the grace period', async () => {
    const stubborn = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);";
    const attached = await launchTarget('node', [scriptFile(stubborn)], {
      forwardOutput: false,
      stopGraceMs: 300,
    });
    // The inspector opens before the script runs: on a loaded runner a SIGTERM sent at once would
    // arrive before the handler that ignores it.
    const listeners = { expression: "process.listenerCount('SIGTERM')" };
    await expect
      .poll(async () => (await attached.session.send('Runtime.evaluate', listeners)).result.value)
      .toBe(1);
    const started = Date.now();
    await attached.stop();
    expect(await attached.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('fails with the exit code when the target exits before its inspector opens', async () => {
    const error = await attachError(
      launchTarget('sh', ['-c', 'exit 3'], { forwardOutput: false }),
      'launched',
    );
    expect(error.code).toBe('target-exited');
    expect(error.message).toBe('the target exited with code 3 before its inspector opened');
    const badFlag = await attachError(
      launchTarget('node', ['--no-such-flag', 'x.js'], { forwardOutput: false }),
      'launched',
    );
    expect(badFlag.message).toBe('the target exited with code 9 before its inspector opened');
  });

  it('fails clearly when the command does not exist', async () => {
    const error = await attachError(
      launchTarget('no-such-command-hs', [], { forwardOutput: false }),
      'launched',
    );
    expect(error.message).toBe('cannot start "no-such-command-hs": command not found');
  });
});
