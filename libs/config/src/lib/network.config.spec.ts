import { ConfigError, loadConfig } from './load-config';
import { NetworkConfig } from './network.config';

describe('NetworkConfig', () => {
  it('trusts no proxy by default, so X-Forwarded-For names nobody', () => {
    expect(loadConfig(NetworkConfig, {}).trustProxy).toBe(false);
    expect(loadConfig(NetworkConfig, { TRUST_PROXY: 'off' }).trustProxy).toBe(false);
  });

  it('takes a hop count or a list of proxy addresses and CIDR ranges', () => {
    expect(loadConfig(NetworkConfig, { TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig(NetworkConfig, { TRUST_PROXY: '10.0.0.0/8, 127.0.0.1 ,fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
    ]);
  });

  it.each(['true', 'everyone', '10.0.0.0/33', '11', '10.0.0.1/8/2'])(
    'refuses TRUST_PROXY=%s at boot',
    (value) => {
      expect(() => loadConfig(NetworkConfig, { TRUST_PROXY: value })).toThrow(ConfigError);
      try {
        loadConfig(NetworkConfig, { TRUST_PROXY: value });
      } catch (error) {
        expect((error as ConfigError).problems[0]).toMatch(/^TRUST_PROXY: must be off, a hop count/);
      }
    },
  );

  it('never prints a short CLIENT_IP_SECRET back', () => {
    try {
      loadConfig(NetworkConfig, { CLIENT_IP_SECRET: 'short-secret' });
      throw new Error('accepted');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'CLIENT_IP_SECRET: must be at least 32 characters (got a value that is not shown)',
      ]);
    }
  });
});
