import { appendAuditRecords, type UnsequencedRecord } from '@gw/audit-chain';
import { AuditSinkConfig } from '@gw/config';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import { GatewayMetrics, parseExposition, sampleSum } from '@gw/metrics';
import { auditSinkSecretAad, generateWebhookSecret, SecretBox } from '@gw/security';
import { WebhookReceiver } from '@gw/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { AuditSinkDispatcher } from './audit-sink-dispatcher';
import { NO_CHECKPOINTS, type CheckpointSource } from './checkpoint-source';

interface Batch {
  first_seq: number;
  last_seq: number;
  items: { type: string; event?: { seq: number }; checkpoint?: { seq: number } }[];
}

/**
 * The dispatcher against a real database and a real receiver: the lease keeps one delivery per batch across
 * workers, checkpoints go inline, a failure backs off and keeps the cursor, and lag shows in the metrics.
 */
describe.each(DATABASE_TARGETS)('audit sink dispatcher on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let receiver: WebhookReceiver;
  const box = new SecretBox(randomBytes(32).toString('base64'));
  const config = Object.assign(new AuditSinkConfig(), { batchSize: 3, timeoutMs: 1000, maxBackoffMs: 5000 });
  const logger = pino({ level: 'silent' });
  let organizationId: string;

  beforeAll(async () => {
    target = await open('gw_audit_sinks');
    dataSource = await migratedDataSource(target.url, 'audit-sinks-test');
    receiver = await WebhookReceiver.start();
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await dataSource?.destroy();
    await target?.close();
  });

  beforeEach(async () => {
    receiver.reset();
    organizationId = randomUUID();
    await dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Acme')`, [organizationId]);
  });

  const dispatcher = (
    checkpoints: CheckpointSource = NO_CHECKPOINTS,
    metrics = new GatewayMetrics('worker'),
  ) => new AuditSinkDispatcher(dataSource, config, metrics, logger, checkpoints, box);

  async function events(count: number): Promise<void> {
    const records: UnsequencedRecord[] = Array.from({ length: count }, (_, n) => ({
      id: randomUUID(),
      at: new Date().toISOString(),
      organization_id: organizationId,
      server_id: null,
      team_id: null,
      actor: 'mcp:test',
      client_name: null,
      client_version: null,
      session_id: null,
      ip: null,
      user_agent: null,
      action: 'tools/call',
      tool: 'task_get',
      arguments: { n },
      outcome: 'ok',
      issue_codes: [],
      upstream_status: 200,
      duration_ms: 1,
      job_id: null,
      request_id: null,
    }));
    await dataSource.transaction((tx) => appendAuditRecords(tx, records));
  }

  async function webhookSink(name: string): Promise<string> {
    const id = randomUUID();
    const sealed = box.seal(generateWebhookSecret(), auditSinkSecretAad(id));
    await dataSource.query(
      `INSERT INTO audit_sinks (id, organization_id, name, kind, settings, secret_ciphertext, secret_key_id, secret_hint)
       VALUES ($1, $2, $3, 'webhook', $4, $5, $6, 'abcd')`,
      [
        id,
        organizationId,
        name,
        JSON.stringify({ url: receiver.url('/audit') }),
        sealed.ciphertext,
        sealed.keyId,
      ],
    );
    return id;
  }

  async function sinkRow(id: string) {
    const [row] = (await dataSource.query(
      'SELECT cursor_seq, failures, last_error, next_attempt_at, lease_owner FROM audit_sinks WHERE id = $1',
      [id],
    )) as {
      cursor_seq: string;
      failures: number;
      last_error: string | null;
      next_attempt_at: Date | null;
      lease_owner: string | null;
    }[];
    return row;
  }

  const batches = () => receiver.received.map((r) => JSON.parse(r.body) as Batch);
  const seqsReceived = () => batches().flatMap((b) => b.items.flatMap((i) => (i.event ? [i.event.seq] : [])));

  async function drain(...dispatchers: AuditSinkDispatcher[]): Promise<void> {
    for (let round = 0; round < 10; round++) {
      await Promise.all(dispatchers.map((d) => d.tick()));
      await Promise.all(dispatchers.map((d) => d.idle()));
    }
  }

  it('sends each batch once when two workers run the same sink, in order, and moves the cursor to the end', async () => {
    const id = await webhookSink('shared');
    await events(10);
    const [a, b] = [dispatcher(), dispatcher()];
    await drain(a, b);

    expect(seqsReceived()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(batches().map((batch) => [batch.first_seq, batch.last_seq])).toEqual([
      [1, 3],
      [4, 6],
      [7, 9],
      [10, 10],
    ]);
    const row = await sinkRow(id);
    expect(Number(row.cursor_seq)).toBe(10);
    expect([a.owner, b.owner]).toContain(row.lease_owner);
    await a.onApplicationShutdown();
    await b.onApplicationShutdown();
    expect((await sinkRow(id)).lease_owner).toBeNull();
  });

  it('delivers checkpoints right after the event they cover', async () => {
    await webhookSink('with-checkpoints');
    await events(4);
    const made = [{ seq: 2, created_at: new Date().toISOString(), signature: 'sig' }];
    const checkpoints: CheckpointSource = {
      after: async (organization, afterSeq, upToSeq) =>
        organization === organizationId ? made.filter((c) => c.seq > afterSeq && c.seq <= upToSeq) : [],
    };
    await drain(dispatcher(checkpoints));
    expect(batches()[0].items.map((i) => `${i.type}:${(i.event ?? i.checkpoint)?.seq}`)).toEqual([
      'event:1',
      'event:2',
      'checkpoint:2',
      'event:3',
    ]);
  });

  it('sends a checkpoint made after its events were delivered, once, and nothing more', async () => {
    const id = await webhookSink('late-checkpoints');
    await events(2);
    const made: { seq: number; created_at: string; signature: string }[] = [];
    const checkpoints: CheckpointSource = {
      // Sinks of the other cases' organizations are dispatched too: this organization's checkpoints only.
      after: async (organization, afterSeq, upToSeq) =>
        organization === organizationId ? made.filter((c) => c.seq > afterSeq && c.seq <= upToSeq) : [],
    };
    const d = dispatcher(checkpoints);
    await drain(d);
    expect(seqsReceived()).toEqual([1, 2]);

    // The signer catches up with the head the sink already has.
    made.push({ seq: 2, created_at: new Date().toISOString(), signature: 'sig-2' });
    await drain(d);
    expect(receiver.received.map((r) => r.headers['x-gateway-delivery'])).toEqual([
      `${id}:1-2`,
      `${id}:checkpoint:2`,
    ]);
    expect(batches()[1].items).toEqual([{ type: 'checkpoint', checkpoint: made[0] }]);
    expect(await sinkRow(id)).toMatchObject({ cursor_seq: '2' });

    // A new event, then a checkpoint for it: the checkpoint follows the event it covers.
    await events(1);
    made.push({ seq: 3, created_at: new Date().toISOString(), signature: 'sig-3' });
    await drain(d);
    expect(batches()[2].items.map((i) => i.type)).toEqual(['event', 'checkpoint']);
    expect(receiver.received).toHaveLength(3);
    await d.onApplicationShutdown();
  });

  it('keeps the cursor on a failure, backs off, records why, and shows the lag', async () => {
    const id = await webhookSink('flaky');
    await events(2);
    receiver.answer({ status: 503 });
    const metrics = new GatewayMetrics('worker');
    const d = dispatcher(NO_CHECKPOINTS, metrics);
    await d.tick();
    await d.idle();

    const failed = await sinkRow(id);
    expect(failed).toMatchObject({
      cursor_seq: '0',
      failures: 1,
      last_error: 'HTTP 503 Service Unavailable',
    });
    expect((failed.next_attempt_at as Date).getTime()).toBeGreaterThan(Date.now());
    // Backing off: the next tick does not try again yet.
    await d.tick();
    await d.idle();
    expect(receiver.received).toHaveLength(1);
    const scraped = parseExposition(await metrics.scrape());
    expect(sampleSum(scraped, 'gateway_audit_sink_lag_events', { sink: 'flaky' })).toBe(2);
    expect(
      sampleSum(scraped, 'gateway_audit_sink_deliveries_total', { sink: 'flaky', outcome: 'failed' }),
    ).toBe(1);

    await dataSource.query('UPDATE audit_sinks SET next_attempt_at = NULL WHERE id = $1', [id]);
    await drain(d);
    // The refused batch, then the same batch again.
    expect(seqsReceived()).toEqual([1, 2, 1, 2]);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
    expect(await sinkRow(id)).toMatchObject({ cursor_seq: '2', failures: 0 });
    await d.tick();
    expect(
      sampleSum(parseExposition(await metrics.scrape()), 'gateway_audit_sink_lag_events', { sink: 'flaky' }),
    ).toBe(0);
    await d.onApplicationShutdown();
  });

  it('cannot open a webhook secret without the encryption key, and says so', async () => {
    const id = await webhookSink('no-key');
    await events(1);
    const keyless = new AuditSinkDispatcher(
      dataSource,
      config,
      new GatewayMetrics('worker'),
      logger,
      NO_CHECKPOINTS,
    );
    await keyless.tick();
    await keyless.idle();
    expect((await sinkRow(id)).last_error).toMatch(/no encryption key \(ENCRYPTION_KEY\)/);
    expect(receiver.received).toHaveLength(0);
  });
});
