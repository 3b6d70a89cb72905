import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * What `npm ci` would install on the other machines the product runs on, resolved from the lock file alone (npm's
 * `--os`/`--cpu` pick the platform; `--dry-run` installs nothing): the lock must hold every package each of them
 * needs, and no package pinned to one platform may be required on another.
 */
describe.each([
  ['linux', 'x64'],
  ['linux', 'arm64'],
  ['darwin', 'arm64'],
  ['darwin', 'x64'],
])('npm ci on %s-%s', (os, cpu) => {
  it("resolves from the lock file, with that platform's own Node 22 for the conformance suite", () => {
    // In a directory of its own, as on a fresh clone: the lock file and the manifest only.
    const dir = mkdtempSync(join(tmpdir(), 'npm-ci-'));
    for (const file of ['package.json', 'package-lock.json'])
      copyFileSync(join(REPO_ROOT, file), join(dir, file));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const out = execFileSync(
      npm,
      ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', `--os=${os}`, `--cpu=${cpu}`],
      { cwd: dir, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 },
    );
    rmSync(dir, { recursive: true, force: true });
    expect(out).toMatch(/added \d+ packages/);
    // Its own Node 22 package, and no other platform's: npm would refuse to install one (EBADPLATFORM).
    expect(out.match(/^add node-(linux|darwin|win32)-[a-z0-9]+ /gm)).toEqual([`add node-${os}-${cpu} `]);
  }, 150_000);
});
