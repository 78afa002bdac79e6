import { describe, expect, it } from 'vitest';
import { importFolded, importJson } from '../import/import-profile';
import { sessionOfProfiles } from '../import/session-of-profiles';
import { buildReport } from './build-report';
import { formatTextReport } from './format-text';

const frame = (functionName: string) => ({
  functionName,
  scriptId: '1',
  url: functionName === '(root)' ? '' : 'file:///srv/app.js',
  lineNumber: 4,
  columnNumber: 0,
});

// Node's `--heap-prof` output: no sampling interval, no times.
const HEAPPROFILE = {
  head: {
    callFrame: frame('(root)'),
    selfSize: 0,
    id: 1,
    children: [{ callFrame: frame('buildRows'), selfSize: 65536, id: 2, children: [] }],
  },
  samples: [{ size: 65536, nodeId: 2, ordinal: 1 }],
};

const FILE = { name: 'app.heapprofile', createdAt: 1_700_000_000_000 };

describe('the text report of an imported profile', () => {
  it('names the file and prints no snapshot facts, zero intervals or zero-length rates', () => {
    const session = sessionOfProfiles(importJson(structuredClone(HEAPPROFILE)), FILE);
    const text = formatTextReport(buildReport(session));
    expect(text.split('\n')[0]).toBe(
      'hyperscope report: imported from app.heapprofile (a profile, not a recording: no snapshots)',
    );
    expect(text).toContain('Allocations: sampling interval unknown; no allocated window; 64 KiB');
    expect(text).toMatch(/buildRows/);
    expect(text).not.toMatch(/snapshots every|^Summary|\b0 B\b|\b0 ms\b|0 B\/s|Allocation rate by window/m);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('shows the CPU table of folded stacks', () => {
    const session = sessionOfProfiles(importFolded('main;work 30\nmain 10\n'), { ...FILE, name: 'a.folded' });
    const text = formatTextReport(buildReport(session));
    expect(text).toMatch(/^CPU: /m);
    expect(text).toMatch(/work/);
    expect(text).not.toMatch(/^Summary/m);
  });
});
