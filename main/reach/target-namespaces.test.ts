import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { forkedChildOf } from '../../test/support/namespaced-target';
import { killNodeTargets, startNodeTarget, startProcess } from '../../test/support/node-target';
import { readTargetNamespaces } from './target-namespaces';

afterEach(killNodeTargets);

const isRoot = process.getuid?.() === 0;
const hasUnshare = (() => {
  try {
    execFileSync('unshare', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('readTargetNamespaces', () => {
  it('sees a process of our own namespaces as not isolated, with its own pid', async () => {
    const target = await startNodeTarget();
    const found = await readTargetNamespaces(target.pid);
    expect(found).toMatchObject({
      netIsolated: false,
      pidIsolated: false,
      mountIsolated: false,
      innerPid: target.pid,
    });
    expect(found.cgroup).toEqual(expect.stringMatching(/^\//));
  });

  it.skipIf(!isRoot || !hasUnshare)(
    'sees net, pid and mount namespaces made by unshare (needs root and util-linux unshare)',
    async () => {
      const shell = await startProcess('unshare', [
        '--net',
        '--pid',
        '--kill-child',
        '--mount-proc',
        'sleep',
        '30',
      ]);
      // unshare forks (and kills its child when killed): the sleeper is pid 1 of the new namespace.
      const sleeper = await forkedChildOf(shell.pid);
      const found = await readTargetNamespaces(sleeper);
      expect(found).toMatchObject({ netIsolated: true, pidIsolated: true, mountIsolated: true, innerPid: 1 });
    },
  );
});
