import { describe, expect, it } from 'vitest';
import { parseTcpTable } from './listening-sockets';
import { isNodeExecutable } from './process-identity';

// Real rows from /proc/net/tcp and /proc/net/tcp6: the header line, a LISTEN row, an ESTABLISHED row.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:9B67 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 16408 1 0000000037dd022e 100 0 0 10 0
   1: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1060 1 00000000f8a38f00 100 0 0 10 0
   2: 0100007F:9B67 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 16500 1 0000000037dd022e 100 0 0 10 0
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:2405 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0 100 0 0 10 0
   1: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 778 1 0 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 779 1 0 100 0 0 10 0
`;

describe('parseTcpTable', () => {
  it('keeps LISTEN rows and turns addresses into something to dial', () => {
    expect(parseTcpTable(TCP)).toEqual([
      { host: '127.0.0.1', port: 39783, inode: 16408 },
      { host: '127.0.0.1', port: 2024, inode: 1060 },
    ]);
    expect(parseTcpTable(TCP6)).toEqual([
      { host: '[::1]', port: 9221, inode: 777 },
      { host: '127.0.0.1', port: 8080, inode: 778 },
      { host: '127.0.0.1', port: 8081, inode: 779 },
    ]);
    expect(parseTcpTable('')).toEqual([]);
  });
});

describe('isNodeExecutable', () => {
  it('knows the usual names of the Node binary', () => {
    for (const exe of ['/usr/bin/node', '/usr/bin/nodejs', '/opt/node-v20.1.0/bin/node', '/usr/bin/node20']) {
      expect(isNodeExecutable(exe)).toBe(true);
    }
    for (const exe of ['/usr/bin/sleep', '/usr/bin/bun', '/usr/bin/nodemon', '/usr/bin/deno']) {
      expect(isNodeExecutable(exe)).toBe(false);
    }
  });
});
