import { describe, expect, it } from 'vitest';
import { idlePrimary, resizeThreadInfo, withSources } from '../findings/test-support/multi-source-session';
import { buildSession } from '../findings/test-support/session-builder';
import { PartChoiceError, pickPart } from './pick-part';

const session = withSources(idlePrimary(2), [
  {
    info: { id: 'p43', kind: 'process', pid: 43, threadId: 0, label: 'worker 1 of 2' },
    session: buildSession({ snapshots: 2 }),
  },
  {
    info: resizeThreadInfo(43),
    session: buildSession({ snapshots: 2 }),
  },
  {
    info: { id: 'p44', kind: 'process', pid: 44, threadId: 0, label: 'Worker 1 of 2' },
    session: buildSession({ snapshots: 2 }),
  },
]);

describe('pickPart', () => {
  it('finds a part by id, by label in any case, or by pid (the process, not its thread)', () => {
    expect(pickPart(session, 'p43.t1').label).toBe('thread 1 (resize.js)');
    expect(pickPart(session, 'main').pid).toBe(4242);
    expect(pickPart(session, 'THREAD 1 (resize.js)').id).toBe('p43.t1');
    expect(pickPart(session, '43').id).toBe('p43');
    expect(pickPart(session, '4242').id).toBe('main');
  });

  it('names what the session has when nothing, or several, answer', () => {
    expect(() => pickPart(session, 'worker 9')).toThrow(PartChoiceError);
    expect(() => pickPart(session, 'worker 9')).toThrow(
      'no process or thread "worker 9"; the session recorded main (primary (pid 4242)), p43 (worker 1 of 2, pid 43), ' +
        'p43.t1 (thread 1 (resize.js), pid 43), p44 (Worker 1 of 2, pid 44)',
    );
    expect(() => pickPart(session, 'worker 1 of 2')).toThrow(
      /"worker 1 of 2" names 2 processes or threads, give an id; the session/,
    );
    expect(() => pickPart(session, '99')).toThrow(/no process or thread "99"/);
    expect(() => pickPart(session, 'x\u001b[2Jy\nz')).toThrow('no process or thread "x\\x1b[2Jy z"');
  });
});
