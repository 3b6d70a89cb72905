// `npm test`: builds what the suites run, runs every Jest project (unit, integration against PostgreSQL/Redis and
// the embedded defaults, cross-app suites), and ends with one line `N passed, N failed, N skipped`.
// Extra arguments go to Jest, e.g. `npm test -- libs/db`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDashboardIfStale, buildServer, ROOT } from './lib/processes.mjs';

buildServer();
// The browser suites (test/browser) drive the built dashboard.
buildDashboardIfStale();

const resultsFile = join(ROOT, 'tmp/jest-results.json');
mkdirSync(join(ROOT, 'tmp'), { recursive: true });
rmSync(resultsFile, { force: true });

const jest = spawnSync(
  process.execPath,
  [
    join(ROOT, 'node_modules/jest/bin/jest.js'),
    '-c',
    'jest.config.cjs',
    '--json',
    `--outputFile=${resultsFile}`,
    '--maxWorkers=2',
    ...process.argv.slice(2),
  ],
  {
    cwd: ROOT,
    stdio: 'inherit',
    // PGlite loads its WebAssembly through dynamic import(), which Jest's module VM only allows with this flag.
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim(),
    },
  },
);

if (!existsSync(resultsFile)) {
  console.log('0 passed, 1 failed');
  process.exit(jest.status || 1);
}
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
// A suite that fails to load runs no tests; count it as a failure so it cannot hide.
const brokenSuites = results.testResults.filter(
  (s) => s.status === 'failed' && s.assertionResults.length === 0,
).length;
const passed = results.numPassedTests;
const failed = results.numFailedTests + brokenSuites;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : (jest.status ?? 1));
