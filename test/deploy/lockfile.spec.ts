import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@gw/testing';

/** `npm ci` refuses a lock file that names an optional package without an entry for it, on every platform. */
describe('package-lock.json', () => {
  it('has an entry for every optional platform package, so `npm ci` accepts it', () => {
    const run = () =>
      execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/lock-platforms.mjs'), '--check'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run).not.toThrow();
  });
});
