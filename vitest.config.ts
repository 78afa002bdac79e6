import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'profiler-agent/**/*.test.ts',
      'main/**/*.test.ts',
      'preload/**/*.test.ts',
      'demo/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
    ],
    // Integration tests start real Node processes: forks isolate them, and 2 workers suit 2 cores.
    pool: 'forks',
    setupFiles: ['test/support/fast-check-seed.ts'],
    maxWorkers: 2,
    // Each concurrent scenario test records a demo (recorder, target, load worker): 3 at once, not 5,
    // keeps the rest of the suite from starving beside them.
    maxConcurrency: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A poll returns as soon as it holds; its deadline only says when to give up, on a loaded 2-core runner.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
