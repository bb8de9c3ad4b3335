import { defineConfig } from 'vitest/config';

// One runner for the whole repository. Test files live in each package's `test/` folder.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // Storage and server tests open databases and spawn processes: give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
