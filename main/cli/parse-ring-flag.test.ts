// `record --ring`: read like --duration, refused with one line below 10 s or when --duration is no longer.
import { describe, expect, it } from 'vitest';
import { UserError } from './command';
import { parseRecordArgs } from './parse-record-args';
import { recordingOptionsOf } from './record-options';

const parse = (...flags: string[]) => parseRecordArgs([...flags, '--pid', '42']);

describe('record --ring', () => {
  it('keeps everything when absent, and reaches the recorder when given', () => {
    expect(parse().ringMs).toBeNull();
    const args = parse('--ring', '10m', '--duration', '1h');
    expect(args).toMatchObject({ ringMs: 600_000, durationMs: 3_600_000 });
    expect(recordingOptionsOf(args, 'x.hyperscope').ringMs).toBe(600_000);
  });

  it.each([
    [['--ring', '5s'], '--ring needs at least 10 s, not "5s"'],
    [['--ring', 'forever'], '--ring needs a duration like 30s, 500ms or 2m, not "forever"'],
    [['--ring', '10m', '--duration', '5m'], '--ring 10m would keep all of a --duration 5 min recording'],
  ])('refuses %j with one line', (flags, message) => {
    expect(() => parse(...flags)).toThrow(UserError);
    expect(() => parse(...flags)).toThrow(message);
  });
});
