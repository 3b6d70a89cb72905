import { createHash, randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from './passwords';
import { SecretBox } from './secret-box';
import { generateSecret, MCP_TOKEN_PATTERN, MCP_TOKEN_PREFIX, sha256Hex, tokenHashPrefix } from './tokens';

const key = () => randomBytes(32).toString('base64');

describe('tokens', () => {
  it('makes MCP tokens of cmcp_ and 43 base64url characters, all different', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => generateSecret(MCP_TOKEN_PREFIX)));
    expect(tokens.size).toBe(100);
    tokens.forEach((t) => expect(t).toMatch(MCP_TOKEN_PATTERN));
  });

  it('hashes to 64 hex characters and labels unknown tokens without revealing them', () => {
    const token = generateSecret(MCP_TOKEN_PREFIX);
    expect(sha256Hex(token)).toMatch(/^[0-9a-f]{64}$/);
    // Stored token hashes must keep matching: SHA-256 of "abc" from FIPS 180-2.
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(tokenHashPrefix(token)).toHaveLength(12);
    expect(token).not.toContain(tokenHashPrefix(token));
  });
});

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', stored)).resolves.toBe(false);
    await expect(verifyPassword('x', 'not-a-hash')).resolves.toBe(false);
  });
});

describe('SecretBox', () => {
  it('seals and opens, binding the ciphertext to its row', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('pk_123_SECRET', 'connection:1');
    expect(sealed.ciphertext).not.toContain('pk_123');
    expect(box.open(sealed, 'connection:1')).toBe('pk_123_SECRET');
    expect(() => box.open(sealed, 'connection:2')).toThrow();
  });

  it('detects a tampered ciphertext', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('secret', 'a');
    const parts = sealed.ciphertext.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open({ ...sealed, ciphertext: parts.join('.') }, 'a')).toThrow();
  });

  it('opens rows sealed with the previous key after a rotation, and says they need resealing', () => {
    const oldKey = key();
    const sealed = new SecretBox(oldKey).seal('secret', 'a');
    const rotated = new SecretBox(key(), [oldKey]);
    expect(rotated.open(sealed, 'a')).toBe('secret');
    expect(rotated.needsResealing(sealed)).toBe(true);
    expect(() => new SecretBox(key()).open(sealed, 'a')).toThrow(/no encryption key with id/);
  });

  it('names each key by the first 8 hex characters of its SHA-256, and records it on every value sealed', () => {
    const raw = key();
    const id = createHash('sha256').update(Buffer.from(raw, 'base64')).digest('hex').slice(0, 8);
    const box = new SecretBox(raw);
    expect(box.currentKeyId).toBe(id);
    expect(box.seal('secret', 'a').keyId).toBe(id);
    expect(new SecretBox(raw).currentKeyId).toBe(id);
    expect(new SecretBox(key()).currentKeyId).not.toBe(id);
  });

  it('lists the previous key by id once, and never the current key as a previous one', () => {
    const current = key();
    const previous = key();
    const box = new SecretBox(current, [previous, previous, current]);
    expect(box.previousKeyIds).toEqual([new SecretBox(previous).currentKeyId]);
    expect(new SecretBox(current).previousKeyIds).toEqual([]);
  });

  it('re-seals an old value under the current key, bound to the same row, so the old key is no longer needed', () => {
    const oldKey = key();
    const newKey = key();
    const old = new SecretBox(oldKey).seal('pk_1_SECRET', 'connection:1');
    const resealed = new SecretBox(newKey, [oldKey]).reseal(old, 'connection:1');
    const newOnly = new SecretBox(newKey);
    expect(resealed.keyId).toBe(newOnly.currentKeyId);
    expect(newOnly.needsResealing(resealed)).toBe(false);
    expect(newOnly.open(resealed, 'connection:1')).toBe('pk_1_SECRET');
    expect(() => newOnly.open(resealed, 'connection:2')).toThrow();
    expect(() => new SecretBox(newKey, [oldKey]).reseal(old, 'connection:2')).toThrow();
  });
});
