/**
 * Where the built app lives (`out/`), found from this module's own location so that it works from the
 * bundled CLI (`out/cli/hyperscope.js`), Electron main (`out/main/index.js`) and the sources (tests, tsx).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest directory above this module with hyperscope's package.json. */
export function projectRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'hyperscope'
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the hyperscope installation (no package.json above the code)');
    dir = parent;
  }
}

export const appPaths = () => {
  const out = join(projectRoot(), 'out');
  return {
    renderer: join(out, 'renderer'),
    cli: join(out, 'cli', 'hyperscope.js'),
    preload: join(out, 'preload', 'index.cjs'),
  };
};
