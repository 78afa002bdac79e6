// A TypeScript service bundled with a linked source map, recorded through the CLI and opened in the UI's
// backend with the real ports: the session the renderer gets names `.ts` files, in profile call frames
// and findings alike.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OpenedSession } from '../../core/bridge/contract';
import { cpuWindowModels } from '../../core/profile/session-profiles';
import { BUSY_SERVER_SOURCE, bundleBusyServer } from '../../test/support/bundled-ts-target';
import { CLI, runCli } from '../../test/support/cli';
import { createBackend } from './backend';
import { defaultPorts } from './default-ports';
import { downloadOutput } from './download-output';

const tsSource = pathToFileURL(BUSY_SERVER_SOURCE).href;
let opened: OpenedSession;

beforeAll(async () => {
  const { dir, script } = await bundleBusyServer('hyperscope-backend-maps-');
  const output = join(dir, 'busy.hyperscope');
  const args = ['record', '-q', '--duration', '3s', '--heap-interval', '16KiB', '-o', output];
  const recorded = await runCli([...args, '--', process.execPath, script]);
  expect(recorded.code, recorded.stderr).toBe(0);
  const backend = createBackend(
    defaultPorts({
      info: { mode: 'browser', version: 'test', nativeDialogs: false },
      output: async (file, path) => downloadOutput(file, path),
      pickSessionFile: async () => null,
      cliPath: CLI,
    }),
  );
  opened = await backend.handlers.openSession({ kind: 'path', path: output });
}, 40_000);

describe('opening a session of a bundled script with a source map', () => {
  it('gives the CPU and allocation profiles’ call frames in the .ts source', () => {
    // The UI gets CPU windows as models built on the Node side (packed): their frames are what it shows.
    const cpuFrames = cpuWindowModels(opened.session).flatMap((model) => model.frames);
    const cpuUrls = cpuFrames.map((frame) => frame.url);
    const allocUrls = opened.session.allocProfiles.flatMap((w) => w.nodes.map((n) => n.callFrame.url));
    expect(cpuUrls).toContain(tsSource);
    expect(allocUrls).toContain(tsSource);
    expect([...cpuUrls, ...allocUrls].filter((url) => url.endsWith('.cjs'))).toEqual([]);
    const hot = cpuFrames.find((frame) => frame.functionName === 'checksumRequest');
    // 1-based, as models' frames are: `checksumRequest` is declared on line 16 of the source.
    expect(hot).toMatchObject({ url: tsSource, line: 16 });
  });

  it('gives findings’ frames and titles in the .ts source', () => {
    // The fixture creates its pool before the agent is in: pools' stacks are covered by core's unit test.
    const hotspot = opened.findings.find((finding) => finding.kind === 'alloc-hotspot');
    expect(hotspot?.frames[0]).toMatchObject({ functionName: 'rowsRequest', url: tsSource, line: 22 });
    const frames = opened.findings.flatMap((finding) => finding.frames);
    expect(frames.filter((frame) => frame.url.endsWith('.cjs'))).toEqual([]);
    expect(opened.findings.filter((finding) => finding.title.includes('.cjs'))).toEqual([]);
  });
});
