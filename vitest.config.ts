import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** Tests that start real server processes (kill -9, restarts, a small heap; the production build and deploy/ followed). */
const PROCESS_TESTS = [
  'test/server/crash.test.ts',
  'test/server/main.test.ts',
  'test/server/hardening-process.test.ts',
  'test/server/soak.test.ts',
  'test/deploy/production.test.ts',
];

/**
 * Four projects, each runnable alone (`npm run test:unit`, `test:http`, `test:process`, `test:browser`);
 * `npm test` runs them all.
 * - unit: pure code, no I/O (shared/, the extension on WXT's fake browser, server modules that are functions of their input)
 * - http: the app through app.request() over the real store code on a MemoryDisk, in this process
 *   (the few tests that need a socket or a data directory ask for them: startTestServer({ http, disk }))
 * - process: real server processes, crash and soak tests
 * - browser: the built extension in real Chromium; only this project builds the extension
 * - render: exported files rendered to PDF by LibreOffice and read back (test/support/libreoffice.ts)
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
    ],
  },
});
