import { REPO_ROOT } from '@gw/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built dashboard (`apps/dashboard/server.mjs`), as `npm start` runs it, proxying `/api`, `/mcp` and health to the api. */
export class DashboardProcess {
  readonly output: string[] = [];
  private readonly exit: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    const collect = (chunk: Buffer) =>
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exit = new Promise((resolve) => child.once('exit', resolve));
  }

  static async start(
    port: number,
    apiUrl: string,
    env: Record<string, string> = {},
  ): Promise<DashboardProcess> {
    if (!existsSync(join(REPO_ROOT, 'apps/dashboard/.next/BUILD_ID'))) {
      throw new Error(
        'The dashboard is not built: run `npm test` (it builds it) or `npx next build apps/dashboard`',
      );
    }
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'apps/dashboard/server.mjs'), '--port', String(port), '--hostname', '127.0.0.1'],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env['PATH'],
          NODE_ENV: 'production',
          API_INTERNAL_URL: apiUrl,
          NEXT_TELEMETRY_DISABLED: '1',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const dashboard = new DashboardProcess(child, `http://127.0.0.1:${port}`);
    await dashboard.waitUntilReady();
    return dashboard;
  }

  private async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exit.then(() => (exited = true));
    while (!this.output.some((line) => /Ready in/.test(line))) {
      if (exited) throw new Error(`dashboard exited before it was ready:\n${this.output.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`dashboard not ready in time:\n${this.output.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exit;
    clearTimeout(timer);
  }
}
