import { QUEUE_NAMES, QueueBackend, type ToolCallJobPayload } from '@gw/queue';
import { randomUUID } from 'node:crypto';
import { sql } from '../audit/support';
import { approveLink, MEMBER_PASSWORD, signedIn } from '../support/linked-account';
import { connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { Stack, type StackMode } from '../support/stack';

interface Row {
  action: string;
  outcome: string;
  issue_codes: string[];
  clickup_user_id: string | null;
  arguments: { reason?: string } | null;
}

/**
 * A queued call of a server acting as its caller, carried on by the real worker process: it acts as the person's
 * linked ClickUp account (read afresh by the worker), and stops when there is none. The call is put in the queue
 * as the api queues one, with the signed-in person in its origin.
 */
describe.each<StackMode>(['postgres', 'embedded'])('queued calls acting as their caller on %s', (mode) => {
  const stack = new Stack(mode, {
    sandbox: true,
    env: {
      CLICKUP_OAUTH_CLIENT_ID: 'sandbox-client-id',
      CLICKUP_OAUTH_CLIENT_SECRET: 'sandbox-client-secret',
    },
  });
  let queues: QueueBackend;
  let server: { id: string; organizationId: string };
  let list: string;
  const people: Record<string, { id: string; email: string }> = {};

  beforeAll(async () => {
    await stack.start();
    const ids = await sandboxIds(stack);
    const connection = await connectSandbox(stack);
    const created = await createServer(stack, connection, { workspace_id: ids.acme });
    await sql(
      stack,
      `UPDATE mcp_servers SET config = config || '{"clickup_account": "caller"}'::jsonb WHERE id = $1`,
      [created.id],
    );
    const [row] = await sql<{ organization_id: string }>(
      stack,
      'SELECT organization_id FROM mcp_servers WHERE id = $1',
      [created.id],
    );
    server = { id: created.id, organizationId: row.organization_id };
    const lists = (await (
      await fetch(`${stack.sandboxUrl}/api/v2/space/${ids.engineering}/list`, {
        headers: { authorization: 'pk_sandbox_owner' },
      })
    ).json()) as { lists: { id: string; name: string }[] };
    list = lists.lists.find((l) => l.name === 'Database Migrations')?.id as string;
    for (const name of ['ann', 'nora']) {
      const email = `${name}-${randomUUID().slice(0, 6)}@example.com`;
      const user = await stack.rest<{ id: string }>('POST', '/users', {
        email,
        name,
        role: 'member',
        password: MEMBER_PASSWORD,
      });
      people[name] = { id: user.body.id, email };
    }
    const linked = await (
      await approveLink(stack, people['ann'].email, { clickupUser: 'sarah', workspace: ids.acme })
    )();
    expect(linked.linked).toBe(true);
    queues = new QueueBackend({
      databaseUrl: stack.databaseUrl,
      postgresPoolSize: 1,
      postgresNotifications: mode !== 'embedded',
    });
  }, 180_000);

  afterAll(async () => {
    await queues?.close();
    await stack.stop();
  }, 60_000);

  /** Queues a task_create as the api does when ClickUp keeps failing, made by `person` through a sign-in client. */
  async function queue(person: string, name: string): Promise<string> {
    const jobId = randomUUID();
    const payload: ToolCallJobPayload = {
      organization_id: server.organizationId,
      server_id: server.id,
      team_id: null,
      tool: 'task_create',
      arguments: { list_id: list, name },
      origin: {
        client_name: 'claude-code',
        client_version: '2.0.0',
        session_id: null,
        request_id: randomUUID(),
        ip: '127.0.0.1',
        user_agent: null,
        caller: {
          user_id: people[person].id,
          email: people[person].email,
          oauth_client_id: 'https://claude.ai/oauth/client-metadata.json',
        },
      },
      queued_at: Date.now(),
      reason: 'upstream_error',
      journal: { reads: [], writes: [] },
    };
    await queues.queue(QUEUE_NAMES.retries).add('tool-call', payload, { jobId, attempts: 2 });
    return jobId;
  }

  async function outcomeOf(jobId: string): Promise<Row> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = await sql<Row>(
        stack,
        `SELECT action, outcome, issue_codes, clickup_user_id, arguments FROM audit_events
          WHERE job_id = $1 AND action LIKE 'retry_job.%'`,
        [jobId],
      );
      if (rows[0]) return rows[0];
      if (Date.now() > deadline) throw new Error(`job ${jobId} did not end within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it("creates the task as the person's ClickUp user, with their token, and the row names that user", async () => {
    const { cookie } = await signedIn(stack, people['ann'].email);
    const mine = (await (
      await fetch(`${stack.baseUrl}/api/v1/me/clickup-account`, { headers: { cookie } })
    ).json()) as { clickup_user: { id: number } };
    const since = await lastSandboxSeq();

    const row = await outcomeOf(await queue('ann', 'Queued as Sarah'));
    expect(row).toMatchObject({ action: 'retry_job.completed', outcome: 'ok' });
    expect(row.clickup_user_id).toBe(String(mine.clickup_user.id));

    const sent = (await sandboxRequests(since)).filter(
      (r) => r.method === 'POST' && r.path.endsWith('/task'),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0].headers['authorization']).toMatch(/^Bearer /);
    const tasks = (await (
      await fetch(`${stack.sandboxUrl}/api/v2/list/${list}/task`, {
        headers: { authorization: 'pk_sandbox_owner' },
      })
    ).json()) as { tasks: { name: string; creator: { username: string } }[] };
    expect(tasks.tasks.find((t) => t.name === 'Queued as Sarah')?.creator.username).toBe('Sarah Chen');
  });

  it('does not run the call of a person without a linked account', async () => {
    const since = await lastSandboxSeq();
    const row = await outcomeOf(await queue('nora', 'Never created'));
    expect(row).toMatchObject({
      action: 'retry_job.dead_lettered',
      outcome: 'error',
      issue_codes: ['CLICKUP_ACCOUNT_NOT_LINKED'],
      clickup_user_id: null,
    });
    expect(row.arguments?.reason).toContain(`${people['nora'].email} no longer has a linked ClickUp account`);
    expect((await sandboxRequests(since)).filter((r) => r.method === 'POST')).toEqual([]);
  });

  const sandboxRequests = async (since: number) =>
    (
      (await (await fetch(`${stack.sandboxUrl}/_sandbox/requests?since=${since}`)).json()) as {
        requests: { seq: number; method: string; path: string; headers: Record<string, string> }[];
      }
    ).requests;
  const lastSandboxSeq = async () => (await sandboxRequests(0)).at(-1)?.seq ?? 0;
});
