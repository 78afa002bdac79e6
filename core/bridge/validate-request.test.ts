import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from './contract';
import { InvalidRequestError, validateRequest } from './validate-request';

describe('validateRequest', () => {
  it('accepts every well-formed attach target', () => {
    expect(validateRequest('attach', { kind: 'pid', pid: 42 })).toEqual({ kind: 'pid', pid: 42 });
    expect(validateRequest('attach', { kind: 'url', url: '127.0.0.1:9229' })).toEqual({
      kind: 'url',
      url: '127.0.0.1:9229',
      allowRemote: false,
    });
    expect(validateRequest('attach', { kind: 'launch', command: ['node', 'a.js'] })).toEqual({
      kind: 'launch',
      command: ['node', 'a.js'],
    });
    expect(validateRequest('attach', { kind: 'demo', scenario: 'healthy' })).toEqual({
      kind: 'demo',
      scenario: 'healthy',
    });
  });

  it.each([
    ['attach', { kind: 'pid', pid: -1 }],
    ['attach', { kind: 'pid', pid: 1.5 }],
    ['attach', { kind: 'pid', pid: '7' }],
    ['attach', { kind: 'launch', command: [] }],
    ['attach', { kind: 'launch', command: ['node', 3] }],
    ['attach', { kind: 'shell', command: 'rm -rf /' }],
    ['attach', null],
    ['openSession', { kind: 'path', path: '' }],
    ['openSession', { kind: 'path', path: 'a\0b' }],
    ['openSession', { kind: 'url', url: 'http://x' }],
    ['exportSession', { format: 'exe' }],
    ['exportSession', { format: 'pprof', profile: 'gpu' }],
    ['mark', { label: 'x'.repeat(201) }],
    ['startRecording', { intervalMs: -5 }],
    ['startRecording', { cpu: 'yes' }],
    ['listProcesses', { sneaky: true }],
  ] as const)('refuses %s %j', (channel, payload) => {
    expect(() => validateRequest(channel, payload)).toThrow(InvalidRequestError);
  });

  it("passes the recording options the UI may set, inside the CLI's bounds", () => {
    const options = {
      intervalMs: 500,
      durationMs: null,
      cpu: false,
      heap: true,
      promises: true,
      cpuSamplingIntervalUs: 50,
      heapSamplingIntervalBytes: 64 << 20,
    };
    expect(validateRequest('startRecording', options)).toEqual(options);
    expect(validateRequest('startRecording', undefined)).toEqual({});
  });

  it.each([
    [{ profileWindowMs: 10 }, 'startRecording does not take profileWindowMs'],
    [
      { collectTimeoutMs: 1, promiseOptions: {} },
      'startRecording does not take collectTimeoutMs, promiseOptions',
    ],
    [{ heapSamplingIntervalBytes: 1 }, 'heapSamplingIntervalBytes must be a number from 128 to 67108864'],
    [
      { heapSamplingIntervalBytes: 1 << 30 },
      'heapSamplingIntervalBytes must be a number from 128 to 67108864',
    ],
    [{ cpuSamplingIntervalUs: 5 }, 'cpuSamplingIntervalUs must be a number from 50 to 1000000'],
    [{ cpuSamplingIntervalUs: Infinity }, 'cpuSamplingIntervalUs must be a number from 50 to 1000000'],
    [{ intervalMs: 0 }, 'intervalMs must be a positive number'],
    [{ durationMs: '5s' }, 'durationMs must be a positive number'],
  ])('refuses startRecording %j with one clear line', (payload, message) => {
    expect(() => validateRequest('startRecording', payload)).toThrow(new InvalidRequestError(message));
  });

  it('takes a ring of at least 10 s, shorter than a duration given with it, as `record --ring` does', () => {
    expect(validateRequest('startRecording', { ringMs: 600_000 })).toEqual({ ringMs: 600_000 });
    expect(validateRequest('startRecording', { ringMs: 10_000, durationMs: 60_000 })).toEqual({
      ringMs: 10_000,
      durationMs: 60_000,
    });
    expect(validateRequest('startRecording', { ringMs: null })).toEqual({});
    expect(validateRequest('saveRing', undefined)).toBeUndefined();
    expect(() => validateRequest('saveRing', { path: '/etc/passwd' })).toThrow(
      new InvalidRequestError('this channel takes no argument'),
    );
  });

  it.each([
    [{ ringMs: 9_999 }, 'ringMs must be a number of ms, at least 10000 (10 s)'],
    [{ ringMs: '10m' }, 'ringMs must be a number of ms, at least 10000 (10 s)'],
    [{ ringMs: Infinity }, 'ringMs must be a number of ms, at least 10000 (10 s)'],
    [{ ringMs: 600_000, durationMs: 300_000 }, 'a ring of 10 min would keep all of a 5 min recording'],
  ])('refuses the ring %j with one clear line', (payload, message) => {
    expect(() => validateRequest('startRecording', payload)).toThrow(new InvalidRequestError(message));
  });

  it('keeps only the known fields of an export request', () => {
    expect(validateRequest('exportSession', { format: 'pprof', profile: 'cpu', extra: 1 })).toEqual({
      format: 'pprof',
      profile: 'cpu',
    });
    expect(validateRequest('exportSession', { format: 'folded', part: 'p4243' })).toEqual({
      format: 'folded',
      part: 'p4243',
    });
    expect(() => validateRequest('exportSession', { format: 'folded', part: 7 })).toThrow(
      InvalidRequestError,
    );
  });

  it('takes a chain request with a group id only', () => {
    expect(validateRequest('getChain', { groupId: 'a.b', extra: 1 })).toEqual({ groupId: 'a.b' });
    expect(() => validateRequest('getChain', { groupId: '' })).toThrow(InvalidRequestError);
    expect(() => validateRequest('getChain', { groupId: 7 })).toThrow(InvalidRequestError);
  });

  it('has a validator for every channel of the contract', () => {
    for (const channel of REQUEST_CHANNELS) expect(() => validateRequest(channel, {})).not.toThrow(TypeError);
  });
});
