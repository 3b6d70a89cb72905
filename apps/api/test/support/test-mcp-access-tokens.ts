import { Global, Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { McpAccessTokens, type McpAccessGrant } from '../../src/oauth/mcp-access-tokens';

/**
 * A stand-in for the MCP authorization server in tests of the resource side: it mints access tokens a test asks for
 * and verifies them exactly as the `McpAccessTokens` contract says (known, unexpired, unrevoked, bound to the
 * resource). Only the api's admission of sign-in URLs is under test with it; the authorization server is tested
 * with its own tokens.
 */
export class TestMcpAccessTokens extends McpAccessTokens {
  private readonly grants = new Map<string, McpAccessGrant>();
  private readonly revoked = new Set<string>();
  /** How many times the admission asked, to measure its cache. */
  verifications = 0;

  mint(grant: {
    userId: string;
    resource: string;
    clientId?: string;
    clientName?: string | null;
    ttlMs?: number;
  }): string {
    const token = randomBytes(32).toString('base64url');
    this.grants.set(token, {
      userId: grant.userId,
      resource: grant.resource,
      clientId: grant.clientId ?? 'https://client.example.com/oauth/metadata.json',
      clientName: grant.clientName === undefined ? 'Example Agent' : grant.clientName,
      grantId: randomBytes(8).toString('hex'),
      expiresAt: Date.now() + (grant.ttlMs ?? 3_600_000),
    });
    return token;
  }

  revoke(token: string): void {
    this.revoked.add(token);
  }

  verify(accessToken: string, resource: string): Promise<McpAccessGrant | null> {
    this.verifications++;
    const grant = this.grants.get(accessToken);
    const valid =
      grant !== undefined &&
      !this.revoked.has(accessToken) &&
      grant.expiresAt > Date.now() &&
      grant.resource === resource;
    return Promise.resolve(valid ? grant : null);
  }
}

/** Provides `tokens` as the api's `McpAccessTokens`, for `ApiUnderTest.start(…, { modules })`. */
export function testAccessTokensModule(tokens: TestMcpAccessTokens) {
  @Global()
  @Module({ providers: [{ provide: McpAccessTokens, useValue: tokens }], exports: [McpAccessTokens] })
  class TestMcpAccessTokensModule {}
  return TestMcpAccessTokensModule;
}
