import { GENESIS_HASH, type AuditRecord } from '@gw/audit-chain';
import { generateWebhookSecret, webhookSignature } from '@gw/security';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { backoffMs } from '../audit-sink-dispatcher';
import { otlpLogsRequest } from './otlp-logs';
import { webhookBatch } from './webhook-batch';

const sink = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'siem',
  organizationId: '11111111-1111-4111-8111-111111111111',
};

function record(seq: number): AuditRecord {
  return {
    id: `00000000-0000-4000-8000-00000000000${seq}`,
    seq,
    at: '2026-12-05T12:00:00.000Z',
    organization_id: sink.organizationId,
    server_id: null,
    team_id: null,
    actor: 'token:1',
    client_name: null,
    client_version: null,
    session_id: null,
    ip: null,
    user_agent: null,
    action: 'tools/call',
    tool: 'task_get',
    arguments: {},
    outcome: 'denied',
    issue_codes: ['FORBIDDEN'],
    upstream_status: null,
    duration_ms: 1,
    job_id: null,
    request_id: null,
    trace_id: '0af7651916cd43dd8448eb211c80319c',
    prev_hash: GENESIS_HASH,
    hash: 'c'.repeat(64),
  };
}

/** The check docs/audit-sinks.md gives receivers. */
function verifies(secret: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(
    `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  );
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describe('webhook sink batches', () => {
  it('carries the range of seq and every record, and is signed over the exact bytes sent', () => {
    const { body, firstSeq, lastSeq } = webhookBatch(sink, [
      { type: 'event', record: record(4) },
      {
        type: 'checkpoint',
        checkpoint: { seq: 4, created_at: '2026-12-05T12:00:00.000Z', signature: 'sig' },
      },
      { type: 'event', record: record(5) },
    ]);
    expect([firstSeq, lastSeq]).toEqual([4, 5]);
    const parsed = JSON.parse(body);
    expect(parsed).toMatchObject({ sink: { id: sink.id, name: 'siem' }, first_seq: 4, last_seq: 5 });
    expect(parsed.items.map((i: { type: string }) => i.type)).toEqual(['event', 'checkpoint', 'event']);
    // An event travels as the chain's record, nothing added: a receiver verifies the stream like an export.
    expect(parsed.items[0].event).toEqual(record(4));
    expect(parsed.items[1].checkpoint).toEqual({
      seq: 4,
      created_at: '2026-12-05T12:00:00.000Z',
      signature: 'sig',
    });

    const secret = generateWebhookSecret();
    const timestamp = 1_796_000_000;
    const signature = webhookSignature(secret, timestamp, body);
    expect(verifies(secret, String(timestamp), body, signature)).toBe(true);
    expect(verifies(generateWebhookSecret(), String(timestamp), body, signature)).toBe(false);
    expect(verifies(secret, String(timestamp + 1), body, signature)).toBe(false);
    expect(verifies(secret, String(timestamp), body.replace('"seq":5', '"seq":6'), signature)).toBe(false);
  });
});

describe('OTLP sink requests', () => {
  it('sends one log record per event with its time, severity, trace and filterable attributes', () => {
    const request = otlpLogsRequest([{ type: 'event', record: record(9) }], 'gateway-prod', new Date(0)) as {
      resourceLogs: { resource: unknown; scopeLogs: { logRecords: Record<string, unknown>[] }[] }[];
    };
    const [resource] = request.resourceLogs;
    expect(resource.resource).toEqual({
      attributes: [{ key: 'service.name', value: { stringValue: 'gateway-prod' } }],
    });
    const [log] = resource.scopeLogs[0].logRecords;
    expect(log).toMatchObject({
      timeUnixNano: '1796472000000000000',
      severityNumber: 12,
      severityText: 'INFO4',
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
    expect(log['attributes']).toContainEqual({ key: 'gateway.audit.seq', value: { intValue: '9' } });
    expect(JSON.parse((log['body'] as { stringValue: string }).stringValue)).toEqual(record(9));
  });
});

describe('sink backoff', () => {
  it('doubles from one second up to the cap, and waits longer when the receiver asks', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 60_000, null))).toEqual([1000, 2000, 4000, 8000, 60_000]);
    expect(backoffMs(1, 60_000, 30_000)).toBe(30_000);
    expect(backoffMs(1, 60_000, 3_600_000)).toBe(60_000);
  });
});
