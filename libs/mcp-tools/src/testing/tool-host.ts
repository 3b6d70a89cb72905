import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ClickUpClient } from '@gw/clickup-client';
import { AppProcess, freePort } from '@gw/testing';
import { createServer, type Server as HttpServer } from 'node:http';
import { serverToolFilter, type ToolCatalog, type ToolFilter } from '../core/catalog';
import type { Envelope } from '../core/envelope';
import { createMcpServer } from '../core/mcp-server';
import { Scope } from '../core/scope';

/** The sandbox's Acme Corp workspace id after a reset. */
export interface SandboxHandle {
  url: string;
  process: AppProcess;
  stop(): Promise<void>;
}

/** Starts the built ClickUp sandbox on a free port (npm test builds it first). */
export async function startSandbox(): Promise<SandboxHandle> {
  const port = await freePort();
  const process = AppProcess.start('clickup-sandbox', {
    SANDBOX_PORT: String(port),
    SANDBOX_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  await process.waitForLine(/ClickUp sandbox listening/);
  const url = `http://127.0.0.1:${port}`;
  return { url, process, stop: async () => void (await process.stop()) };
}

export interface ToolHost {
  url: string;
  client: Client;
  /** Calls a tool and returns its envelope (structuredContent), counting calls for workflow tests. */
  call<T = unknown>(name: string, args?: Record<string, unknown>): Promise<Envelope<T>>;
  calls: number;
  close(): Promise<void>;
}

/**
 * A minimal MCP host for the catalog until the gateway's /mcp/{token} endpoint serves it: Streamable HTTP,
 * stateless, one server per request, a real SDK client connected to it.
 */
export async function startToolHost(options: {
  catalog: ToolCatalog;
  sandboxUrl: string;
  token?: string;
  workspaceId: string;
  spaceIds?: string[];
  filter?: Pick<ToolFilter, 'methods' | 'tags'>;
  /** The server's `config.allow_workspace_objects`. */
  allowWorkspaceObjects?: boolean;
}): Promise<ToolHost> {
  const spaceIds = options.spaceIds ?? [];
  // The same rule as the gateway's: a pinned server lists workspace-level tools only when allowed.
  const selection = options.catalog.select(
    serverToolFilter({
      config: {
        methods: options.filter?.methods ?? [],
        tags: options.filter?.tags ?? [],
        allow_workspace_objects: options.allowWorkspaceObjects,
      },
      spaceIds,
    }),
  );
  const clickup = new ClickUpClient({
    baseUrl: options.sandboxUrl,
    credential: { kind: 'personal', token: options.token ?? 'pk_sandbox_owner' },
  });
  const scope = new Scope(options.workspaceId, spaceIds, {
    allowWorkspaceObjects: options.allowWorkspaceObjects,
  });
  const http: HttpServer = createServer(async (req, res) => {
    const server = createMcpServer({
      catalog: options.catalog,
      selection,
      context: () => ({ client: clickup, scope }),
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => void transport.close().then(() => server.close()));
    await server.connect(transport);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    await transport.handleRequest(
      req,
      res,
      chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined,
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/mcp`;
  const client = new Client({ name: 'tool-tests', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  const host: ToolHost = {
    url,
    client,
    calls: 0,
    async call<T>(name: string, args: Record<string, unknown> = {}) {
      host.calls += 1;
      const result = await client.callTool({ name, arguments: args });
      return result.structuredContent as unknown as Envelope<T>;
    },
    async close() {
      await client.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return host;
}
