import { verifyChain } from '@gw/audit-chain';
import { parseExposition, sampleSum } from '@gw/metrics';
import { freePort, waitFor } from '@gw/testing';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from '../support/stack';
import { BatchReceiver, SyslogReceiver, type Arrival } from './sink-receivers';
import { eventsSince, newestSeq } from './support';

interface Sink {
  id: string;
  name: string;
  state: string;
  cursor_seq: number;
  head_seq: number;
  lag_events: number;
  lag_seconds: number;
  failures: number;
  last_error: string | null;
  secret?: string;
  secret_hint: string | null;
  header_names: string[];
  test: { requested_at: string | null; tested_at: string | null; error: string | null };
}

/** A self-signed certificate for 127.0.0.1, made for this run. */
function selfSigned(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gw-syslog-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=syslog.test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every seq from `from` to `to` arrived, with no gap, and in increasing order of first arrival. */
function expectComplete(arrivals: Arrival[], seqs: number[], from: number, to: number): void {
  const expected = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  expect(seqs.filter((s) => s >= from && s <= to)).toEqual(expected);
  // A repeat (at least once) only ever re-sends what came before; nothing arrives ahead of a missing seq.
  let highest = 0;
  for (const { seq } of arrivals) {
    expect(seq).toBeLessThanOrEqual(highest + 1);
    highest = Math.max(highest, seq);
  }
}

/**
 * Audit sinks, as a SIEM sees them: a webhook, a syslog receiver over TCP and one over TLS, and an OTLP collector
 * get every audit event in order through an outage of the receivers and a restart of the worker.
 */
describe.each(['postgres+redis', 'embedded'] as const)(
  'audit sinks stream the audit chain to the SIEM (%s)',
  (mode) => {
    let stack: Stack;
    let webhook: BatchReceiver;
    let otlp: BatchReceiver;
    let syslog: SyslogReceiver;
    let syslogTls: SyslogReceiver;
    let tls: { key: string; cert: string };
    let workerPort: number;
    const sinks: Record<string, Sink> = {};
    let team = 0;

    beforeAll(async () => {
      workerPort = await freePort();
      stack = new Stack(mode, {
        env: {
          AUDIT_SINK_POLL_MS: '200',
          AUDIT_SINK_BATCH_SIZE: '4',
          AUDIT_SINK_TIMEOUT_MS: '2000',
          AUDIT_SINK_MAX_BACKOFF_MS: '1000',
          WORKER_METRICS_PORT: String(workerPort),
        },
      });
      tls = selfSigned();
      [webhook, otlp, syslog, syslogTls] = await Promise.all([
        BatchReceiver.start(),
        BatchReceiver.start(),
        SyslogReceiver.start(),
        SyslogReceiver.start(tls),
      ]);
      await stack.start();
    }, 120_000);

    afterAll(async () => {
      await stack?.stop();
      await Promise.all([webhook?.close(), otlp?.close(), syslog?.close(), syslogTls?.close()]);
    }, 60_000);

    /** `count` audited admin actions. */
    async function act(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const res = await stack.rest('POST', '/teams', { name: `Sink team ${team++}` });
        expect(res.status).toBe(201);
      }
    }

    async function sink(id: string): Promise<Sink> {
      const res = await stack.rest<Sink>('GET', `/audit/sinks/${id}`);
      expect(res.status).toBe(200);
      return res.body;
    }

    const receivers = () => [webhook, otlp, syslog, syslogTls];

    async function allDelivered(to: number): Promise<void> {
      try {
        await waitFor(() => receivers().every((r) => r.seqs.includes(to)), {
          timeoutMs: 20_000,
          what: `every receiver to get seq ${to}`,
        });
      } catch (error) {
        const states = (await stack.rest<{ items: Sink[] }>('GET', '/audit/sinks')).body.items;
        throw new Error(`${(error as Error).message}; sinks: ${JSON.stringify(states)}`);
      }
    }

    async function workerMetrics() {
      const res = await fetch(`http://127.0.0.1:${workerPort}/metrics`);
      return parseExposition(await res.text());
    }

    it('refuses invalid sinks with every problem named', async () => {
      const bad = await stack.rest<{ message: string[] }>('POST', '/audit/sinks', {
        name: 'Not A Name',
        kind: 'kafka',
        settings: 'x',
        extra: 1,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^name must be 1 to 63 lower-case/),
          'kind must be one of webhook, syslog, otlp',
          'settings must be an object',
          'property extra should not exist',
        ]),
      );
      const plain = await stack.rest<{ message: string[] }>('POST', '/audit/sinks', {
        name: 'remote',
        kind: 'webhook',
        settings: { url: 'http://siem.example.com/in' },
      });
      expect(plain.status).toBe(400);
      expect(plain.body.message).toEqual([expect.stringMatching(/settings\.url must use https/)]);
      const syslogBad = await stack.rest<{ message: string[] }>('POST', '/audit/sinks', {
        name: 'remote-syslog',
        kind: 'syslog',
        settings: { host: 'siem.example.com', port: 0, tls: false, ca_pem: 'not a pem' },
      });
      expect(syslogBad.status).toBe(400);
      expect(syslogBad.body.message).toEqual(
        expect.arrayContaining([
          'settings.port must be an integer from 1 to 65535',
          expect.stringMatching(/settings\.tls must be true/),
          expect.stringMatching(/settings\.ca_pem must be PEM certificates/),
        ]),
      );
      const headersOnWebhook = await stack.rest<{ message: string[] }>('POST', '/audit/sinks', {
        name: 'hook-with-headers',
        kind: 'webhook',
        settings: { url: webhook.url('/audit') },
        headers: { authorization: 'Bearer x' },
      });
      expect(headersOnWebhook.status).toBe(400);
      expect((await stack.rest<{ items: Sink[] }>('GET', '/audit/sinks')).body.items).toEqual([]);
    });

    it('delivers every event in order to a webhook, syslog over TCP and TLS, and OTLP', async () => {
      const create = async (body: Record<string, unknown>) => {
        const res = await stack.rest<Sink>('POST', '/audit/sinks', body);
        expect(res.status).toBe(201);
        sinks[body['name'] as string] = res.body;
        return res.body;
      };
      const hook = await create({ name: 'hook', kind: 'webhook', settings: { url: webhook.url('/audit') } });
      expect(hook.secret).toMatch(/^whsec_/);
      expect(hook.secret_hint).toBe(`whsec_…${hook.secret?.slice(-4)}`);
      await create({
        name: 'collector',
        kind: 'otlp',
        settings: { endpoint: otlp.url('/') },
        headers: { authorization: 'Bearer otlp-secret-value' },
      });
      await create({
        name: 'syslog-tcp',
        kind: 'syslog',
        settings: { host: '127.0.0.1', port: syslog.port, tls: false },
      });
      await create({
        name: 'syslog-tls',
        kind: 'syslog',
        settings: {
          host: '127.0.0.1',
          port: syslogTls.port,
          tls: true,
          ca_pem: tls.cert,
          facility: 16,
          app_name: 'gw-test',
        },
      });
      const duplicate = await stack.rest('POST', '/audit/sinks', {
        name: 'hook',
        kind: 'webhook',
        settings: { url: webhook.url('/x') },
      });
      expect(duplicate.status).toBe(409);
      // Neither the signing secret nor the OTLP header is shown again.
      const listed = await stack.rest<{ items: Sink[] }>('GET', '/audit/sinks');
      expect(JSON.stringify(listed.body)).not.toContain(hook.secret as string);
      expect(JSON.stringify(listed.body)).not.toContain('otlp-secret-value');
      expect(listed.body.items.find((s) => s.name === 'collector')?.header_names).toEqual(['authorization']);

      await act(9);
      const head = await newestSeq(stack);
      await allDelivered(head);
      for (const receiver of receivers()) expectComplete(receiver.arrivals, receiver.seqs, 1, head);

      // What arrived is the chain itself: the events the audit log holds, and they verify as a chain.
      const events = await eventsSince(stack, 0);
      for (const receiver of receivers()) {
        expect([...receiver.stored.values()]).toEqual(events);
        await expect(verifyChain(receiver.stored.values())).resolves.toEqual({ ok: true, checked: head });
      }

      // Each webhook batch is signed with the secret, over the exact bytes sent.
      for (const { headers, body } of webhook.batches) {
        const expected = `v1=${createHmac('sha256', hook.secret as string)
          .update(`${headers['x-gateway-timestamp']}.${body}`)
          .digest('hex')}`;
        expect(headers['x-gateway-signature']).toBe(expected);
        expect(headers['x-gateway-event']).toBe('audit.batch');
      }
      expect(otlp.batches[0].headers['authorization']).toBe('Bearer otlp-secret-value');
      expect(syslogTls.messages[0]).toMatch(/^<13\d>1 \S+ \S+ gw-test - AUDIT \[audit@32473 seq="1" /);

      await waitFor(async () => (await sink(hook.id)).lag_events === 0, {
        what: 'the hook to be up to date',
      });
      expect(await sink(hook.id)).toMatchObject({
        state: 'up_to_date',
        cursor_seq: head,
        head_seq: head,
        lag_events: 0,
      });
    });

    it('resumes after the receivers were down, with nothing lost, and shows the lag meanwhile', async () => {
      const before = await newestSeq(stack);
      webhook.down = true;
      syslog.down = true;
      await act(6);
      const head = await newestSeq(stack);

      const failing = await waitFor(
        async () => {
          const s = await sink(sinks['hook'].id);
          // Down for a while: the same batch refused again after the backoff.
          return s.failures >= 2 ? s : undefined;
        },
        { what: 'the hook to record two failed attempts' },
      );
      expect(failing).toMatchObject({ state: 'failing', last_error: 'HTTP 503 Service Unavailable' });
      expect(failing.lag_events).toBeGreaterThanOrEqual(head - before);
      const tcp = await waitFor(
        async () => {
          const s = await sink(sinks['syslog-tcp'].id);
          return s.failures > 0 ? s : undefined;
        },
        { what: 'the syslog sink to record a failure' },
      );
      expect(tcp.last_error).toMatch(
        /closed the connection|did not acknowledge|before the receiver finished/,
      );
      const metrics = await waitFor(
        async () => {
          const m = await workerMetrics();
          return sampleSum(m, 'gateway_audit_sink_lag_events', { sink: 'hook' }) > 0 ? m : undefined;
        },
        { what: 'the lag metric of the hook' },
      );
      expect(sampleSum(metrics, 'gateway_audit_sink_lag_seconds', { sink: 'hook' })).toBeGreaterThan(0);
      expect(
        sampleSum(metrics, 'gateway_audit_sink_deliveries_total', { sink: 'hook', outcome: 'failed' }),
      ).toBeGreaterThan(0);
      // The receiver that stayed up keeps up meanwhile.
      await waitFor(
        async () =>
          sampleSum(await workerMetrics(), 'gateway_audit_sink_lag_events', { sink: 'syslog-tls' }) === 0,
        {
          what: 'the TLS syslog sink to stay up to date',
        },
      );

      webhook.down = false;
      syslog.down = false;
      await allDelivered(head);
      for (const receiver of receivers()) expectComplete(receiver.arrivals, receiver.seqs, 1, head);
      await waitFor(async () => (await sink(sinks['hook'].id)).state === 'up_to_date', {
        what: 'the hook to recover',
      });
    });

    it('resumes from the cursor after the worker restarts', async () => {
      await stack.worker?.stop();
      await act(5);
      const whileDown = await newestSeq(stack);
      expect((await sink(sinks['syslog-tcp'].id)).lag_events).toBeGreaterThanOrEqual(5);
      await stack.startWorker();
      await act(2);
      const head = await newestSeq(stack);
      expect(head).toBeGreaterThan(whileDown);
      await allDelivered(head);
      for (const receiver of receivers()) {
        expectComplete(receiver.arrivals, receiver.seqs, 1, head);
        const stored = [...receiver.stored.values()].sort((a, b) => a.seq - b.seq);
        await expect(verifyChain(stored)).resolves.toEqual({ ok: true, checked: head });
      }
      const metrics = await waitFor(
        async () => {
          const m = await workerMetrics();
          return sampleSum(m, 'gateway_audit_sink_lag_events', { sink: 'syslog-tcp' }) === 0 &&
            sampleSum(m, 'gateway_audit_sink_deliveries_total', {
              sink: 'syslog-tcp',
              outcome: 'delivered',
            }) > 0
            ? m
            : undefined;
        },
        { what: 'the restarted worker to report the sink caught up' },
      );
      expect(sampleSum(metrics, 'gateway_audit_sink_lag_seconds', { sink: 'syslog-tcp' })).toBe(0);
    });

    it('pauses, tests and removes a sink, each audited', async () => {
      const hook = sinks['hook'];
      const paused = await stack.rest<Sink>('PATCH', `/audit/sinks/${hook.id}`, { paused: true });
      expect(paused.body.state).toBe('paused');
      const mark = webhook.seqs.at(-1) as number;
      await act(2);
      const requested = await stack.rest<Sink>('POST', `/audit/sinks/${hook.id}/test`);
      expect(requested.status).toBe(202);
      const tested = await waitFor(
        async () => {
          const s = await sink(hook.id);
          return s.test.tested_at ? s : undefined;
        },
        { what: 'the test to be sent' },
      );
      expect(tested.test.error).toBeNull();
      expect(webhook.batches.at(-1)?.headers['x-gateway-event']).toBe('audit.test');
      // Paused: the test went out, the events did not.
      expect(webhook.seqs.at(-1)).toBe(mark);

      const resumed = await stack.rest<Sink>('PATCH', `/audit/sinks/${hook.id}`, { paused: false });
      expect(resumed.status).toBe(200);
      const head = await newestSeq(stack);
      await waitFor(() => webhook.seqs.includes(head), { what: 'the resumed hook to catch up' });
      expectComplete(webhook.arrivals, webhook.seqs, 1, head);

      expect((await stack.rest('DELETE', `/audit/sinks/${hook.id}`)).status).toBe(204);
      expect((await stack.rest('GET', `/audit/sinks/${hook.id}`)).status).toBe(404);
      const actions = (await eventsSince(stack, 0)).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'audit_sink.create',
          'audit_sink.update',
          'audit_sink.test',
          'audit_sink.delete',
        ]),
      );
    });
  },
);
