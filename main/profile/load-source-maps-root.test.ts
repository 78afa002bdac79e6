import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { originalPositionFor } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import { loadSourceMaps } from './load-source-maps';

// One generated line mapped to line 1 of src/app.ts.
const MAP = JSON.stringify({ version: 3, sources: ['../src/app.ts'], names: [], mappings: 'AAAA' });

describe('loadSourceMaps under a root (a target in another mount namespace)', () => {
  it('reads /app/… of the target under its root, and names the map by the target’s own paths', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hyperscope-root-'));
    mkdirSync(join(root, 'app/dist'), { recursive: true });
    writeFileSync(join(root, 'app/dist/app.js'), 'run();\n//# sourceMappingURL=app.js.map\n');
    writeFileSync(join(root, 'app/dist/app.js.map'), MAP);
    const url = 'file:///app/dist/app.js';

    expect((await loadSourceMaps([url])).maps.size).toBe(0); // not at our /app
    const { maps, problems } = await loadSourceMaps([url], { root, ranAt: Date.now() + 60_000 });
    expect(problems).toEqual([]);
    const original = originalPositionFor(maps.get(url)!, { line: 1, column: 0 });
    expect(original).toMatchObject({ source: 'file:///app/src/app.ts', line: 1 });
  });
});
