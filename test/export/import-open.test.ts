/**
 * Profiles from other tools opened where sessions are: `hyperscope report` on a `.cpuprofile` and a pprof
 * file that `hyperscope export` wrote from a real recording, and the UI's backend (real ports) opening a
 * `.cpuprofile` and diffing a recording against it. The figures must be the recording's own.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/report';
import { createBackend } from '../../main/bridge/backend';
import { defaultPorts } from '../../main/bridge/default-ports';
import { downloadOutput } from '../../main/bridge/download-output';
import { CLI, reportJson, runCli } from '../support/cli';

// A service that burns CPU in one function, so that the profile has a clear top frame.
const BUSY_TARGET = `
function spinHot(ms) { const end = Date.now() + ms; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1); return x; }
setInterval(() => spinHot(20), 30);
`;

let dir: string;
let session: string;
let cpuprofile: string;
let pprof: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperscope-import-open-'));
  const target = join(dir, 'busy.cjs');
  writeFileSync(target, BUSY_TARGET);
  session = join(dir, 'busy.hyperscope');
  const recorded = await runCli([
    'record',
    '-q',
    '--duration',
    '3s',
    '--no-promises',
    '-o',
    session,
    '--',
    process.execPath,
    target,
  ]);
  expect(recorded.code, recorded.stderr).toBe(0);
  cpuprofile = join(dir, 'busy.cpuprofile');
  pprof = join(dir, 'busy.pb.gz');
  for (const [format, output] of [
    ['cpuprofile', cpuprofile],
    ['pprof', pprof],
  ] as const) {
    const exported = await runCli(['export', session, '--format', format, '--profile', 'cpu', '-o', output]);
    expect(exported.code, exported.stderr).toBe(0);
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The report's top CPU function as a label: pprof names an anonymous function `(anonymous)`. */
const topLabel = (report: Report): string => report.cpu!.top[0]!.frame.functionName || '(anonymous)';

describe('hyperscope report on a profile file', () => {
  it('reads a .cpuprofile: the recording’s CPU time and top function, no snapshots, no summary', async () => {
    const [recorded, imported] = await Promise.all([reportJson(session), reportJson(cpuprofile)]);
    expect(imported.target).toMatchObject({ attachedBy: 'file', argv: ['busy.cpuprofile'] });
    expect(imported.snapshots).toBe(0);
    expect(imported.cpu!.busyUs).toBeCloseTo(recorded.cpu!.busyUs, -1);
    // The same top function as the recording's own report (spinHot, or its anonymous caller when V8
    // inlined it there).
    expect(topLabel(imported)).toBe(topLabel(recorded));
    const text = await runCli(['report', cpuprofile]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(
      'hyperscope report: imported from busy.cpuprofile (a profile, not a recording: no snapshots)',
    );
    expect(text.stdout).toMatch(/^CPU: .* busy/m);
    expect(text.stdout).not.toMatch(/snapshots every|^Summary/m);
  });

  it('reads a pprof file alike', async () => {
    const [recorded, imported] = await Promise.all([reportJson(session), reportJson(pprof)]);
    expect(imported.target.argv).toEqual(['busy.pb.gz']);
    expect(imported.cpu!.busyUs).toBeCloseTo(recorded.cpu!.busyUs, -1);
    expect(topLabel(imported)).toBe(topLabel(recorded));
  });

  it('says in one line which file is not a profile', async () => {
    const unknown = join(dir, 'other.json');
    writeFileSync(unknown, '{"hello":"world"}');
    const broken = join(dir, 'broken.cpuprofile');
    writeFileSync(broken, '{"nodes":[');
    const results = await Promise.all([runCli(['report', unknown]), runCli(['report', broken])]);
    expect(results.map((r) => r.code)).toEqual([1, 1]);
    expect(results[0]!.stderr).toMatch(/^hyperscope report: other\.json: JSON, but not a profile .*\n$/);
    expect(results[1]!.stderr).toMatch(/^hyperscope report: broken\.cpuprofile: not valid JSON .*\n$/);
  });
});

describe('the app’s backend on a profile file', () => {
  const backend = () =>
    createBackend(
      defaultPorts({
        info: { mode: 'browser', version: 'test', nativeDialogs: false },
        output: async (file, path) => downloadOutput(file, path),
        pickSessionFile: async () => null,
        cliPath: CLI,
      }),
    );

  it('opens a .cpuprofile by path and by contents as a session of one CPU window', async () => {
    const app = backend();
    const byPath = await app.handlers.openSession({ kind: 'path', path: cpuprofile });
    expect(byPath.name).toBe('busy.cpuprofile');
    expect(byPath.session.snapshots).toEqual([]);
    expect(byPath.session.cpuProfiles).toHaveLength(1);
    expect(byPath.session.header.target.attachedBy).toBe('file');
    const text = await readFile(cpuprofile, 'utf8');
    const byContents = await app.handlers.openSession({ kind: 'contents', name: 'up.cpuprofile', text });
    expect(byContents.session.cpuProfiles[0]!.profile.samples).toEqual(
      byPath.session.cpuProfiles[0]!.profile.samples,
    );
  });

  it('diffs the recording against its own .cpuprofile: the same CPU time, nothing grew', async () => {
    const app = backend();
    await app.handlers.openSession({ kind: 'path', path: session });
    const comparison = await app.handlers.diffSessions({ base: { kind: 'path', path: cpuprofile } });
    expect(comparison.baseName).toBe('busy.cpuprofile');
    const cpu = comparison.profiles.find((p) => p.profile === 'cpu');
    expect(cpu, JSON.stringify(comparison.profiles.map((p) => p.profile))).toBeDefined();
    // Nothing changed, so the 15 rows kept are an arbitrary cut of zero deltas (spinHot may not be
    // among them): what matters is that every row is unchanged.
    expect(cpu!.functions.length).toBeGreaterThan(0);
    for (const f of cpu!.functions)
      expect(Math.abs(f.flatDelta), f.frame.functionName).toBeLessThanOrEqual(0.01 * f.baseFlat + 1);
  });

  it('refuses a file that is no profile with one line naming it', async () => {
    const unknown = join(dir, 'notes.txt');
    writeFileSync(unknown, Buffer.from([0, 1, 2, 3, 200, 201]));
    await expect(backend().handlers.openSession({ kind: 'path', path: unknown })).rejects.toThrow(
      /^notes\.txt: not a profile Hyperscope knows/,
    );
  });
});
