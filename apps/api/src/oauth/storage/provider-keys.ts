import { oauthProviderKeyAad, SecretBox } from '@gw/security';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A private JSON Web Key, as oidc-provider's `jwks` option takes it. */
export type PrivateJwk = Record<string, unknown> & { kid: string; kty: string };

export interface ProviderKeys {
  /** Signing keys (RS256); opaque access tokens are not signed, but ID tokens and the JWKS endpoint need one. */
  jwks: { keys: PrivateJwk[] };
  /** Keys that sign the provider's cookies; the first signs, all verify. */
  cookieKeys: string[];
}

/**
 * Loads the authorization server's keys, creating each on first start. Every api process reads the same row: the
 * first to start inserts it, `ON CONFLICT DO NOTHING` lets a replica that started at the same moment lose the race
 * and read the winner's. Sealed with ENCRYPTION_KEY, bound to the row's name so a row cannot be swapped for another.
 */
export async function loadProviderKeys(dataSource: DataSource, box: SecretBox): Promise<ProviderKeys> {
  const jwks = await loadOrCreate(dataSource, box, 'jwks', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
    return JSON.stringify({ keys: [jwk] });
  });
  const cookies = await loadOrCreate(dataSource, box, 'cookies', () =>
    JSON.stringify([randomBytes(32).toString('base64url')]),
  );
  return { jwks: JSON.parse(jwks) as ProviderKeys['jwks'], cookieKeys: JSON.parse(cookies) as string[] };
}

async function loadOrCreate(
  dataSource: DataSource,
  box: SecretBox,
  name: string,
  create: () => string,
): Promise<string> {
  const aad = oauthProviderKeyAad(name);
  const read = async () =>
    (
      await dataSource.query(`SELECT ciphertext, key_id FROM oauth_provider_keys WHERE name = $1`, [name])
    )[0] as { ciphertext: string; key_id: string } | undefined;
  let row = await read();
  if (!row) {
    const sealed = box.seal(create(), aad);
    await dataSource.query(
      `INSERT INTO oauth_provider_keys (name, ciphertext, key_id) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
      [name, sealed.ciphertext, sealed.keyId],
    );
    row = await read();
    if (!row) throw new Error(`the authorization server's ${name} key could not be stored`);
  }
  return box.open({ ciphertext: row.ciphertext, keyId: row.key_id }, aad);
}
