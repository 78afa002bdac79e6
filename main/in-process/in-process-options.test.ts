import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../cli/command';
import { DEFAULT_RECORDING_OPTIONS } from '../recorder/recording-options';
import { inProcessRecordingOptions, sessionFileIn } from './in-process-options';

const AT = new Date('2026-12-07T15:30:12Z');
const scratch = (): string => mkdtempSync(join(tmpdir(), 'hyperscope-in-process-'));

describe('inProcessRecordingOptions', () => {
  it("records with record's defaults into HYPERSCOPE_OUT, under record's default name", () => {
    const dir = scratch();
    expect(inProcessRecordingOptions({ HYPERSCOPE_OUT: dir }, 4242, AT)).toEqual({
      ...DEFAULT_RECORDING_OPTIONS,
      output: join(dir, 'hyperscope-4242-20261207-153012.hyperscope'),
      promiseOptions: {},
      findIdlePools: false,
    });
  });

  it("takes HYPERSCOPE_DURATION and record's flags from HYPERSCOPE_OPTIONS", () => {
    const options = inProcessRecordingOptions(
      {
        HYPERSCOPE_OUT: scratch(),
        HYPERSCOPE_DURATION: '30s',
        HYPERSCOPE_OPTIONS: ' --interval 500ms  --no-heap ',
      },
      1,
      AT,
    );
    expect(options).toMatchObject({ durationMs: 30_000, intervalMs: 500, heap: false, cpu: true });
  });

  it('writes into the system temp directory when HYPERSCOPE_OUT is unset', () => {
    expect(inProcessRecordingOptions({}, 7, AT).output).toBe(
      join(tmpdir(), 'hyperscope-7-20261207-153012.hyperscope'),
    );
  });

  it('refuses flags that name another target or file, and bad values, in one line each', () => {
    const env = { HYPERSCOPE_OUT: scratch() };
    expect(() => inProcessRecordingOptions({ ...env, HYPERSCOPE_OPTIONS: '--pid 12' }, 1)).toThrow(
      new UserError(
        'HYPERSCOPE_OPTIONS: --pid does not apply in-process (this process, into HYPERSCOPE_OUT)',
      ),
    );
    expect(() => inProcessRecordingOptions({ ...env, HYPERSCOPE_OPTIONS: '--output=x' }, 1)).toThrow(
      /--output=x does not apply in-process/,
    );
    expect(() => inProcessRecordingOptions({ ...env, HYPERSCOPE_DURATION: 'soon' }, 1)).toThrow(
      'HYPERSCOPE_DURATION/HYPERSCOPE_OPTIONS: --duration needs a duration like 30s, 500ms or 2m, not "soon"',
    );
    expect(() => inProcessRecordingOptions({ ...env, HYPERSCOPE_OPTIONS: '--colour' }, 1)).toThrow(
      /^HYPERSCOPE_DURATION\/HYPERSCOPE_OPTIONS: Unknown option '--colour'/,
    );
  });
});

describe('sessionFileIn', () => {
  it('makes a missing directory, and never reuses a name taken in the same second', () => {
    const dir = join(scratch(), 'a', 'b');
    const first = sessionFileIn(dir, 9, AT);
    expect(first).toBe(join(dir, 'hyperscope-9-20261207-153012.hyperscope'));
    writeFileSync(first, '');
    expect(sessionFileIn(dir, 9, AT)).toBe(join(dir, 'hyperscope-9-20261207-153012-2.hyperscope'));
  });

  it('says in one line when the directory cannot be made', () => {
    const file = join(scratch(), 'a-file');
    writeFileSync(file, '');
    expect(() => sessionFileIn(join(file, 'sub'), 9, AT)).toThrow(
      new UserError(`HYPERSCOPE_OUT=${join(file, 'sub')} cannot hold a session file (ENOTDIR)`),
    );
  });
});
