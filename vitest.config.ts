import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { postgresAvailable } from './test/support/postgres';

/** Tests that start real server processes (kill -9, restarts, a small heap; the production build and deploy/ followed). */
const PROCESS_TESTS = [
  'test/server/crash.test.ts',
  'test/server/main.test.ts',
  'test/server/hardening-process.test.ts',
  'test/server/soak.test.ts',
  'test/deploy/production.test.ts',
];

/**
 * The sync model, fuzz, access matrix, sync and evidence tests that run on the embedded store in `http` run again
 * on PostgreSQL in the `postgres` project (startTestServer reads TAIZHANG_TEST_STORE), beside the PostgreSQL-only
 * tests. (The whole http project passes there too: `TAIZHANG_TEST_STORE=pg npx vitest run --project http`.)
 */
const ON_POSTGRES_TOO = [
  'test/server/sync-model.test.ts',
  'test/server/fuzz.test.ts',
  'test/server/access-matrix.test.ts',
  'test/server/sync.test.ts',
  'test/server/evidence.test.ts',
  // The office's verdicts on suggestions live in the groups collection: they must round-trip there too.
  'test/server/opinion-review.test.ts',
  'test/server/export-streaming.test.ts',
];

/**
 * Left out only where PostgreSQL is not installed, and never with CI=true (postgresAvailable throws then).
 * Its one cluster is started by test/support/pg-global-setup.ts and removed after the project.
 */
const POSTGRES_PROJECT = {
  extends: true as const,
  test: {
    name: 'postgres',
    include: ['test/postgres/**/*.test.ts', ...ON_POSTGRES_TOO],
    env: { TAIZHANG_TEST_STORE: 'pg' },
    globalSetup: ['test/support/pg-global-setup.ts'],
    testTimeout: 60_000,
  },
};
const withPostgres = postgresAvailable();
if (!withPostgres) console.warn('[vitest] PostgreSQL is not installed here: the postgres project is left out (CI=true never leaves it out)');

/**
 * Projects, each runnable alone (`npm run test:unit`, `test:http`, `test:process`, `test:browser`);
 * `npm test` runs them all.
 * - unit: pure code, no I/O (shared/, the extension on WXT's fake browser, server modules that are functions of their input)
 * - http: the app through app.request() over the real store code on a MemoryDisk, in this process
 *   (the few tests that need a socket or a data directory ask for them: startTestServer({ http, disk }))
 * - process: real server processes, crash and soak tests
 * - browser: the built extension in real Chromium; only this project builds the extension
 * - render: exported files rendered to PDF by LibreOffice and read back (test/support/libreoffice.ts)
 * - postgres: the PostgreSQL store, alone and under the sync, fuzz and access tests (`npm run test:postgres`)
 */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: browser tests each start Chromium, so files run two at a time at most.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      // Pure tests share one module graph (isolate: false): no file leaves state another reads
      // (fakeBrowser is reset per test), and it keeps the whole project near 5 s.
      { extends: true, test: { name: 'unit', isolate: false, include: ['test/unit/**/*.test.{ts,tsx}', '{shared,server,extension}/**/*.test.{ts,tsx}'] } },
      // Tests run in a random order within each file (the seed is printed): no it may lean on another's data.
      {
        extends: true,
        test: { name: 'http', include: ['test/server/**/*.test.ts'], exclude: PROCESS_TESTS, sequence: { shuffle: { files: false, tests: true } } },
      },
      { extends: true, test: { name: 'process', include: PROCESS_TESTS } },
      // Builds the test extension once, and only when its sources changed (test/support/global-setup.ts).
      // LibreOffice renders one file at a time per process; each file's renders run in sequence.
      { extends: true, test: { name: 'render', include: ['test/render/**/*.test.ts'], testTimeout: 180_000 } },
      { extends: true, test: { name: 'browser', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'] } },
      ...(withPostgres ? [POSTGRES_PROJECT] : []),
    ],
  },
});
