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

  it('keeps only the known fields of an export request', () => {
    expect(validateRequest('exportSession', { format: 'pprof', profile: 'cpu', extra: 1 })).toEqual({
      format: 'pprof',
      profile: 'cpu',
    });
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
