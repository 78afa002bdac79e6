import { describe, expect, it } from 'vitest';
import { parseFolded } from '../profile/folded';
import { diffProfiles } from './profile-diff';

const model = (text: string, durationUs?: number) => ({
  ...parseFolded(text, { name: 'time', unit: 'microseconds' }),
  durationUs,
});

describe('diffProfiles', () => {
  it('scales the base to the current duration, biggest change first', () => {
    // Base ran 1 s, current 2 s: the base's 100 µs of parse stand for 200 µs.
    const base = model(
      'main (file:///a.js:1:1);parse (file:///a.js:5:1) 100\nmain (file:///a.js:1:1);render (file:///a.js:9:1) 50\n',
      1e6,
    );
    const current = model(
      'main (file:///a.js:2:1);parse (file:///a.js:6:1) 210\nmain (file:///a.js:2:1);render (file:///a.js:10:1) 20\n',
      2e6,
    );
    const diff = diffProfiles(base, current, 'time');
    expect(diff).toMatchObject({
      normalisation: 'duration',
      baseScale: 2,
      baseTotal: 150,
      currentTotal: 230,
    });
    // Lines moved between builds: functions still match by name and file.
    expect(diff.functions.map((f) => [f.frame.functionName, f.flatDelta])).toEqual([
      ['render', -80],
      ['parse', 10],
      ['main', 0],
    ]);
    expect(diff.functions.find((f) => f.frame.functionName === 'main')!.cumDelta).toBe(-70);
  });

  it('normalises by total without durations, and keeps anonymous functions apart by place', () => {
    const base = model('(anonymous) (file:///a.js:1:1) 10\n(anonymous) (file:///a.js:7:1) 30\n');
    const current = model('(anonymous) (file:///a.js:1:1) 20\n(anonymous) (file:///a.js:7:1) 20\n');
    const diff = diffProfiles(base, current, 'time');
    expect(diff.normalisation).toBe('total');
    expect(diff.functions.map((f) => [f.frame.line, f.flatDelta])).toEqual([
      [1, 10],
      [7, -10],
    ]);
  });

  it('names a missing value type', () => {
    expect(() => diffProfiles(parseFolded('a 1\n'), parseFolded('a 1\n'), 'time')).toThrow(/without time/);
  });
});
