import { BlockList, isIP } from 'node:net';

/**
 * Ranges a client metadata document may not be fetched from unless an admin allows them: this host, private and
 * carrier-grade NAT networks, link-local (cloud metadata services live at 169.254.169.254), documentation,
 * benchmarking, multicast and reserved ranges, and their IPv6 counterparts.
 */
const NON_PUBLIC_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const NON_PUBLIC_V6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

/** Which addresses the gateway may connect to when it fetches a client metadata document. */
export class AddressPolicy {
  private readonly nonPublic = new BlockList();
  private readonly allowed = new BlockList();

  /** `allowPrivate`: addresses and CIDR ranges an admin allowed (OAUTH_CLIENT_METADATA_ALLOW_PRIVATE). */
  constructor(allowPrivate: readonly string[]) {
    for (const [net, prefix] of NON_PUBLIC_V4) this.nonPublic.addSubnet(net, prefix, 'ipv4');
    for (const [net, prefix] of NON_PUBLIC_V6) this.nonPublic.addSubnet(net, prefix, 'ipv6');
    for (const entry of allowPrivate) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.allowed.addAddress(address, family);
      else this.allowed.addSubnet(address, Number(prefix), family);
    }
  }

  /** Whether connecting to `address` (an IP literal) is allowed. */
  allows(address: string): boolean {
    const family = isIP(address);
    if (family === 0) return false;
    const v4 = family === 6 ? mappedV4(address) : address;
    if (v4) return this.allowed.check(v4, 'ipv4') || !this.nonPublic.check(v4, 'ipv4');
    return this.allowed.check(address, 'ipv6') || !this.nonPublic.check(address, 'ipv6');
  }
}

/** `::ffff:10.0.0.1` → `10.0.0.1`: an IPv4 address written as IPv6 is judged as IPv4. */
function mappedV4(address: string): string | null {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1] : null;
}
