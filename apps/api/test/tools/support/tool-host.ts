import { AppConfig, ClickUpConfig, McpConfig, RetryConfig } from '@gw/config';
import { tokenFingerprint } from '@gw/clickup-client';
import type { McpServerConfig } from '@gw/db';
import { CallerAccountLoader, PauseLoader, type ActivePause, type ServedServer } from '@gw/mcp-servers';
import { Scope, serverToolFilter, type Envelope, type ListedTool, type ToolCatalog } from '@gw/mcp-tools';
import { QueueBackend } from '@gw/queue';
import { MemoryBudgetStore, RateBudgets } from '@gw/retry';
import { AppProcess, freePort } from '@gw/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LinkRequests } from '../../../src/linked-accounts/link-requests';
import { LinkedAccountChanges } from '../../../src/linked-accounts/linked-account-changes';
import { CallerAccountCache } from '../../../src/mcp/execution/caller/caller-account-cache.service';
import { CallerAccounts } from '../../../src/mcp/execution/caller/caller-accounts.service';
import { serializeResponse, type JsonRpcResponse } from '../../../src/mcp/dispatch/json-rpc';
import { ApprovalWebhooks } from '../../../src/approval-webhooks/approval-webhooks.service';
import type { ApprovalExpiryScheduler } from '../../../src/approvals/approval-expiry.scheduler';
import type { ApprovalStore } from '../../../src/approvals/approval-store';
import { McpDispatcher } from '../../../src/mcp/dispatch/mcp-dispatcher';
import { ApprovalTasks } from '../../../src/mcp/dispatch/tasks/approval-tasks';
import { ApprovalGate } from '../../../src/mcp/execution/approval-gate';
import { FollowedApprovals } from '../../../src/mcp/execution/followed-approvals.service';
import { TaskMethods } from '../../../src/mcp/dispatch/tasks/task-methods';
import { QueuedCalls } from '../../../src/mcp/execution/queued-calls.service';
import { ToolCallRunner } from '../../../src/mcp/execution/tool-call-runner';
import { MetricsService } from '../../../src/metrics/metrics.service';
import { ActivePauses } from '../../../src/pauses/active-pauses.service';
import { RetryQueue } from '../../../src/retry/retry-queue.service';

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
  /** Calls a tool and returns its envelope (the result's structured content), counting calls. */
  call<T = unknown>(name: string, args?: Record<string, unknown>): Promise<Envelope<T>>;
  listTools(): Promise<ListedTool[]>;
  calls: number;
  close(): Promise<void>;
}

/**
 * One MCP server over the production dispatch and execution stages (`McpDispatcher` → `ToolCallRunner`, with the
 * shared request budget and the inline call), in process: what admission would hand them for a server of these
 * settings, and every answer serialized as the transport sends it. The HTTP transport and admission are covered by
 * test/mcp with real clients.
 */
export async function startToolHost(options: {
  catalog: ToolCatalog;
  sandboxUrl: string;
  token?: string;
  workspaceId: string;
  spaceIds?: string[];
  filter?: { methods?: string[]; tags?: string[] };
  /** The server's `config.allow_workspace_objects`. */
  allowWorkspaceObjects?: boolean;
}): Promise<ToolHost> {
  const spaceIds = options.spaceIds ?? [];
  const config: McpServerConfig = {
    methods: options.filter?.methods ?? [],
    tags: options.filter?.tags ?? [],
    require_api_token_auth: false,
    allow_workspace_objects: options.allowWorkspaceObjects,
  };
  const token = options.token ?? 'pk_sandbox_owner';
  const server: ServedServer = {
    id: randomUUID(),
    organizationId: randomUUID(),
    teamId: null,
    name: 'tool tests',
    connectionId: randomUUID(),
    config,
    expiresAt: null,
    selection: options.catalog.select(serverToolFilter({ config, spaceIds })),
    scope: new Scope(options.workspaceId, spaceIds, { allowWorkspaceObjects: options.allowWorkspaceObjects }),
    credential: { kind: 'personal', token },
    fingerprint: tokenFingerprint(token),
    clickupUserId: 0,
  };
  const clickup = Object.assign(new ClickUpConfig(), { apiBaseUrl: options.sandboxUrl });
  const retry = new RetryConfig();
  // The queue is only reached when ClickUp fails past the call's budget, which these suites never make it do.
  const queues = new QueueBackend({
    redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    databaseUrl: '',
  });
  const retryQueue = new RetryQueue(queues, retry);
  const metrics = new MetricsService(queues);
  const queued = new QueuedCalls(retryQueue);
  // These servers have no approval policy: the gate never holds a call, and no approval is ever read.
  const noStore = {} as unknown as ApprovalStore;
  const approvals = new FollowedApprovals(noStore);
  const dispatcher = new McpDispatcher(
    new ToolCallRunner(
      options.catalog,
      new RateBudgets(new MemoryBudgetStore()),
      retryQueue,
      queued,
      clickup,
      retry,
      connectionOnlyCallers(metrics),
      new ApprovalGate(
        options.catalog,
        noStore,
        {} as unknown as ApprovalExpiryScheduler,
        {} as unknown as ApprovalWebhooks,
        new AppConfig(),
      ),
      approvals,
      metrics,
    ),
    options.catalog,
    new TaskMethods(queued, new ApprovalTasks(approvals, queued, new AppConfig())),
    await unpaused(),
  );
  let id = 0;
  const request = async (method: string, params: Record<string, unknown>) => {
    const { response } = await dispatcher.dispatch({ jsonrpc: '2.0', id: ++id, method, params }, server, {
      origin: {
        client_name: 'tool-tests',
        client_version: '1.0.0',
        session_id: null,
        request_id: String(id),
        ip: '127.0.0.1',
        user_agent: null,
      },
      // As a 2025-11-25 session's request: the tool results are the same in both generations.
      message: { protocol: { generation: 'legacy', version: '2025-11-25' }, meta: null, trace: null },
    });
    return JSON.parse(serializeResponse(response)) as JsonRpcResponse & { result: Record<string, unknown> };
  };
  const host: ToolHost = {
    calls: 0,
    async call<T>(name: string, args: Record<string, unknown> = {}) {
      host.calls += 1;
      const answer = await request('tools/call', { name, arguments: args });
      if ('error' in answer) throw new Error(`tools/call ${name}: ${JSON.stringify(answer.error)}`);
      return answer.result['structuredContent'] as Envelope<T>;
    },
    async listTools() {
      const answer = await request('tools/list', {});
      return answer.result['tools'] as ListedTool[];
    },
    close: () => queues.close(),
  };
  return host;
}

/**
 * The caller-account stage for servers that act as their connection, as every server of these suites does: it hands
 * the server through without reading any person's account, so its database is never opened.
 */
/** Pauses as an organization without any sees them (these suites never pause). */
async function unpaused(): Promise<ActivePauses> {
  class NoPauses extends PauseLoader {
    override active(): Promise<ActivePause[]> {
      return Promise.resolve([]);
    }
  }
  const pauses = new ActivePauses(new NoPauses(new DataSource({ type: 'postgres' })), new McpConfig());
  // Polled like the api's, since a view unconfirmed for 5 s refuses every call.
  await pauses.onModuleInit();
  return pauses;
}

function connectionOnlyCallers(metrics: MetricsService): CallerAccounts {
  const unopened = new DataSource({ type: 'postgres' });
  return new CallerAccounts(
    new CallerAccountCache(
      unopened,
      new CallerAccountLoader(unopened),
      new McpConfig(),
      new LinkedAccountChanges(),
      metrics,
    ),
    new LinkRequests(randomBytes(32).toString('base64')),
    new AppConfig(),
  );
}
