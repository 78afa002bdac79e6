/**
 * Every format round-trips real profiles (captured from a child Node process) through its importer,
 * the importer is chosen by content, and the JSON formats have the shape their tools expect.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProfile, type ExportFormat } from '../../core/export/export-profile';
import { emptyProfileSet, type ProfileKind, type ProfileSet } from '../../core/import/profile-set';
import { parseFolded, toFolded } from '../../core/profile/folded';
import { valueIndexOf, type ProfileModel } from '../../core/profile/profile-model';
import { grandTotal } from '../../core/profile/totals';
import { importBytes, readProfileInput } from '../../main/export/read-profile-input';
import { collectBytes, collectText } from './collect';
import { CPU_PROFILE_SCHEMA, HEAP_PROFILE_SCHEMA, checkCpuProfileIds } from './devtools-schemas';
import { HOSTILE_NAME, makeFixtures, type Fixtures } from './fixtures';

let fixtures: Fixtures;
let session: ProfileSet;
beforeAll(async () => {
  fixtures = await makeFixtures();
  session = await readProfileInput(fixtures.session);
}, 30_000);
afterAll(() => rm(fixtures.dir, { recursive: true, force: true }));

/** Export, then import the bytes by content alone (a neutral name). */
function roundTrip(set: ProfileSet, format: ExportFormat, kind: ProfileKind): ProfileSet {
  const output = exportProfile(set, format, kind, 'fixture');
  const bytes = output.type === 'bytes' ? collectBytes(output) : Buffer.from(collectText(output));
  return importBytes(bytes, 'unnamed.bin');
}

const folded = (model: ProfileModel, value: string): string => toFolded(model, valueIndexOf(model, value));

describe('round trips of a real session', () => {
  it('merges the windows into one model per kind, alloc split by what it includes', () => {
    expect(session.format).toBe('session');
    expect(session.cpu && session.allocated && session.alive && session.chains).toBeTruthy();
    expect(grandTotal(session.allocated!, 0)).toBeGreaterThan(grandTotal(session.alive!, 0) / 10);
  });

  it('cpuprofile keeps every sample and its duration', () => {
    const back = roundTrip(session, 'cpuprofile', 'cpu');
    expect(back.format).toBe('cpuprofile');
    expect(folded(back.cpu!, 'time')).toBe(folded(session.cpu!, 'time'));
    expect(back.cpu!.samples!.node.length).toBe(session.cpu!.samples!.node.length);
    expect(back.cpu!.durationUs).toBeCloseTo(session.cpu!.durationUs!, 3);
  });

  it('heapprofile keeps bytes per stack and whether it counts collected objects', () => {
    const back = roundTrip(session, 'heapprofile', 'alloc');
    expect(back.format).toBe('heapprofile');
    expect(back.alive).toBeNull();
    expect(folded(back.allocated!, 'space')).toBe(folded(session.allocated!, 'space'));
    expect(back.allocated!.samples!.node.length).toBe(session.allocated!.samples!.node.length);
  });

  it('pprof keeps CPU time and samples (ns and counts), and both allocation sides', () => {
    const cpu = roundTrip(session, 'pprof', 'cpu');
    expect(cpu.format).toBe('pprof');
    expect(folded(cpu.cpu!, 'time')).toBe(folded(session.cpu!, 'time'));
    expect(folded(cpu.cpu!, 'samples')).toBe(folded(session.cpu!, 'samples'));
    const alloc = roundTrip(session, 'pprof', 'alloc');
    expect(folded(alloc.allocated!, 'space')).toBe(folded(session.allocated!, 'space'));
    expect(folded(alloc.alive!, 'space')).toBe(folded(session.alive!, 'space'));
    // Objects: every sample stands for at least one object.
    const objects = alloc.allocated!.nodes.self[valueIndexOf(alloc.allocated!, 'objects')]!;
    expect(objects.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      session.allocated!.samples!.node.length,
    );
  });

  it('speedscope keeps each kind apart, named, with its values', () => {
    const cpu = roundTrip(session, 'speedscope', 'cpu');
    expect(cpu.format).toBe('speedscope');
    expect(grandTotal(cpu.cpu!, 0)).toBeCloseTo(
      grandTotal(session.cpu!, valueIndexOf(session.cpu!, 'time')),
      0,
    );
    const alloc = roundTrip(session, 'speedscope', 'alloc');
    expect(folded(alloc.allocated!, 'space')).toBe(folded(session.allocated!, 'space'));
    expect(folded(alloc.alive!, 'space')).toBe(folded(session.alive!, 'space'));
  });

  it('folded stacks keep sample counts per stack', () => {
    const back = roundTrip(session, 'folded', 'cpu');
    expect(back.format).toBe('folded');
    expect(toFolded(back.cpu!, 0)).toBe(folded(session.cpu!, 'samples'));
  });

  it('promise chains export as pprof (pending_chains) and folded, from the peak snapshot', () => {
    const back = roundTrip(session, 'pprof', 'chains');
    expect(back.chains!.valueTypes).toEqual([{ name: 'chains', unit: 'count' }]);
    expect(grandTotal(back.chains!, 0)).toBe(154);
    expect(back.chains!.frames.map((f) => f.functionName)).toContain(HOSTILE_NAME);
    const text = collectText(exportProfile(session, 'folded', 'chains', 'x'));
    expect(text).toContain(
      'handleRequest (file:///srv/app.js:40:5);fetchUser (file:///srv/app.js:12:5) 30\n',
    );
    expect(text).toContain('(no stack sampled) 4\n');
  });
});

describe('the still-alive side (--profile alive)', () => {
  it('heapprofile, pprof and speedscope carry only what was still alive', () => {
    const heap = roundTrip(session, 'heapprofile', 'alive');
    expect(heap.allocated).toBeNull();
    expect(folded(heap.alive!, 'space')).toBe(folded(session.alive!, 'space'));
    const pprof = roundTrip(session, 'pprof', 'alive');
    expect(pprof.allocated).toBeNull();
    expect(folded(pprof.alive!, 'space')).toBe(folded(session.alive!, 'space'));
    const speedscope = roundTrip(session, 'speedscope', 'alive');
    expect(speedscope.allocated).toBeNull();
    expect(folded(speedscope.alive!, 'space')).toBe(folded(session.alive!, 'space'));
  });

  it('folded, svg and html show still-alive bytes, not allocated ones', () => {
    expect(collectText(exportProfile(session, 'folded', 'alive', 'x'))).toBe(folded(session.alive!, 'space'));
    expect(folded(session.alive!, 'space')).not.toBe(folded(session.allocated!, 'space'));
    for (const format of ['svg', 'html'] as const) {
      const alive = collectText(exportProfile(session, format, 'alive', 'x'));
      expect(alive).not.toBe(collectText(exportProfile(session, format, 'alloc', 'x')));
    }
  });
});

describe('CPU flame graphs show code only', () => {
  const NON_CODE = /\((idle|program|root)\)/;
  /** The session's CPU profile as an idle service's: 5 s of (idle), 1 ms of (program), (root) self time. */
  const idle = (): ProfileSet => {
    const stacks = `${folded(session.cpu!, 'time')}(idle) 5000000\n(program) 1000\n(root) 10\n`;
    return { ...emptyProfileSet('folded'), cpu: parseFolded(stacks, { name: 'time', unit: 'microseconds' }) };
  };

  it('svg and html leave (idle), (program) and (root) out unless allFrames', () => {
    for (const format of ['svg', 'html'] as const) {
      const code = collectText(exportProfile(idle(), format, 'cpu', 'x'));
      expect(code).not.toMatch(NON_CODE);
      expect(code).toContain('spinHot');
      expect(code).toContain('(garbage collector)');
      const all = collectText(exportProfile(idle(), format, 'cpu', 'x', { allFrames: true }));
      expect(all).toMatch(NON_CODE);
    }
  });

  it('formats for other tools keep them', () => {
    for (const format of ['folded', 'cpuprofile', 'speedscope'] as const)
      expect(collectText(exportProfile(idle(), format, 'cpu', 'x'))).toMatch(NON_CODE);
    expect(folded(roundTrip(idle(), 'pprof', 'cpu').cpu!, 'time')).toMatch(NON_CODE);
  });
});

describe('shapes the tools expect', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const require = createRequire(import.meta.url);
  const speedscopeSchema = JSON.parse(
    readFileSync(require.resolve('speedscope/dist/release/file-format-schema.json'), 'utf8'),
  ) as object;

  it('speedscope files match the schema speedscope ships', () => {
    const validate = ajv.compile(speedscopeSchema);
    for (const kind of ['cpu', 'alloc', 'chains'] as const) {
      const file: unknown = JSON.parse(collectText(exportProfile(session, 'speedscope', kind, 'x')));
      expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('.cpuprofile and .heapprofile match the CDP shapes, ids consistent', () => {
    const cpu: unknown = JSON.parse(collectText(exportProfile(session, 'cpuprofile', 'cpu', 'x')));
    const validateCpu = ajv.compile(CPU_PROFILE_SCHEMA);
    expect(validateCpu(cpu), JSON.stringify(validateCpu.errors)).toBe(true);
    expect(checkCpuProfileIds(cpu as never)).toEqual([]);
    const heap: unknown = JSON.parse(collectText(exportProfile(session, 'heapprofile', 'alloc', 'x')));
    const validateHeap = ajv.compile(HEAP_PROFILE_SCHEMA);
    expect(validateHeap(heap), JSON.stringify(validateHeap.errors)).toBe(true);
  });

  it('the original files import by content whatever their name', async () => {
    const renamed = (path: string): ProfileSet => importBytes(readFileSync(path), 'profile.txt');
    expect(renamed(fixtures.cpuprofile).format).toBe('cpuprofile');
    expect(renamed(fixtures.heapprofile).format).toBe('heapprofile');
    expect((await readProfileInput(fixtures.session)).format).toBe('session');
  });
});
