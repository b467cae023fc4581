import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // npm start runs the compiled dist/: build it (when stale) before the tests that start it.
    // Then fail the run when tests touch data/ or leave temporary folders behind.
    globalSetup: ['tests/support/build-dist.ts', 'tests/global-setup.ts'],
    // A child process left running by a test that timed out is killed when its file is done.
    setupFiles: ['tests/support/kill-leftover-children.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
