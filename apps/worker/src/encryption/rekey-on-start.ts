import { countSealedByKey, takeCredentialCensus } from '@gw/db';
import type { GatewayMetrics } from '@gw/metrics';
import { enqueueRekey, JOB_QUEUES, type QueueBackend } from '@gw/queue';
import type { SecretBox } from '@gw/security';
import type { DataSource } from 'typeorm';

/**
 * At every worker start: counts the stored secrets by key for `gateway_credentials_by_key`, and when
 * ENCRYPTION_KEY_PREVIOUS is set and values are still under it, starts a re-encryption run (or joins the one under
 * way, if another worker started it). Returns the id of the run started, or null.
 */
export async function rekeyOnStart(
  dataSource: DataSource,
  box: SecretBox,
  queues: QueueBackend,
  metrics: GatewayMetrics,
): Promise<string | null> {
  metrics.credentialCensus(await takeCredentialCensus(dataSource, box));
  if (box.previousKeyIds.length === 0) return null;
  const byKey = await countSealedByKey(dataSource);
  const left = box.previousKeyIds.reduce((sum, id) => sum + (byKey.get(id) ?? 0), 0);
  if (left === 0) return null;
  const { job_id } = await enqueueRekey(queues.queue(JOB_QUEUES.rekey), {
    requested_by: 'system:worker-start',
  });
  return job_id;
}
