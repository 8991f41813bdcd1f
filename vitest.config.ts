import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // end-to-end tests spawn the built CLI: give them room on a 2-core machine
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
