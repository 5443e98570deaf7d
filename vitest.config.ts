import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs the server suite twice — on the embedded database (PGlite) and on a PostgreSQL
 * server (TEST_DATABASE_URL) — then the web checks and the browser flows in Debian's Chromium.
 */
const serverSuite = (database: 'embedded' | 'postgres') => ({
  test: {
    name: `server:${database}`,
    include: ['apps/server/src/**/*.test.ts'],
    globalSetup: ['apps/server/src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      serverSuite('embedded'),
      serverSuite('postgres'),
      {
        test: {
          name: 'web',
          include: [
            'apps/web/src/**/*.test.{ts,tsx}',
            'packages/shared/src/**/*.test.ts',
            'apps/agent/src/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['apps/server/src/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: two cores are shared with the server under test.
          fileParallelism: false,
        },
      },
    ],
  },
});
