/**
 * The associated data a connection's ClickUp token is sealed with, so a ciphertext opens only for its own row. The
 * api seals and opens it; the worker opens it to replay queued calls.
 */
export function connectionCredentialAad(connectionId: string): string {
  return `clickup-connection:${connectionId}`;
}
