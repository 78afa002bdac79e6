/**
 * Hyperscope attached to a bench target as a user attaches it, not a collector loaded in-process: the
 * target opens its inspector (its address in a file), and this process attaches over it.
 *   agent:  the real agent injected with its defaults and collected every second over CDP, as the
 *           recorder does: the agent's whole cost (every collector), the ≤ 5% budget of issues 3 and 4.
 *   record: `hyperscope record` at its defaults (agent, CPU and allocation profilers at the intervals
 *           of DEFAULT_RECORDING_OPTIONS, 5 s windows, session file written): what a user pays for a
 *           default recording; `overrides` (e.g. other sampling intervals) are laid over those defaults.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { injectAgent } from '../main/agent/agent-client';
import { attachByUrl } from '../main/inspector/attach-url';
import { startRecording } from '../main/recorder/recorder';
import { DEFAULT_RECORDING_OPTIONS, type RecordingOptions } from '../main/recorder/recording-options';
import { waitFor } from '../test/support/wait-for';

/** How Hyperscope is attached to the measured member of a pair. */
export type AttachedMode = 'agent' | 'record';

/** The target-side snippet: opens the inspector on a free loopback port and writes its URL to a file. */
export const OPEN_INSPECTOR_SNIPPET = `if (process.env.HS_INSPECTOR_FILE) {
  const inspector = require('node:inspector');
  inspector.open(0, '127.0.0.1');
  require('node:fs').writeFileSync(process.env.HS_INSPECTOR_FILE, inspector.url());
}`;

/** A fresh path for a target's inspector URL (`HS_INSPECTOR_FILE`). */
export function inspectorFilePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'hyperscope-bench-inspector-')), 'url');
}

/** Options laid over DEFAULT_RECORDING_OPTIONS in `record` mode (the session file is the bench's own). */
export type RecordingOverrides = Partial<Omit<RecordingOptions, 'output'>>;

/** Attaches to the target whose inspector URL is in `urlFile`; resolves with a function that detaches. */
export async function attachHyperscope(
  mode: AttachedMode,
  urlFile: string,
  overrides: RecordingOverrides = {},
): Promise<() => Promise<void>> {
  const url = await readWhenWritten(urlFile);
  const target = await attachByUrl(url);
  if (mode === 'record') {
    const dir = mkdtempSync(join(tmpdir(), 'hyperscope-bench-session-'));
    const output = join(dir, 'bench.hyperscope');
    const recording = await startRecording(
      target,
      { ...DEFAULT_RECORDING_OPTIONS, ...overrides, output },
      'bench',
    );
    return async () => {
      await recording.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const agent = await injectAgent(target.session);
  // As the recorder: one snapshot a second, parsed here (on the load generator's core, not the target's).
  const timer = setInterval(() => void agent.collect().catch(() => undefined), 1000);
  return async () => {
    clearInterval(timer);
    await agent.detach().catch(() => undefined);
    await target.stop();
  };
}

/** The URL the target wrote to `file`, waited for (5 s at most: the target starts in well under that). */
export async function readWhenWritten(file: string): Promise<string> {
  let url = '';
  const read = (): string => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return ''; // not written yet
    }
  };
  await waitFor(
    () => (url = read()).startsWith('ws://'),
    5_000,
    () => `bench target wrote no inspector URL to ${file}`,
  );
  return url;
}
