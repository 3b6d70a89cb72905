import { readFileSync } from 'node:fs';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import type { AddressPolicy } from './address-policy';

/** How long fetching one client metadata document may take, connection included. */
export const CLIENT_METADATA_TIMEOUT_MS = 5_000;
/** The largest client metadata document read; oidc-provider stops reading past it. */
export const CLIENT_METADATA_MAX_BYTES = 5 * 1024;

export type OutboundFetch = (url: URL | string, options: Record<string, unknown>) => Promise<unknown>;

/**
 * The only way oidc-provider reaches out (client metadata documents): https only, no redirects (the provider asks
 * for `redirect: manual` and refuses anything but 200), a time limit, and only to addresses the policy allows. The
 * address is checked where the connection is made, after DNS, so a name that resolves to a private address (or is
 * re-pointed there after a first check) is refused too; an IP literal, which skips DNS, is checked before.
 */
export function clientMetadataFetch(policy: AddressPolicy, extraCaFile?: string): OutboundFetch {
  const dispatcher = new Agent({
    connect: {
      lookup: guardedLookup(policy),
      ...(extraCaFile ? { ca: [...rootCertificates, readFileSync(extraCaFile, 'utf8')] } : {}),
    },
  });
  return async (url, options) => {
    const target = new URL(String(url));
    if (target.protocol !== 'https:')
      throw new Error('client metadata documents are fetched over https only');
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !policy.allows(host)) throw new Error(`${host} is not a public address`);
    const init: UndiciRequestInit = {
      method: 'GET',
      headers: options['headers'] as UndiciRequestInit['headers'],
      redirect: 'manual',
      signal: AbortSignal.timeout(CLIENT_METADATA_TIMEOUT_MS),
      dispatcher,
    };
    return undiciFetch(target, init);
  };
}

function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((entry) => !policy.allows(entry.address));
      if (refused || addresses.length === 0) {
        const reason = new Error(
          `${hostname} resolves to ${refused?.address ?? 'nothing'}, not a public address`,
        );
        return callback(reason as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
