import type { AuditSinkStatus, OtlpSinkSettings, SyslogSinkSettings, WebhookSinkSettings } from '@gw/db';
import { auditSinkSecretAad, type SecretBox, webhookSignature } from '@gw/security';
import { hostname } from 'node:os';
import { postWebhook } from '../../notifications/webhook-delivery';
import { otlpLogsRequest } from '../formats/otlp-logs';
import type { SinkItem } from '../formats/sink-item';
import { octetCountingFrame, syslogMessage } from '../formats/syslog-message';
import { webhookBatch } from '../formats/webhook-batch';
import { sendSyslog } from './syslog-transport';

export const SINK_USER_AGENT = 'clickup-mcp-gateway-audit-sink/1';

/** How one delivery ended: acknowledged, or why not (and how long the receiver asked to wait). */
export type SinkOutcome = { ok: true } | { ok: false; error: string; retryAfterMs: number | null };

/**
 * Sends items to a sink once, in order. Every failure is worth another attempt of the same batch: a stream of audit
 * events cannot skip one, so even a 4xx or a redirect (a receiver misconfigured) is retried after the backoff, its
 * reason shown to the admin.
 */
export async function deliverToSink(
  sink: AuditSinkStatus,
  items: SinkItem[],
  secrets: SecretBox | null,
  timeoutMs: number,
): Promise<SinkOutcome> {
  if (sink.kind === 'syslog') {
    const settings = sink.settings as SyslogSinkSettings;
    const header = { facility: settings.facility, appName: settings.app_name, hostname: hostname() };
    const problem = await sendSyslog(
      { host: settings.host, port: settings.port, tls: settings.tls, caPem: settings.ca_pem },
      items.map((item) => octetCountingFrame(syslogMessage(item, header))),
      timeoutMs,
    );
    return problem ? { ok: false, error: problem, retryAfterMs: null } : { ok: true };
  }
  const secret = openSecret(sink, secrets);
  if (typeof secret !== 'string' && secret !== null)
    return { ok: false, error: secret.problem, retryAfterMs: null };
  if (sink.kind === 'webhook') {
    if (secret === null)
      return { ok: false, error: 'The webhook sink has no signing secret.', retryAfterMs: null };
    const { body, firstSeq, lastSeq } = webhookBatch(sink, items);
    const timestamp = Math.floor(Date.now() / 1000);
    const test = items.every((item) => item.type === 'test');
    const outcome = await postWebhook(
      (sink.settings as WebhookSinkSettings).url,
      body,
      {
        'user-agent': SINK_USER_AGENT,
        'x-gateway-event': test ? 'audit.test' : 'audit.batch',
        'x-gateway-delivery': test
          ? `${sink.id}:test:${timestamp}`
          : firstSeq !== null
            ? `${sink.id}:${firstSeq}-${lastSeq}`
            : `${sink.id}:checkpoint:${lastCheckpointSeq(items)}`,
        'x-gateway-timestamp': String(timestamp),
        'x-gateway-signature': webhookSignature(secret, timestamp, body),
      },
      timeoutMs,
    );
    return httpOutcome(outcome);
  }
  const settings = sink.settings as OtlpSinkSettings;
  const headers = secret ? (JSON.parse(secret) as Record<string, string>) : {};
  const outcome = await postWebhook(
    `${settings.endpoint.replace(/\/+$/, '')}/v1/logs`,
    JSON.stringify(otlpLogsRequest(items, settings.service_name)),
    { ...headers, 'user-agent': SINK_USER_AGENT },
    timeoutMs,
  );
  return httpOutcome(outcome);
}

/** A batch of checkpoints alone (made after their events were sent) is named by the last one. */
function lastCheckpointSeq(items: SinkItem[]): number | null {
  return items.flatMap((item) => (item.type === 'checkpoint' ? [item.checkpoint.seq] : [])).at(-1) ?? null;
}

function httpOutcome(outcome: Awaited<ReturnType<typeof postWebhook>>): SinkOutcome {
  if (outcome.kind === 'delivered') return { ok: true };
  return {
    ok: false,
    error: outcome.error,
    retryAfterMs: outcome.kind === 'retry' ? outcome.retryAfterMs : null,
  };
}

/** The sink's sealed secret, opened; null when it has none; or why it cannot be opened. */
function openSecret(sink: AuditSinkStatus, secrets: SecretBox | null): string | null | { problem: string } {
  if (!sink.secretCiphertext || !sink.secretKeyId) return null;
  if (!secrets)
    return {
      problem: 'The worker has no encryption key (ENCRYPTION_KEY), so it cannot open the sink’s secret.',
    };
  try {
    return secrets.open(
      { ciphertext: sink.secretCiphertext, keyId: sink.secretKeyId },
      auditSinkSecretAad(sink.id),
    );
  } catch (error) {
    return { problem: `The sink's secret could not be opened: ${(error as Error).message}` };
  }
}
