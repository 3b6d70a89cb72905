import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from './app.config';
import { BootstrapConfig } from './bootstrap.config';
import { DatabaseConfig } from './database.config';
import { ConfigError, loadConfig, loadConfigs } from './load-config';
import { QueueConfig } from './queue.config';
import { SecurityConfig } from './security.config';

describe('loadConfig', () => {
  it('applies defaults when variables are unset or empty', () => {
    const config = loadConfig(AppConfig, { PORT: '' });
    expect(config.port).toBe(3001);
    expect(config.publicUrl).toBe('http://localhost:3001');
    expect(config.logLevel).toBe('info');
  });

  it('converts numbers and keeps given values', () => {
    const config = loadConfig(AppConfig, { PORT: '4010', PUBLIC_URL: 'https://mcp.example.com' });
    expect(config.port).toBe(4010);
    expect(config.publicUrl).toBe('https://mcp.example.com');
  });

  it('names each bad variable on its own line', () => {
    expect.assertions(3);
    try {
      loadConfigs([AppConfig, DatabaseConfig], { PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      const problems = (e as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems).toEqual(
        expect.arrayContaining([
          'PORT: must be an integer from 1 to 65535 (got "abc")',
          expect.stringMatching(/^LOG_LEVEL: must be one of fatal, error/),
        ]),
      );
      // A secret's value never appears in the message.
      expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toBe(
        'DATABASE_URL: must be a postgres:// or postgresql:// URL (got a value that is not shown)',
      );
    }
  });

  it('rejects an encryption key that is not 32 bytes of base64', () => {
    expect(() => loadConfig(SecurityConfig, { ENCRYPTION_KEY: 'short' })).toThrow(ConfigError);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig(SecurityConfig, { ENCRYPTION_KEY: key }).encryptionKey).toBe(key);
  });

  it('knows embedded mode from an unset DATABASE_URL', () => {
    expect(loadConfig(DatabaseConfig, {}).embedded).toBe(true);
    expect(loadConfig(DatabaseConfig, { DATABASE_URL: 'postgres://localhost/test' }).embedded).toBe(false);
  });
});

describe('secrets read from *_FILE paths', () => {
  const key = Buffer.alloc(32, 9).toString('base64');
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'config-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function secretFile(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  }

  /** The problems a ConfigError carries, or a failure when loading succeeded. */
  function problemsOf(load: () => unknown): string[] {
    try {
      load();
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
    throw new Error('expected a ConfigError');
  }

  it('reads the value from the file, without the trailing newline a mounted secret often has', () => {
    const env = {
      ENCRYPTION_KEY_FILE: secretFile('key', `${key}\n`),
      DATABASE_URL_FILE: secretFile('db', 'postgres://gw:pw@db:5432/gw\r\n'),
      REDIS_URL_FILE: secretFile('redis', 'rediss://:pw@redis:6380'),
    };
    const [security, database, queue] = loadConfigs(
      [SecurityConfig, DatabaseConfig, QueueConfig] as const,
      env,
    );
    expect(security.encryptionKey).toBe(key);
    expect(database.url).toBe('postgres://gw:pw@db:5432/gw');
    expect(database.embedded).toBe(false);
    expect(queue.redisUrl).toBe('rediss://:pw@redis:6380');
  });

  it('works for every secret variable, e.g. the bootstrap password', () => {
    const config = loadConfig(BootstrapConfig, {
      ADMIN_PASSWORD_FILE: secretFile('pw', 'a long passphrase\n'),
    });
    expect(config.adminPassword).toBe('a long passphrase');
  });

  it('refuses to boot when both the variable and its file are set, naming both', () => {
    const env = { ENCRYPTION_KEY: key, ENCRYPTION_KEY_FILE: secretFile('key', key) };
    expect(problemsOf(() => loadConfig(SecurityConfig, env))).toEqual([
      'ENCRYPTION_KEY and ENCRYPTION_KEY_FILE are both set: set only one of them',
    ]);
  });

  it('names the path of a missing or unreadable file, never its content', () => {
    const missing = join(dir, 'absent');
    expect(problemsOf(() => loadConfig(DatabaseConfig, { DATABASE_URL_FILE: missing }))).toEqual([
      `DATABASE_URL_FILE: cannot read ${missing} (ENOENT)`,
    ]);
    // A directory where a file was expected cannot be read either (root reads any file, whatever its mode).
    expect(problemsOf(() => loadConfig(QueueConfig, { REDIS_URL_FILE: dir }))).toEqual([
      `REDIS_URL_FILE: cannot read ${dir} (EISDIR)`,
    ]);
  });

  it('validates a value read from a file like any other, without printing it', () => {
    const path = secretFile('key', 'not-a-key-at-all');
    chmodSync(path, 0o400);
    const problems = problemsOf(() => loadConfig(SecurityConfig, { ENCRYPTION_KEY_FILE: path }));
    expect(problems).toEqual([
      expect.stringMatching(/^ENCRYPTION_KEY: must be 32 bytes .*a value that is not shown/),
    ]);
    expect(problems.join('\n')).not.toContain('not-a-key-at-all');
  });

  it('reports the problems of every class at once', () => {
    const problems = problemsOf(() =>
      loadConfigs([SecurityConfig, DatabaseConfig], {
        ENCRYPTION_KEY: key,
        ENCRYPTION_KEY_FILE: secretFile('key', key),
        DATABASE_URL_FILE: join(dir, 'absent'),
      }),
    );
    expect(problems).toHaveLength(2);
  });

  it('ignores *_FILE for variables that are not secrets', () => {
    expect(loadConfig(AppConfig, { PORT_FILE: secretFile('port', '4000') }).port).toBe(3001);
  });
});
