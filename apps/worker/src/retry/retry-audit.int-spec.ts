import { toAuditRecord, verifyChain, type AuditEventRow, type AuditRecord } from '@gw/audit-chain';
import { AUDIT_TEXT_LIMITS, REDACTED } from '@gw/audit-recorder';
import { OrganizationEntity } from '@gw/db';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import type { ToolCallJobPayload } from '@gw/queue';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { GatewayMetrics, parseExposition, sampleSum } from '@gw/metrics';
import { RetryAudit } from './retry-audit';

const CLICKUP_TOKEN = 'pk_81234567_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const MCP_TOKEN = `cmcp_${'s3cr3t'.repeat(6)}`;

/**
 * The worker records how a queued call ended with the api's recorder: what a client sent and what the job learnt is
 * clipped and redacted exactly as in the api's row for the same call.
 */
describe.each(DATABASE_TARGETS)('the worker audit of queued calls on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let audit: RetryAudit;

  beforeAll(async () => {
    target = await open('gw_retry_audit');
    dataSource = await migratedDataSource(target.url, 'retry-audit-test');
    audit = new RetryAudit(dataSource, new GatewayMetrics('worker'));
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.close();
  });

  async function queuedCall(origin: Partial<ToolCallJobPayload['origin']> = {}): Promise<ToolCallJobPayload> {
    const organizationId = randomUUID();
    await dataSource
      .getRepository(OrganizationEntity)
      .insert({ id: organizationId, name: `Org ${organizationId.slice(0, 6)}` });
    return {
      organization_id: organizationId,
      server_id: randomUUID(),
      team_id: null,
      tool: 'task_create',
      arguments: { list_id: 'l1', name: 'Deploy', description: `use ${CLICKUP_TOKEN}`, api_key: 'hunter2' },
      origin: {
        client_name: 'claude-ai',
        client_version: '1.0',
        session_id: null,
        request_id: 'r1',
        ip: '127.0.0.1',
        user_agent: 'jest',
        ...origin,
      },
      queued_at: Date.now() - 1500,
      reason: 'rate_limit',
      journal: { reads: [], writes: [] },
    };
  }

  async function stored(organizationId: string): Promise<AuditRecord[]> {
    const rows = (await dataSource.query(
      'SELECT * FROM audit_events WHERE organization_id = $1 ORDER BY seq',
      [organizationId],
    )) as AuditEventRow[];
    return rows.map(toAuditRecord);
  }

  it('keeps no secret from the job details in the row, and the chain verifies', async () => {
    const payload = await queuedCall();
    await audit.deadLettered('job-1', payload, 'AUTH_ERROR', 401, {
      attempts: 5,
      reason: `ClickUp refused Authorization: Bearer ${CLICKUP_TOKEN} (reached via ${MCP_TOKEN})`,
      client_secret: 'hunter2',
    });

    const [row] = await stored(payload.organization_id);
    const text = JSON.stringify(row);
    expect(text).not.toContain(CLICKUP_TOKEN);
    expect(text).not.toContain(MCP_TOKEN);
    expect(text).not.toContain('hunter2');
    expect(row).toMatchObject({
      action: 'retry_job.dead_lettered',
      outcome: 'error',
      issue_codes: ['AUTH_ERROR'],
      upstream_status: 401,
      job_id: 'job-1',
      tool: 'task_create',
      actor: `mcp:${payload.server_id}`,
      arguments: { attempts: 5, client_secret: REDACTED },
    });
    expect((row.arguments as { reason: string }).reason).toContain(REDACTED);
    expect(await verifyChain([row])).toMatchObject({ ok: true });
  });

  it('clips what the client sent to the lengths the api keeps, and stores it as hashed', async () => {
    const payload = await queuedCall({
      client_name: `agent-${'n'.repeat(1000)}`,
      client_version: '9'.repeat(1000),
      user_agent: `ua\u0000${'u'.repeat(5000)}`,
      session_id: 's'.repeat(1000),
      request_id: 'q'.repeat(1000),
    });
    const written = await audit.completed(
      'job-2',
      payload,
      { ok: true, result: { id: 't1' }, issues: [] },
      { attempts: 2, deduplicated: 0, writes: ['task.create done'] },
    );

    const [row] = await stored(payload.organization_id);
    expect(row.client_name).toHaveLength(AUDIT_TEXT_LIMITS.client_name);
    expect(row.client_version).toHaveLength(AUDIT_TEXT_LIMITS.client_version);
    expect(row.user_agent).toHaveLength(AUDIT_TEXT_LIMITS.user_agent);
    expect(row.user_agent?.startsWith('ua\uFFFDu')).toBe(true);
    expect(row.session_id).toHaveLength(AUDIT_TEXT_LIMITS.session_id);
    expect(row.request_id).toHaveLength(AUDIT_TEXT_LIMITS.request_id);
    expect(row).toMatchObject({ action: 'retry_job.completed', outcome: 'ok', job_id: 'job-2' });
    expect(row.duration_ms).toBeGreaterThanOrEqual(1500);
    expect(row).toEqual(written);
    expect(await verifyChain([row])).toMatchObject({ ok: true });
  });

  it('records a call its workers abandoned mid-call as INTERRUPTED, and counts it dead-lettered', async () => {
    const metrics = new GatewayMetrics('worker');
    const payload = await queuedCall();
    await new RetryAudit(dataSource, metrics).deadLettered('job-9', payload, 'INTERRUPTED', null, {
      reason: 'the worker running it stopped mid-call more than once',
    });
    const [row] = await stored(payload.organization_id);
    expect(row).toMatchObject({
      action: 'retry_job.dead_lettered',
      outcome: 'error',
      issue_codes: ['INTERRUPTED'],
      job_id: 'job-9',
      tool: 'task_create',
    });
    const exposition = parseExposition(await metrics.scrape());
    expect(
      sampleSum(exposition, 'gateway_queued_call_endings_total', {
        tool: 'task_create',
        ending: 'dead_lettered',
      }),
    ).toBe(1);
  });

  it('records a call cancelled before it wrote anything as ended without a change', async () => {
    const payload = await queuedCall();
    await audit.cancelled('job-6', payload, {
      attempts: 0,
      requested_at: new Date().toISOString(),
      reason: `Cancelled by mcp:${payload.server_id} before it changed anything in ClickUp.`,
    });
    const [row] = await stored(payload.organization_id);
    expect(row).toMatchObject({
      action: 'retry_job.cancelled',
      outcome: 'ok',
      issue_codes: [],
      upstream_status: null,
      job_id: 'job-6',
      tool: 'task_create',
      actor: `mcp:${payload.server_id}`,
      arguments: { attempts: 0 },
    });
    expect(await verifyChain([row])).toMatchObject({ ok: true });
  });

  it('carries the trace id of the request the call came from', async () => {
    const payload = await queuedCall({
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    await audit.completed('job-5', payload, { ok: true, result: null, issues: [] }, { attempts: 1 });
    const [row] = await stored(payload.organization_id);
    expect(row.trace_id).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(await verifyChain([row])).toMatchObject({ ok: true });
  });

  it('names the signed-in person and their OAuth client of a call queued on a sign-in server', async () => {
    const userId = randomUUID();
    const caller = {
      user_id: userId,
      email: 'mel@example.com',
      oauth_client_id: 'https://claude.ai/oauth/mcp-client.json',
    };
    const payload = await queuedCall({ caller });
    await audit.completed('job-7', payload, { ok: true, result: null, issues: [] }, { attempts: 2 });
    await audit.deadLettered('job-8', payload, 'UPSTREAM_ERROR', 502, { attempts: 5 });
    const rows = await stored(payload.organization_id);
    expect(rows.map((r) => [r.job_id, r.actor, r.actor_user_id, r.actor_email, r.oauth_client_id])).toEqual([
      ['job-7', `mcp:${payload.server_id}`, userId, caller.email, caller.oauth_client_id],
      ['job-8', `mcp:${payload.server_id}`, userId, caller.email, caller.oauth_client_id],
    ]);
    expect((await verifyChain(rows)).ok).toBe(true);

    const anonymous = await queuedCall();
    await audit.completed('job-9', anonymous, { ok: true, result: null, issues: [] }, { attempts: 1 });
    const [row] = await stored(anonymous.organization_id);
    expect([row.actor_user_id, row.actor_email, row.oauth_client_id]).toEqual([null, null, null]);
  });

  it('classifies a finished call as the api does: a refusal is denied, with its upstream status', async () => {
    const payload = await queuedCall();
    await audit.completed(
      'job-3',
      payload,
      {
        ok: false,
        result: null,
        issues: [{ code: 'FORBIDDEN', message: 'That list is outside this server.' }],
      },
      { attempts: 1 },
    );
    await audit.completed(
      'job-4',
      payload,
      {
        ok: false,
        result: null,
        issues: [{ code: 'UPSTREAM_ERROR', message: 'ClickUp failed.', upstream_status: 502 }],
      },
      { attempts: 3 },
    );

    const rows = await stored(payload.organization_id);
    expect(rows.map((r) => [r.job_id, r.outcome, r.issue_codes, r.upstream_status])).toEqual([
      ['job-3', 'denied', ['FORBIDDEN'], null],
      ['job-4', 'error', ['UPSTREAM_ERROR'], 502],
    ]);
    expect((await verifyChain(rows)).ok).toBe(true);
  });

  it('keeps NOT_APPLIED of a queued call that succeeded in part: ok, marked partially applied by its code', async () => {
    const payload = await queuedCall();
    await audit.completed(
      'job-10',
      payload,
      {
        ok: true,
        result: { id: 't1' },
        issues: [
          { code: 'NOT_APPLIED', message: 'status: asked "shipped", ClickUp kept "to do".', path: 'status' },
        ],
      },
      { attempts: 2 },
    );

    const [row] = await stored(payload.organization_id);
    expect([row.outcome, row.issue_codes]).toEqual(['ok', ['NOT_APPLIED']]);
  });
});
