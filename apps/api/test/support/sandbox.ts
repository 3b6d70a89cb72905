import { AppProcess, freePort } from '@gw/testing';

export const OWNER_TOKEN = 'pk_sandbox_owner';
export const GUEST_TOKEN = 'pk_sandbox_guest';

/** The compiled ClickUp sandbox on a port of its own, with the ids the tests need from its seed. */
export class Sandbox {
  private constructor(
    readonly url: string,
    readonly process: AppProcess,
    readonly acme: { id: string; spaceIds: string[] },
    readonly globex: { id: string; spaceIds: string[] },
  ) {}

  static async start(): Promise<Sandbox> {
    const port = await freePort();
    const child = AppProcess.start('clickup-sandbox', {
      SANDBOX_PORT: String(port),
      SANDBOX_HOST: '127.0.0.1',
    });
    await child.waitForLine(/listening on/);
    const url = `http://127.0.0.1:${port}`;
    const [acme, globex] = await Promise.all([workspaceOf(url, OWNER_TOKEN), workspaceOf(url, GUEST_TOKEN)]);
    return new Sandbox(url, child, acme, globex);
  }

  /** Makes the next `count` calls matching `path` fail with `status`. */
  async fault(path: string, status: number, count = 1): Promise<void> {
    const res = await fetch(`${this.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path, status, count }),
    });
    if (!res.ok) throw new Error(`sandbox fault: ${res.status} ${await res.text()}`);
  }

  async stop(): Promise<void> {
    await this.process.stop();
  }
}

async function workspaceOf(url: string, token: string): Promise<{ id: string; spaceIds: string[] }> {
  const get = async <T>(path: string) =>
    (await (await fetch(`${url}/api/v2${path}`, { headers: { authorization: token } })).json()) as T;
  const { teams } = await get<{ teams: { id: string }[] }>('/team');
  const { spaces } = await get<{ spaces: { id: string }[] }>(`/team/${teams[0].id}/space`);
  return { id: teams[0].id, spaceIds: spaces.map((s) => s.id) };
}
