/**
 * The associated data a connection's ClickUp token is sealed with, so a ciphertext opens only for its own row. The
 * api seals and opens it; the worker opens it to replay queued calls.
 */
export function connectionCredentialAad(connectionId: string): string {
  return `clickup-connection:${connectionId}`;
}

/**
 * The associated data of a person's linked ClickUp token: bound to the person and organization, of which there is
 * one row each, so a ciphertext copied to another person's row does not open.
 */
export function linkedAccountCredentialAad(organizationId: string, userId: string): string {
  return `clickup-linked-account:${organizationId}:${userId}`;
}
