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

mkdirSync(join(ROOT, 'tmp'), { recursive: true });

/**
 * Suites that hold the product to a time budget (a million-row audit log in the browser and in SQL, a tool call's
 * retry budget of a few hundred milliseconds). They run after the others, one at a time, so a flood suite running
 * beside them (abuse, fuzzing) cannot eat their budget.
 */
const TIMED = [
  'test/browser/audit-scale.e2e-spec.ts',
  'test/audit/million.e2e-spec.ts',
  'libs/retry/src/lib/call/inline-call.spec.ts',
  // Two api replicas and two workers behind haproxy: propagation within 1 s, a rate budget within 5 % of its minimum.
  'test/scale/replicas.e2e-spec.ts',
];

/** Runs Jest once; returns its JSON results, or null when it wrote none. */
function jest(name, args) {
  const resultsFile = join(ROOT, `tmp/jest-results-${name}.json`);
  rmSync(resultsFile, { force: true });
  spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/jest/bin/jest.js'),
      '-c',
      'jest.config.cjs',
      '--json',
      `--outputFile=${resultsFile}`,
      ...args,
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
  return existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
}

const extra = process.argv.slice(2);
const runs =
  extra.length > 0
    ? [jest('chosen', ['--maxWorkers=2', ...extra])]
    : [
        jest('main', [
          '--maxWorkers=2',
          '--testPathIgnorePatterns',
          ...TIMED.map((p) => p.replace(/\./g, '\\.')),
        ]),
        jest('timed', ['--runInBand', '--runTestsByPath', ...TIMED]),
      ];

if (runs.some((r) => r === null)) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const results of runs) {
  // A suite that fails to load runs no tests; count it as a failure so it cannot hide.
  const brokenSuites = results.testResults.filter(
    (s) => s.status === 'failed' && s.assertionResults.length === 0,
  ).length;
  passed += results.numPassedTests;
  failed += results.numFailedTests + brokenSuites;
  skipped += results.numPendingTests + results.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
