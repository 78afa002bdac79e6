import { describe, expect, it } from 'vitest';
import { configuredInspectPort } from './configured-inspect-port';
import { isLoopbackHost } from '../../core/network/loopback-host';
import { parseInspectorAddress } from './inspector-address';
import { nodeMajorVersion } from './inspector-http';
import { assertSupportedNode } from './open-verified-session';

describe('parseInspectorAddress', () => {
  it('accepts host:port, http:// and ws:// forms', () => {
    expect(parseInspectorAddress('127.0.0.1:9229')).toEqual({
      host: '127.0.0.1',
      port: 9229,
      webSocketUrl: null,
    });
    expect(parseInspectorAddress('http://[::1]:9230/json')).toEqual({
      host: '[::1]',
      port: 9230,
      webSocketUrl: null,
    });
    expect(parseInspectorAddress(' ws://localhost:9231/abc-123 ')).toEqual({
      host: 'localhost',
      port: 9231,
      webSocketUrl: 'ws://localhost:9231/abc-123',
    });
  });

  it('explains what is wrong', () => {
    expect(parseInspectorAddress('ws://127.0.0.1:9229')).toMatchObject({
      error: expect.stringMatching(/target id/),
    });
    expect(parseInspectorAddress('https://h:1')).toMatchObject({
      error: expect.stringMatching(/unsupported/),
    });
    expect(parseInspectorAddress('::::')).toMatchObject({
      error: expect.stringMatching(/not an inspector address/),
    });
  });
});

describe('isLoopbackHost', () => {
  it('tells this machine from others', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['10.0.0.1', '0.0.0.0', 'example.com', '[::2]', '127.0.0.1.nip.io']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});

describe('configuredInspectPort', () => {
  it('reads the port a signalled process will use; the command line wins', () => {
    expect(configuredInspectPort('', ['node', 'app.js'])).toBe(9229);
    expect(configuredInspectPort('--inspect-port=9300', ['node', 'app.js'])).toBe(9300);
    expect(configuredInspectPort('--inspect-port=9300', ['node', '--inspect=0.0.0.0:9400', 'a.js'])).toBe(
      9400,
    );
    expect(configuredInspectPort('', ['node', '--inspect-port=0', 'a.js'])).toBe(0);
  });
});

describe('Node version check', () => {
  it('accepts 18 and later, with one line for older ones', () => {
    expect(nodeMajorVersion('v20.20.2')).toBe(20);
    expect(() => assertSupportedNode('v18.0.0')).not.toThrow();
    expect(() => assertSupportedNode('v16.20.2')).toThrow('Node v16.20.2 is too old (need ≥ 18)');
    expect(() => assertSupportedNode('garbage')).toThrow(/too old/);
  });
});
