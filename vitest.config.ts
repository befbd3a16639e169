import { defineConfig } from 'vitest/config';

// Tests that prepare an edition from data/ run the analysis with its bootstrap. B = 200 keeps that
// to a few seconds; the bootstrap's own tests set B = 2000 explicitly, and `make` uses the
// product default (2000).
const env = { KOMMUNRAPPORT_BOOTSTRAP: '200' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          env,
          // Fast tests first; the browser tests run after them.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Each file launches its own Chromium; two at a time suits a 2-core machine.
          maxWorkers: 2,
          fileParallelism: true,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
