import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources (the "switchyard-source" export condition), so no build is
// needed before `vitest`; the published entry points stay on dist/.
export default defineConfig({
  resolve: { conditions: ['switchyard-source'] },
  ssr: { resolve: { conditions: ['switchyard-source'] } },
  test: {
    include: ['packages/**/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});
