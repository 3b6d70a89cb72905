import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditArchiveConfig } from './audit-archive.config';
import { AuditCheckpointConfig } from './audit-checkpoint.config';
import { ConfigError, loadConfig, type Env } from './load-config';

function problems(configClass: new () => object, env: Env): string[] {
  try {
    loadConfig(configClass, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const pem = (type: 'ed25519' | 'rsa') =>
  (type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey
    : generateKeyPairSync('ed25519').privateKey
  )
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();

describe('AuditCheckpointConfig', () => {
  it('is off without a key, with the documented intervals', () => {
    expect(loadConfig(AuditCheckpointConfig, {})).toMatchObject({
      signingKey: undefined,
      everyEvents: 1000,
      everyMinutes: 10,
    });
  });

  it('takes an Ed25519 key from the variable, a one-line .env form, or a file', () => {
    const key = pem('ed25519');
    expect(loadConfig(AuditCheckpointConfig, { AUDIT_SIGNING_KEY: key }).signingKey).toBe(key);
    const oneLine = key.trimEnd().replace(/\n/g, '\\n');
    expect(loadConfig(AuditCheckpointConfig, { AUDIT_SIGNING_KEY: oneLine }).signingKey).toBe(key.trimEnd());
    const file = join(mkdtempSync(join(tmpdir(), 'gw-key-')), 'audit-signing.pem');
    writeFileSync(file, key);
    expect(loadConfig(AuditCheckpointConfig, { AUDIT_SIGNING_KEY_FILE: file }).signingKey).toBe(
      key.trimEnd(),
    );
  });

  it('refuses a key that cannot sign checkpoints, naming the variable and never printing the key', () => {
    const rsa = pem('rsa');
    const [problem] = problems(AuditCheckpointConfig, { AUDIT_SIGNING_KEY: rsa });
    expect(problem).toBe(
      'AUDIT_SIGNING_KEY: must be an Ed25519 private key, not rsa key (got a value that is not shown)',
    );
    const [garbage] = problems(AuditCheckpointConfig, { AUDIT_SIGNING_KEY: 'hunter2-secret' });
    expect(garbage).toMatch(/^AUDIT_SIGNING_KEY: must be an Ed25519 private key in PEM/);
    expect(garbage).not.toContain('hunter2');
    expect(problems(AuditCheckpointConfig, { AUDIT_SIGNING_KEY_FILE: '/nonexistent/key.pem' })).toEqual([
      'AUDIT_SIGNING_KEY_FILE: cannot read /nonexistent/key.pem (ENOENT)',
    ]);
  });

  it('bounds the intervals', () => {
    expect(
      problems(AuditCheckpointConfig, {
        AUDIT_CHECKPOINT_EVERY_EVENTS: '0',
        AUDIT_CHECKPOINT_EVERY_MINUTES: 'x',
      }),
    ).toEqual([
      'AUDIT_CHECKPOINT_EVERY_EVENTS: must be an integer from 1 to 1000000 (got "0")',
      'AUDIT_CHECKPOINT_EVERY_MINUTES: must be an integer from 1 to 1440 (got "x")',
    ]);
  });
});

describe('AuditArchiveConfig', () => {
  const s3 = {
    AUDIT_ARCHIVE_S3_URL: 'http://127.0.0.1:9000/audit-bucket/gateway',
    AUDIT_ARCHIVE_S3_ACCESS_KEY_ID: 'minioadmin',
    AUDIT_ARCHIVE_S3_SECRET_ACCESS_KEY: 'minio-secret',
  };

  it('archives to a directory or a bucket, or not at all', () => {
    expect(loadConfig(AuditArchiveConfig, {}).directory).toBeUndefined();
    expect(loadConfig(AuditArchiveConfig, { AUDIT_ARCHIVE_DIR: '/var/lib/audit' }).directory).toBe(
      '/var/lib/audit',
    );
    expect(loadConfig(AuditArchiveConfig, s3)).toMatchObject({
      s3Url: s3.AUDIT_ARCHIVE_S3_URL,
      s3Region: 'us-east-1',
    });
  });

  it('refuses half or conflicting settings with one clear line each', () => {
    expect(problems(AuditArchiveConfig, { AUDIT_ARCHIVE_DIR: 'relative/dir' })).toEqual([
      'AUDIT_ARCHIVE_DIR: must be an absolute path (got "relative/dir")',
    ]);
    expect(problems(AuditArchiveConfig, { ...s3, AUDIT_ARCHIVE_DIR: '/var/lib/audit' })).toEqual([
      'AUDIT_ARCHIVE_DIR: AUDIT_ARCHIVE_DIR and AUDIT_ARCHIVE_S3_URL are both set: archive to one of them (got "/var/lib/audit")',
    ]);
    expect(problems(AuditArchiveConfig, { AUDIT_ARCHIVE_S3_URL: s3.AUDIT_ARCHIVE_S3_URL })).toEqual([
      `AUDIT_ARCHIVE_S3_URL: AUDIT_ARCHIVE_S3_URL needs AUDIT_ARCHIVE_S3_ACCESS_KEY_ID and AUDIT_ARCHIVE_S3_SECRET_ACCESS_KEY (got "${s3.AUDIT_ARCHIVE_S3_URL}")`,
    ]);
    expect(
      problems(AuditArchiveConfig, { ...s3, AUDIT_ARCHIVE_S3_URL: 'https://s3.amazonaws.com/' })[0],
    ).toMatch(/must name the bucket as the first path segment/);
    expect(
      problems(AuditArchiveConfig, {
        ...s3,
        AUDIT_ARCHIVE_S3_URL: 'https://key:secret@s3.amazonaws.com/b',
      })[0],
    ).toMatch(/must not hold credentials/);
  });
});
