import { describe, expect, it } from 'vitest';
import { UserError } from '../../main/cli/command';
import { parseRecordArgs } from '../../main/cli/parse-record-args';
import { recordingOptionsOf } from '../../main/cli/record-options';

const parse = (...flags: string[]) => parseRecordArgs([...flags, '--pid', '42']);

describe('record --heap-interval and --cpu-interval', () => {
  it('leaves the defaults to the recorder when absent', () => {
    expect(parse()).toMatchObject({ heapIntervalBytes: null, cpuIntervalUs: null });
  });

  it.each([
    ['32KiB', 32768],
    ['4k', 4096],
    ['1MiB', 1 << 20],
    ['512', 512],
  ])('reads --heap-interval %s as %i bytes', (text, bytes) => {
    expect(parse('--heap-interval', text).heapIntervalBytes).toBe(bytes);
  });

  it.each([
    ['1000', 1000],
    ['500us', 500],
    ['250µs', 250],
    ['2ms', 2000],
  ])('reads --cpu-interval %s as %i µs', (text, us) => {
    expect(parse('--cpu-interval', text).cpuIntervalUs).toBe(us);
  });

  it.each([
    ['--heap-interval', '0'],
    ['--heap-interval', '12 parsecs'],
    ['--heap-interval', '1GiB'],
    ['--cpu-interval', '5us'],
    ['--cpu-interval', 'fast'],
  ])('refuses %s %s with one line', (flag, text) => {
    expect(() => parse(flag, text)).toThrow(UserError);
  });
});

describe('record --detail', () => {
  const options = (...flags: string[]) => recordingOptionsOf(parse(...flags), '/tmp/x.hyperscope');

  it('samples as production profilers do by default: ~100 Hz CPU, 512 KiB allocations', () => {
    expect(options()).toMatchObject({ cpuSamplingIntervalUs: 10_000, heapSamplingIntervalBytes: 512 * 1024 });
  });

  it('samples for a short investigation with --detail: 1 ms, 32 KiB', () => {
    expect(options('--detail')).toMatchObject({
      cpuSamplingIntervalUs: 1000,
      heapSamplingIntervalBytes: 32768,
    });
  });

  it('lets an interval given on its own win over --detail', () => {
    expect(options('--detail', '--heap-interval', '128KiB')).toMatchObject({
      cpuSamplingIntervalUs: 1000,
      heapSamplingIntervalBytes: 128 * 1024,
    });
  });
});
