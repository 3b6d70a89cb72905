import { AddressPolicy } from './address-policy';

describe('AddressPolicy', () => {
  const strict = new AddressPolicy([]);

  it('allows public addresses', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) {
      expect(strict.allows(address)).toBe(true);
    }
  });

  it('refuses loopback, private, link-local and reserved addresses, also written as IPv6', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
    ]) {
      expect({ address, allowed: strict.allows(address) }).toEqual({ address, allowed: false });
    }
  });

  it('refuses what is not an address', () => {
    expect(strict.allows('localhost')).toBe(false);
  });

  it('allows the addresses and ranges an admin listed, and only those', () => {
    const policy = new AddressPolicy(['10.20.0.0/16', '127.0.0.1']);
    expect(policy.allows('10.20.3.4')).toBe(true);
    expect(policy.allows('127.0.0.1')).toBe(true);
    expect(policy.allows('::ffff:127.0.0.1')).toBe(true);
    expect(policy.allows('10.21.0.1')).toBe(false);
    expect(policy.allows('127.0.0.2')).toBe(false);
  });
});
