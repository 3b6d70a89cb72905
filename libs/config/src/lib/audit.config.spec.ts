import { AuditConfig } from './audit.config';
import { ConfigError, loadConfig } from './load-config';

describe('AuditConfig', () => {
  it('writes audit rows unless AUDIT_ENABLED is exactly false', () => {
    expect(loadConfig(AuditConfig, {}).enabled).toBe(true);
    expect(loadConfig(AuditConfig, { AUDIT_ENABLED: '' }).enabled).toBe(true);
    expect(loadConfig(AuditConfig, { AUDIT_ENABLED: 'true' }).enabled).toBe(true);
    expect(loadConfig(AuditConfig, { AUDIT_ENABLED: 'false' }).enabled).toBe(false);
  });

  it.each(['0', 'no', 'off', 'FALSE', 'flase', ' false'])('refuses %j instead of guessing', (value) => {
    expect(() => loadConfig(AuditConfig, { AUDIT_ENABLED: value })).toThrow(ConfigError);
    try {
      loadConfig(AuditConfig, { AUDIT_ENABLED: value });
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        `AUDIT_ENABLED: must be true or false (got ${JSON.stringify(value)})`,
      ]);
    }
  });

  it('records calls of a silent api as interrupted after 30 s unless told otherwise', () => {
    expect(loadConfig(AuditConfig, {}).interruptedAfterSeconds).toBe(30);
    expect(loadConfig(AuditConfig, { AUDIT_INTERRUPTED_AFTER_SECONDS: '5' }).interruptedAfterSeconds).toBe(5);
  });

  it.each(['2', '3601', '1.5', 'soon'])('refuses AUDIT_INTERRUPTED_AFTER_SECONDS=%j', (value) => {
    try {
      loadConfig(AuditConfig, { AUDIT_INTERRUPTED_AFTER_SECONDS: value });
      throw new Error('accepted');
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        `AUDIT_INTERRUPTED_AFTER_SECONDS: must be an integer from 3 to 3600 (got ${JSON.stringify(value)})`,
      ]);
    }
  });
});
