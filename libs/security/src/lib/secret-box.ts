import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface SealedSecret {
  /** `v1.{iv}.{tag}.{ciphertext}`, base64url parts. */
  ciphertext: string;
  keyId: string;
}

/**
 * AES-256-GCM for ClickUp credentials at rest. Each ciphertext names the key that sealed it (key id = first 8 hex
 * characters of the key's SHA-256), so after a rotation old rows still open with the previous key until re-sealed.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;
  /** Ids of the keys that still open old values but never seal (ENCRYPTION_KEY_PREVIOUS), the current one excluded. */
  readonly previousKeyIds: readonly string[];

  constructor(currentKeyBase64: string, previousKeysBase64: string[] = []) {
    this.currentKeyId = this.addKey(currentKeyBase64);
    this.previousKeyIds = [
      ...new Set(previousKeysBase64.map((k) => this.addKey(k)).filter((id) => id !== this.currentKeyId)),
    ];
  }

  static keyId(key: Buffer): string {
    return createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  seal(plaintext: string, associatedData: string): SealedSecret {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
    return { ciphertext: ['v1', ...parts].join('.'), keyId: this.currentKeyId };
  }

  /** `associatedData` binds a ciphertext to its row (e.g. the connection id), so it cannot be pasted onto another. */
  open(sealed: SealedSecret, associatedData: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`no encryption key with id ${sealed.keyId} is configured`);
    const [version, iv, tag, body] = sealed.ciphertext.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  needsResealing(sealed: SealedSecret): boolean {
    return sealed.keyId !== this.currentKeyId;
  }

  /** Opens a value sealed under any configured key and seals it again under the current one, bound the same way. */
  reseal(sealed: SealedSecret, associatedData: string): SealedSecret {
    return this.seal(this.open(sealed, associatedData), associatedData);
  }

  private addKey(base64: string): string {
    const key = Buffer.from(base64, 'base64');
    if (key.length !== 32) throw new Error('an encryption key must be 32 bytes');
    const id = SecretBox.keyId(key);
    this.keys.set(id, key);
    return id;
  }
}
