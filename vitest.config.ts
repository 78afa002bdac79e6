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
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
