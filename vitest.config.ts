import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources (the "source" export condition), so no build is
// needed before `vitest`; the published entry points stay on dist/.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/**/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});
