/** Electron's security checklist, as Doyensec's electronegativity checks it: no high or medium finding. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('electronegativity', () => {
  it('finds nothing high or medium in the Electron shell, preload and CSP', () => {
    const run = spawnSync(process.execPath, ['scripts/security-electron.mjs'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stdout).toMatch(/0 high or medium not reviewed/);
    expect(run.status).toBe(0);
  }, 130_000);
});
