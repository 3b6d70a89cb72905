import { ToolCatalog, type ToolGroup } from '@gw/mcp-tools';
import { loadAcmeWorld, resetSandbox, type AcmeWorld } from './acme-world';
import { startSandbox, startToolHost, type SandboxHandle, type ToolHost } from './tool-host';

/** A tool suite's sandbox and the two MCP servers most suites test through, over one catalog. */
export interface ToolWorld {
  sandbox: SandboxHandle;
  w: AcmeWorld;
  catalog: ToolCatalog;
  /** A server on the whole Acme workspace. */
  host: ToolHost;
  /** A server pinned to the Engineering space. */
  engHost: ToolHost;
}

/**
 * Registers the hooks every tool suite needs: a sandbox and its seeded world, a whole-workspace server and one
 * pinned to Engineering (both listed first, so the SDK client checks every structured result against the tool's
 * outputSchema), the sandbox reset before each test, and everything closed after. `ready` receives the world once
 * it runs; hooks a suite registers after this one run after it.
 */
export function useToolWorld(groups: () => ToolGroup[], ready: (world: ToolWorld) => void): void {
  let world: Partial<ToolWorld> = {};
  beforeAll(async () => {
    const sandbox = await startSandbox();
    world = { sandbox };
    const w = await loadAcmeWorld(sandbox.url);
    const catalog = new ToolCatalog(groups());
    const host = await startToolHost({ catalog, sandboxUrl: sandbox.url, workspaceId: w.acmeId });
    world.host = host;
    const engHost = await startToolHost({
      catalog,
      sandboxUrl: sandbox.url,
      workspaceId: w.acmeId,
      spaceIds: [w.spaces['Engineering']],
    });
    world.engHost = engHost;
    await host.listTools();
    await engHost.listTools();
    ready({ sandbox, w, catalog, host, engHost });
  }, 60_000);
  beforeEach(() => resetSandbox((world.sandbox as SandboxHandle).url));
  afterAll(async () => {
    await world.host?.close();
    await world.engHost?.close();
    await world.sandbox?.stop();
  });
}
