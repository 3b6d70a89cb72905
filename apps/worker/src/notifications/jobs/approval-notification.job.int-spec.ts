import { ApprovalWebhookConfig } from '@gw/config';
import { ApprovalWebhookEntity } from '@gw/db';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import type { ApprovalNotificationJobPayload, JobPayload, JobResult } from '@gw/queue';
import { approvalWebhookAad, generateWebhookSecret, SecretBox } from '@gw/security';
import { WebhookReceiver } from '@gw/testing';
import { UnrecoverableError, type Job } from 'bullmq';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApprovalNotificationJob } from './approval-notification.job';

type NotificationJob = Job<JobPayload<'approval-notification'>, JobResult<'approval-notification'>>;

/** The receiver's check, as docs/approval-notifications.md tells receivers to write it. */
function signatureOf(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a team's receiver gets from one delivery attempt, and how each of its answers ends the attempt. The job is
 * run as BullMQ runs it, one attempt per `process`; retries and dead letters through the queue are in
 * test/approvals/webhook-delivery.e2e-spec.ts.
 */
describe.each(DATABASE_TARGETS)('approval notification delivery on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let receiver: WebhookReceiver;
  const box = new SecretBox(randomBytes(32).toString('base64'));
  const config = Object.assign(new ApprovalWebhookConfig(), { baseDelayMs: 1000, timeoutMs: 400 });
  let delivery: ApprovalNotificationJob;
  let organizationId: string;

  beforeAll(async () => {
    target = await open('gw_webhook_delivery');
    dataSource = await migratedDataSource(target.url, 'webhook-delivery-test');
    receiver = await WebhookReceiver.start();
    delivery = new ApprovalNotificationJob(dataSource, config, box);
    organizationId = randomUUID();
    await dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Acme')`, [organizationId]);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await dataSource?.destroy();
    await target?.close();
  });

  beforeEach(() => receiver.reset());

  /** A team with a webhook pointing at the receiver; returns the team id and the secret. */
  async function team(url = receiver.url(), enabled = true): Promise<{ id: string; secret: string }> {
    const id = randomUUID();
    await dataSource.query(`INSERT INTO teams (id, organization_id, name) VALUES ($1, $2, $3)`, [
      id,
      organizationId,
      `Team ${id.slice(0, 6)}`,
    ]);
    const secret = generateWebhookSecret();
    const sealedUrl = box.seal(url, approvalWebhookAad(id, 'url'));
    const sealedSecret = box.seal(secret, approvalWebhookAad(id, 'secret'));
    await dataSource.getRepository(ApprovalWebhookEntity).insert({
      teamId: id,
      organizationId,
      urlCiphertext: sealedUrl.ciphertext,
      urlKeyId: sealedUrl.keyId,
      secretCiphertext: sealedSecret.ciphertext,
      secretKeyId: sealedSecret.keyId,
      secretHint: secret.slice(-4),
      secretCreatedAt: new Date(),
      enabled,
    });
    return { id, secret };
  }

  function job(teamId: string, attemptsMade = 0): NotificationJob {
    const payload: ApprovalNotificationJobPayload = {
      organization_id: organizationId,
      team: { id: teamId, name: 'Support' },
      event: 'approval.requested',
      approval: {
        id: randomUUID(),
        server: { id: randomUUID(), name: 'Support agent' },
        tool: 'task_delete',
        summary: 'Delete task “Launch plan” with 2 subtasks',
        requested_by: 'ada@acme.test',
        approval_url: 'https://console.example/approvals/x',
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      },
      inbox_url: 'https://console.example/approvals',
      queued_at: Date.now(),
    };
    const fake = {
      id: randomUUID(),
      attemptsMade,
      data: payload,
      async updateData(data: ApprovalNotificationJobPayload) {
        fake.data = data;
      },
    };
    return fake as unknown as NotificationJob;
  }

  const attempt = (j: NotificationJob) => delivery.process(j.data, j);

  it('POSTs a signed, Slack-compatible message that the secret verifies', async () => {
    const { id, secret } = await team();
    const j = job(id);
    const result = await attempt(j);

    expect(result.status).toBe(200);
    const [request] = receiver.received;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-gateway-event']).toBe('approval.requested');
    expect(request.headers['x-gateway-delivery']).toBe(String(j.id));
    const timestamp = request.headers['x-gateway-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(request.headers['x-gateway-signature']).toBe(signatureOf(secret, timestamp, request.body));
    expect(request.headers['x-gateway-signature']).not.toBe(
      signatureOf(generateWebhookSecret(), timestamp, request.body),
    );

    const body = JSON.parse(request.body);
    expect(body.text).toContain('Approval needed: task_delete on Support agent');
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Approval needed: task_delete' },
    });
    expect(body.approval).toEqual(j.data.approval);
    // Neither the URL nor the secret travels in the body.
    expect(request.body).not.toContain(secret);
    expect(request.body).not.toContain(String(receiver.port));
  });

  it('ends the attempt for another one on 500, 429 and 408, waiting what Retry-After asks when longer', async () => {
    const { id } = await team();
    receiver.answer(
      { status: 500 },
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 408 },
    );
    const j = job(id);
    await expect(attempt(j)).rejects.toThrow('HTTP 500 Internal Server Error');
    expect(j.data).toMatchObject({ last_attempt: { status: 500 }, next_delay_ms: 1000 });

    Object.assign(j, { attemptsMade: 1 });
    const second = attempt(j);
    await expect(second).rejects.toThrow('HTTP 429 Too Many Requests');
    await expect(second).rejects.not.toBeInstanceOf(UnrecoverableError);
    expect(j.data).toMatchObject({ last_attempt: { status: 429 }, next_delay_ms: 7000 });

    Object.assign(j, { attemptsMade: 2 });
    await expect(attempt(j)).rejects.toThrow('HTTP 503');
    expect(j.data.next_delay_ms).toBe(4000);

    Object.assign(j, { attemptsMade: 3 });
    await expect(attempt(j)).rejects.toThrow('HTTP 408');
    expect(j.data.next_delay_ms).toBe(8000);
    expect(receiver.received).toHaveLength(4);
    // The same delivery id on every attempt, so a receiver can drop a repeat.
    expect(new Set(receiver.received.map((r) => r.headers['x-gateway-delivery']))).toEqual(
      new Set([String(j.id)]),
    );
  });

  it.each([400, 401, 403, 404, 410, 422])('fails at once, for good, on %i', async (status) => {
    const { id } = await team();
    receiver.answer({ status });
    const j = job(id);
    const error = await attempt(j).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toMatch(new RegExp(`^HTTP ${status} .*not retried`));
    expect(j.data.last_attempt).toMatchObject({ status });
    expect(j.data.next_delay_ms).toBeUndefined();
  });

  it('does not follow a redirect', async () => {
    const { id } = await team();
    receiver.answer({ status: 302, headers: { location: receiver.url('/elsewhere') } });
    const error = await attempt(job(id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toMatch(/HTTP 302 Found: redirects are not followed/);
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received.map((r) => r.path)).toEqual(['/hook']);
  });

  it('gives up on a receiver that does not answer in time, and tries again later', async () => {
    const { id } = await team();
    receiver.answer({ status: 200, hang: true });
    const j = job(id);
    const started = Date.now();
    await expect(attempt(j)).rejects.toThrow('no answer within 400 ms');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(j.data).toMatchObject({ last_attempt: { status: null }, next_delay_ms: 1000 });
  });

  it('tries again later when nothing listens, naming no URL', async () => {
    const closed = await WebhookReceiver.start();
    const url = closed.url('/hook?token=do-not-show');
    await closed.close();
    const { id } = await team(url);
    const j = job(id);
    const error = (await attempt(j).catch((e: unknown) => e)) as Error;
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect(error.message).toBe('could not reach the receiver (ECONNREFUSED)');
    expect(JSON.stringify(j.data)).not.toContain('do-not-show');
  });

  it("keeps only the receiver's status line, printable and clipped, never its body", async () => {
    const { id } = await team();
    receiver.answer({ status: 500, reason: `Broken ${'x'.repeat(500)}`, body: 'stack trace with secrets' });
    const j = job(id);
    const error = (await attempt(j).catch((e: unknown) => e)) as Error;
    expect(error.message.length).toBeLessThanOrEqual(120);
    expect(error.message).toMatch(/^HTTP 500 Broken x+…$/);
    expect(JSON.stringify(j.data)).not.toContain('stack trace');
  });

  it('signs each attempt with the secret the team has at that moment', async () => {
    const { id } = await team();
    receiver.answer({ status: 500 });
    const j = job(id);
    await expect(attempt(j)).rejects.toThrow();

    const rotated = generateWebhookSecret();
    const sealed = box.seal(rotated, approvalWebhookAad(id, 'secret'));
    await dataSource
      .getRepository(ApprovalWebhookEntity)
      .update({ teamId: id }, { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId });
    await attempt(j);

    const retry = receiver.received[1];
    const timestamp = retry.headers['x-gateway-timestamp'] as string;
    expect(retry.headers['x-gateway-signature']).toBe(signatureOf(rotated, timestamp, retry.body));
  });

  it('fails for good when the webhook was turned off or removed, sending nothing', async () => {
    const off = await team(receiver.url(), false);
    await expect(attempt(job(off.id))).rejects.toThrow("The team's approval webhook is turned off.");
    const removed = await team();
    await dataSource.getRepository(ApprovalWebhookEntity).delete({ teamId: removed.id });
    const error = await attempt(job(removed.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toBe('The team has no approval webhook any more.');
    expect(receiver.received).toHaveLength(0);
  });

  it("opens nothing of another organization's team", async () => {
    const { id } = await team();
    const j = job(id);
    j.data.organization_id = randomUUID();
    await expect(attempt(j)).rejects.toThrow('The team has no approval webhook any more.');
    expect(receiver.received).toHaveLength(0);
  });
});
