import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** How often the signer promised to sign, carried inside each signature so a verifier needs no configuration. */
export interface CheckpointPolicy {
  every_events: number;
  every_minutes: number;
}

/** The fields a checkpoint signs: one organization's chain at `seq`, whose row hashes to `hash`. */
export interface CheckpointFields extends CheckpointPolicy {
  organization_id: string;
  seq: number;
  hash: string;
  /** ISO-8601 time the checkpoint was signed. */
  created_at: string;
}

/**
 * A signed checkpoint as stored, exported, sent to sinks and written into archives. `public_key` is informational:
 * verifiers trust only the public keys they were given, looked up by `key_id`.
 */
export interface SignedCheckpoint extends CheckpointFields {
  type: 'checkpoint';
  /** The first 16 hex digits of the SHA-256 of the public key (DER, SubjectPublicKeyInfo). */
  key_id: string;
  /** The signer's Ed25519 public key, PEM (SPKI). */
  public_key: string;
  /** Ed25519 over `checkpointMessage(...)`, base64. */
  signature: string;
}

/** Thrown for a key that cannot sign or verify checkpoints; the message never holds key material. */
export class CheckpointKeyError extends Error {
  override name = 'CheckpointKeyError';
}

/** The exact bytes a checkpoint signs: canonical JSON of its fields, its key id and a versioned type. */
export function checkpointMessage(fields: CheckpointFields, keyId: string): Buffer {
  return Buffer.from(
    canonicalJson({
      type: 'audit-checkpoint/v1',
      organization_id: fields.organization_id,
      seq: fields.seq,
      hash: fields.hash,
      created_at: fields.created_at,
      every_events: fields.every_events,
      every_minutes: fields.every_minutes,
      key_id: keyId,
    }),
    'utf8',
  );
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export interface CheckpointSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  sign(fields: CheckpointFields): SignedCheckpoint;
}

/** A signer from an Ed25519 private key in PEM (PKCS#8), as `openssl genpkey -algorithm ed25519` writes it. */
export function checkpointSigner(privateKeyPem: string): CheckpointSigner {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: privateKeyPem, format: 'pem' });
  } catch {
    throw new CheckpointKeyError('is not a PEM private key (expected PKCS#8, "-----BEGIN PRIVATE KEY-----")');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointKeyError(
      `is a ${privateKey.asymmetricKeyType ?? 'unknown'} key: checkpoints are signed with Ed25519 only`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    keyId,
    publicKeyPem,
    sign: (fields) => ({
      type: 'checkpoint',
      organization_id: fields.organization_id,
      seq: fields.seq,
      hash: fields.hash,
      created_at: fields.created_at,
      every_events: fields.every_events,
      every_minutes: fields.every_minutes,
      key_id: keyId,
      public_key: publicKeyPem,
      signature: sign(null, checkpointMessage(fields, keyId), privateKey).toString('base64'),
    }),
  };
}

/** The public keys a verifier trusts, by key id: the current signing key and every key used before a rotation. */
export type TrustedKeys = ReadonlyMap<string, KeyObject>;

/** Reads PEM public keys (SPKI); a private key given by mistake is refused rather than silently used. */
export function trustedKeys(pems: readonly { pem: string; source: string }[]): TrustedKeys {
  const keys = new Map<string, KeyObject>();
  for (const { pem, source } of pems) {
    if (/PRIVATE KEY/.test(pem)) {
      throw new CheckpointKeyError(`${source} holds a private key: give verifiers the public key only`);
    }
    let key: KeyObject;
    try {
      key = createPublicKey({ key: pem, format: 'pem' });
    } catch {
      throw new CheckpointKeyError(`${source} is not a PEM public key ("-----BEGIN PUBLIC KEY-----")`);
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new CheckpointKeyError(`${source} is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
    }
    keys.set(keyIdOf(key), key);
  }
  return keys;
}

/** Splits a text holding several PEM public keys (a bundle, an env variable) into one PEM each. */
export function splitPemBundle(text: string): string[] {
  return text.match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? [];
}

/** Why a checkpoint cannot be trusted (unknown key, bad signature, malformed), or null when its signature holds. */
export function checkpointSignatureProblem(
  checkpoint: SignedCheckpoint,
  trusted: TrustedKeys,
): string | null {
  const key = trusted.get(checkpoint.key_id);
  if (!key) return `signed by key ${checkpoint.key_id}, which is not among the trusted public keys`;
  let valid = false;
  try {
    const signature = Buffer.from(checkpoint.signature, 'base64');
    valid = verify(null, checkpointMessage(checkpoint, checkpoint.key_id), key, signature);
  } catch {
    valid = false;
  }
  return valid
    ? null
    : `its signature does not verify with key ${checkpoint.key_id} (the checkpoint was altered)`;
}

/** Parses one checkpoint from JSON (a SIEM export line, an archive line); null when it is not one. */
export function parseCheckpoint(value: unknown): SignedCheckpoint | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const text = (name: string) => typeof v[name] === 'string' && (v[name] as string).length > 0;
  const count = (name: string) => Number.isSafeInteger(Number(v[name])) && Number(v[name]) > 0;
  if (v['type'] !== 'checkpoint') return null;
  if (!['organization_id', 'hash', 'created_at', 'key_id', 'signature'].every(text)) return null;
  if (!['seq', 'every_events', 'every_minutes'].every(count)) return null;
  return {
    type: 'checkpoint',
    organization_id: v['organization_id'] as string,
    seq: Number(v['seq']),
    hash: v['hash'] as string,
    created_at: v['created_at'] as string,
    every_events: Number(v['every_events']),
    every_minutes: Number(v['every_minutes']),
    key_id: v['key_id'] as string,
    public_key: typeof v['public_key'] === 'string' ? v['public_key'] : '',
    signature: v['signature'] as string,
  };
}
