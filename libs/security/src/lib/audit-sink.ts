/**
 * The associated data an audit sink's secret (a webhook's signing secret, an OTLP sink's headers) is sealed with:
 * bound to the sink, so the ciphertext opens on no other row.
 */
export function auditSinkSecretAad(sinkId: string): string {
  return `audit-sink:${sinkId}:secret`;
}
