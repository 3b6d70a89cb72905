import { AppConfig } from './app.config';
import { DatabaseConfig } from './database.config';
import { ConfigError, loadConfig, loadConfigs } from './load-config';
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
