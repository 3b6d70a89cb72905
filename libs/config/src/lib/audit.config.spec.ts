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
});
