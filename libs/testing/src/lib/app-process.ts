import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../../..');

export type AppName = 'api' | 'worker' | 'clickup-sandbox';

/**
 * One of the product's processes, started from the compiled output exactly as `npm start` and the Dockerfiles
 * run it, with its console captured for assertions.
 */
export class AppProcess {
  readonly output: string[] = [];
  private readonly exit: Promise<number | null>;

  private constructor(
    readonly name: AppName,
    private readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) =>
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exit = new Promise((r) => child.once('exit', (code) => r(code)));
  }

  static start(name: AppName, env: Record<string, string | undefined>): AppProcess {
    const main = join(REPO_ROOT, 'dist/server/apps', name, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build -- --server\` first`);
    const child = spawn(
      process.execPath,
      [...nodeFlags(name), '-r', join(REPO_ROOT, 'scripts/register-aliases.cjs'), main],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env['PATH'], LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new AppProcess(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  text(): string {
    return this.output.join('\n');
  }

  /** Resolves with the first console line matching `pattern`; rejects if the process exits first. */
  async waitForLine(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exit.then(() => (exited = true));
    for (;;) {
      const line = this.output.find((l) => pattern.test(l));
      if (line) return line;
      if (exited) throw new Error(`${this.name} exited before printing ${pattern}:\n${this.text()}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not print ${pattern} in time:\n${this.text()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits for the process to end on its own. */
  exited(): Promise<number | null> {
    return this.exit;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exit;
    clearTimeout(timer);
    return code;
  }
}

/** The flags every launcher gives this app (scripts/node-flags.cjs), so tests run it as `npm start` and Docker do. */
export function nodeFlags(app: AppName): string[] {
  const flags = require(join(REPO_ROOT, 'scripts/node-flags.cjs')) as Record<string, string[]>;
  return flags[app] ?? [];
}
