import { originalPositionFor } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import { carriedTraceMap, positionsOnly } from './source-map-v3';

// Line 2 of the generated code maps to line 12 of billing.ts (VLQ: 0-based generated column 0 → source 0,
// line +11, column 4).
const MAP = { version: 3, sources: ['billing.ts'], names: [], mappings: ';AAWI', sourcesContent: ['…'] };

describe('positionsOnly', () => {
  it('keeps what positions need and drops the sources themselves', () => {
    expect(positionsOnly(MAP)).toEqual({ version: 3, sources: ['billing.ts'], names: [], mappings: ';AAWI' });
  });

  it('refuses what is not a v3 map with mappings', () => {
    expect(positionsOnly({ ...MAP, version: 2 })).toBeUndefined();
    expect(positionsOnly({ version: 3, sections: [] })).toBeUndefined();
    expect(positionsOnly({ ...MAP, sources: [1] })).toBeUndefined();
    expect(positionsOnly('{}')).toBeUndefined();
  });
});

describe('carriedTraceMap', () => {
  it("resolves the map's sources against the script's url", () => {
    const map = carriedTraceMap('file:///srv/app/billing.ts', positionsOnly(MAP)!)!;
    expect(originalPositionFor(map, { line: 2, column: 0 })).toMatchObject({
      source: 'file:///srv/app/billing.ts',
      line: 12,
      column: 4,
    });
  });

  it("resolves a tsx data: module's sources against the file it names", () => {
    const url = 'data:text/javascript,export%20%7B%7D?filePath=/srv/app/billing.ts';
    const map = carriedTraceMap(url, positionsOnly(MAP)!)!;
    expect(originalPositionFor(map, { line: 2, column: 0 }).source).toBe('file:///srv/app/billing.ts');
  });
});
