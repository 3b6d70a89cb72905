import { AddressPolicy } from './address-policy';
import { clientMetadataFetch } from './client-metadata-fetch';

/** The cause undici gives for a failed fetch, or the error itself. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    return cause?.message ?? (error as Error).message;
  }
  return 'no failure';
}

describe('clientMetadataFetch', () => {
  const strict = clientMetadataFetch(new AddressPolicy([]));

  it('refuses a host name that resolves to a loopback address, at connection time', async () => {
    expect(await failure(strict('https://localhost:8443/client.json', {}))).toMatch(
      /localhost resolves to .*not a public address/,
    );
  });

  it('refuses a private IP literal before connecting, and anything but https', async () => {
    expect(await failure(strict('https://10.0.0.1/client.json', {}))).toMatch(
      /10\.0\.0\.1 is not a public address/,
    );
    expect(await failure(strict('https://[::1]/client.json', {}))).toMatch(/::1 is not a public address/);
    expect(await failure(strict('http://example.com/client.json', {}))).toMatch(/https only/);
  });
});
