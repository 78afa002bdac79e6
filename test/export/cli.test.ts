/**
 * `hyperscope export` and `hyperscope diff` as a user runs them (the CLI entry under tsx, in a child
 * process): default output names, stdout, one-line errors with a non-zero exit for unknown or broken
 * input, and the diff of two recorded sessions ("before and after the fix").
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffReport } from '../../core/diff/diff-report';
import { demoCommand, runCli, startCli } from '../support/cli';
import { killPid } from '../support/node-target';
import { headerPid, waitForSnapshots } from '../support/session-file';
import { HOSTILE_NAME, makeFixtures, withChains, writeSession, type Fixtures } from './fixtures';

const ENTRY = fileURLToPath(new URL('../../main/cli/index.ts', import.meta.url));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ENTRY, ...args],
      { timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let fixtures: Fixtures;
beforeAll(async () => {
  fixtures = await makeFixtures();
}, 30_000);
afterAll(() => rm(fixtures.dir, { recursive: true, force: true }));

describe('hyperscope export', () => {
  it('writes next to FILE with the format extension, the kind in the name', async () => {
    const result = await cli('export', fixtures.session, '--format', 'pprof', '--profile', 'alloc');
    expect(result).toMatchObject({ code: 0 });
    const out = join(fixtures.dir, 'workload.alloc.pb.gz');
    expect(result.stderr).toContain(`wrote ${out}`);
    expect(readFileSync(out).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect((await cli('export', fixtures.cpuprofile, '--format', 'speedscope')).code).toBe(0);
    expect(existsSync(join(fixtures.dir, 'workload.speedscope.json'))).toBe(true);
  });

  it('writes to stdout with -o -', async () => {
    const result = await cli(
      'export',
      fixtures.session,
      '--format',
      'folded',
      '--profile',
      'chains',
      '-o',
      '-',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^handleRequest \(file:\/\/\/srv\/app\.js:40:5\);fetchUser \S+ 30$/m);
    expect(result.stderr).toBe('');
  });

  const broken: [string, string | Buffer, RegExp][] = [
    ['garbage.bin', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42]), /not a profile Hyperscope knows/],
    ['truncated.cpuprofile', '{"nodes":[{"id":1,"callFrame":', /not valid JSON/],
    ['other.json', '{"hello":"world"}', /JSON, but not a profile Hyperscope knows/],
    [
      'bad-node.cpuprofile',
      '{"nodes":[{"id":1,"callFrame":{}}],"startTime":0,"endTime":1}',
      /node 0 has no id or call frame/,
    ],
    ['broken.pb.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01]), /broken gzip data/],
    ['notes.txt', 'these are not folded stacks\n', /not folded stacks/],
  ];
  for (const [name, content, message] of broken) {
    it(`refuses ${name} in one line, exit 1`, async () => {
      const path = join(fixtures.dir, name);
      writeFileSync(path, content);
      const result = await cli('export', path, '--format', 'svg');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('says what is wrong with the request', async () => {
    const missing = await cli('export', join(fixtures.dir, 'nope.cpuprofile'), '--format', 'svg');
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toMatch(/nope\.cpuprofile: no such file/);
    const format = await cli('export', fixtures.cpuprofile, '--format', 'png');
    expect(format).toMatchObject({ code: 2 });
    expect(format.stderr).toMatch(/unknown format "png" \(one of speedscope, folded, cpuprofile/);
    const kind = await cli('export', fixtures.cpuprofile, '--format', 'pprof', '--profile', 'alloc');
    expect(kind.stderr).toMatch(/the input holds no allocation profile \(it has: cpu\)/);
    const wrong = await cli('export', fixtures.session, '--format', 'cpuprofile', '--profile', 'alloc');
    expect(wrong.stderr).toMatch(/cpuprofile holds CPU profiles, not allocation ones/);
  });
});

describe('hyperscope export --profile alive', () => {
  it('writes the still-alive bytes, named .alive, and lists alive among the kinds', async () => {
    const alive = await cli('export', fixtures.session, '--format', 'heapprofile', '--profile', 'alive');
    expect(alive.code).toBe(0);
    const file = JSON.parse(readFileSync(join(fixtures.dir, 'workload.alive.heapprofile'), 'utf8')) as {
      _hyperscope: { includesCollected: boolean };
    };
    expect(file._hyperscope.includesCollected).toBe(false);
    const folded = (profile: string) =>
      cli('export', fixtures.session, '--format', 'folded', '--profile', profile, '-o', '-');
    const [aliveText, allocText] = await Promise.all([folded('alive'), folded('alloc')]);
    expect(aliveText.stdout).toMatch(/ \d+$/m);
    expect(aliveText.stdout).not.toBe(allocText.stdout);
    const unknown = await cli('export', fixtures.session, '--format', 'svg', '--profile', 'heap');
    expect(unknown.stderr).toMatch(/unknown profile "heap" \(one of cpu, alloc, alive, chains\)/);
    expect((await cli('export', '--help')).stdout).toMatch(/alive: bytes still alive/);
  });
});

describe('hyperscope export of a session without a CPU profile', () => {
  // A real recording whose recorder was killed after a few snapshots: no profile window ever ended,
  // so the session holds only the pending promise chains of its snapshots.
  let truncated: string;
  beforeAll(async () => {
    truncated = join(fixtures.dir, 'killed.hyperscope');
    const run = startCli(['record', '--interval', '300ms', '-o', truncated, ...demoCommand('promise-leak')]);
    try {
      await waitForSnapshots(truncated, 5);
    } finally {
      run.child.kill('SIGKILL');
      await run.done;
      killPid(headerPid(truncated));
    }
  }, 60_000);

  it('writes the profile it has and says which on stderr', async () => {
    const result = await runCli(['export', truncated, '--format', 'pprof']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `hyperscope export: no CPU profile in ${truncated}; wrote the chains profile (use --profile to choose)`,
    );
    expect(existsSync(join(fixtures.dir, 'killed.chains.pb.gz'))).toBe(true);
  });

  it('refuses CPU-only requests in one line naming the kinds it has', async () => {
    for (const args of [
      ['--format', 'cpuprofile'],
      ['--format', 'svg', '--profile', 'cpu'],
    ]) {
      const result = await runCli(['export', truncated, ...args]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(/^hyperscope export: .*no CPU profile \(it has: chains\)$/);
    }
  });
});

describe('hyperscope diff', () => {
  it('compares two sessions: functions, findings and series', async () => {
    // "After the fix": the same workload, a tenth of the pending chains, and no more blocked loop.
    const after = join(fixtures.dir, 'after.hyperscope');
    writeSession(after, fixtures.captured, withChains(0.1));
    const before = join(fixtures.dir, 'before.hyperscope');
    writeSession(before, fixtures.captured, (snapshot, step) => {
      withChains(1)(snapshot, step);
      snapshot.eventLoop = { delayP50Ms: 150, delayP99Ms: 250, delayMaxMs: 270, utilization: 0.98 };
    });
    const text = await cli('diff', before, after);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Pending promise chains \(chains\): 154 → 15\.4$/m);
    expect(text.stdout).toMatch(/^\s+-108\s+-108\s+120\s+12\s+<img src=x onerror/m);
    expect(text.stdout).toMatch(/^ {2}- critical +.*event loop/im);
    expect(text.stdout).toMatch(/^Peak event-loop delay p99 +250 ms/m);

    const json = await cli('diff', before, after, '--json');
    const report = JSON.parse(json.stdout) as DiffReport;
    expect(report.schema).toBe('hyperscope.diff/1');
    expect(report.profiles.map((p) => p.profile)).toEqual(['cpu', 'allocated', 'alive', 'chains']);
    // Same CPU profile on both sides: nothing grew or shrank.
    const cpu = report.profiles.find((p) => p.profile === 'cpu')!;
    expect(Math.max(...cpu.functions.map((f) => Math.abs(f.flatDelta)))).toBeLessThan(1e-6);
    expect(report.findings!.disappeared.map((f) => f.kind)).toContain('event-loop-blocked');
    expect(report.findings!.appeared).toEqual([]);
  });

  it('writes a differential flame graph (--flame): grown stacks red, hostile names escaped', async () => {
    // Two sessions: the hostile-named chain group has ten times the chains in the current one.
    const fewer = join(fixtures.dir, 'fewer-chains.hyperscope');
    const more = join(fixtures.dir, 'more-chains.hyperscope');
    writeSession(fewer, fixtures.captured, withChains(0.1));
    writeSession(more, fixtures.captured, withChains(1));
    const html = join(fixtures.dir, 'chains-diff.html');
    const result = await cli('diff', fewer, more, '--flame', html, '--profile', 'chains');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`wrote ${html}`);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toContain('<img');
    expect(page).not.toContain(HOSTILE_NAME);
    const json = /<script id="profile-data" type="application\/json">(.*?)<\/script>/s.exec(page)![1]!;
    const data = JSON.parse(json) as { frames: string[][]; frame: number[]; fill: string[]; note: string[] };
    const hostile = data.frames.findIndex((f) => f[0] === HOSTILE_NAME);
    const node = data.frame.indexOf(hostile);
    expect(node).toBeGreaterThanOrEqual(0);
    expect(data.fill[node]).toMatch(/^hsl\(0,/);
    expect(data.note[node]).toMatch(/^grew: 12 → 120 \(\+108, \+900%\)$/);

    // Two CPU profiles as folded files (no durations: normalised by total).
    // Folded lines hold no `;`, spaces or control characters in a name: the rest of the hostile one.
    const hostileFolded = HOSTILE_NAME.replace(/[;\s\p{Cc}]/gu, '');
    const base = join(fixtures.dir, 'base.folded');
    const current = join(fixtures.dir, 'current.folded');
    writeFileSync(base, `main;parse 100\nmain;render 100\nmain;${hostileFolded} 100\n`);
    writeFileSync(current, `main;parse 300\nmain;render 20\nmain;${hostileFolded} 100\n`);
    const svg = join(fixtures.dir, 'cpu-diff.svg');
    expect((await cli('diff', base, current, '--flame', svg)).code).toBe(0);
    const image = readFileSync(svg, 'utf8');
    expect(image).not.toContain('<img');
    expect(image).not.toContain('</script>');
    expect(image).toContain(
      '<title>&lt;imgsrc=xonerror=alert(1)&gt;&quot;&#39;&amp;&lt;/script&gt;&lt;!--\n',
    );
    // 300 of 420 samples now, 100 of 300 before: scaled to the same total, 140 → 300.
    expect(image).toMatch(
      /<title>parse\n300, [\d.]+%\ngrew: 140 → 300 \(\+160, \+114%\)<\/title><rect [^>]*fill="hsl\(0,/,
    );
    expect(image).toMatch(
      /<title>render\n20, [\d.]+%\nshrank: 140 → 20 [^<]*<\/title><rect [^>]*fill="hsl\(215,/,
    );

    const bad = await cli('diff', base, current, '--flame', join(fixtures.dir, 'x.png'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^hyperscope diff: --flame .*must end in \.html or \.svg$/);
  });

  it('compares a profile file with its own export, and refuses one argument', async () => {
    const exported = join(fixtures.dir, 'workload.cpuprofile.pb.gz');
    expect((await cli('export', fixtures.cpuprofile, '--format', 'pprof', '-o', exported)).code).toBe(0);
    const result = await cli('diff', fixtures.cpuprofile, exported, '--json');
    const report = JSON.parse(result.stdout) as DiffReport;
    expect(report.base.format).toBe('cpuprofile');
    expect(report.current.format).toBe('pprof');
    expect(report.findings).toBeNull();
    const all = await cli('diff', fixtures.cpuprofile, exported, '--json', '--all-frames');
    expect(all.code).toBe(0);
    const one = await cli('diff', fixtures.cpuprofile);
    expect(one).toMatchObject({ code: 2 });
    expect(one.stderr).toMatch(/two files needed/);
  });
});
