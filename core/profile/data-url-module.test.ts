import { describe, expect, it } from 'vitest';
import { formatFrame } from '../frame';
import { dataModuleFilePath, displayUrl, fileLabel, isDataUrl } from './data-url-module';

// tsx's form: the percent-encoded module, then `?filePath=` (the module's own `?` are encoded).
const tsxUrl = (code: string, file: string): string =>
  `data:text/javascript,${encodeURIComponent(code)}?filePath=${encodeURIComponent(file)}`;

describe('data: module urls', () => {
  it('reads the file a tsx module was compiled from', () => {
    const url = tsxUrl('const a = b ? 1 : 2; // x?y=z', '/srv/app/ts/billing.ts');
    expect(isDataUrl(url)).toBe(true);
    expect(dataModuleFilePath(url)).toBe('/srv/app/ts/billing.ts');
    expect(dataModuleFilePath('data:text/javascript,abc')).toBeUndefined();
    expect(dataModuleFilePath('file:///srv/a.ts?filePath=x')).toBeUndefined();
  });

  it('is shortened for display, never printed raw', () => {
    const big = tsxUrl('x'.repeat(5000), '/srv/app/ts/billing.ts');
    expect(displayUrl(big)).toBe('data: module of /srv/app/ts/billing.ts (5 KiB)');
    expect(displayUrl('data:text/javascript,1')).toBe('data: module (1 KiB)');
    expect(displayUrl('file:///srv/a.js')).toBe('file:///srv/a.js');
    expect(fileLabel('file:///srv/a.js')).toBe('a.js');
    const printed = formatFrame({ functionName: 'charge', url: big, line: 1, column: 40 });
    expect(printed).toBe('charge (data: module of /srv/app/ts/billing.ts (5 KiB):1:40)');
  });
});
