import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernTransport,
} from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { freePort, MetadataHost, REPO_ROOT } from '@gw/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, newContext } from '../support/browser';
import { MODERN } from '../support/mcp-2026';
import { connectSandbox, sandboxIds } from '../support/mcp';
import { consentInBrowser, LoopbackRedirect, RecordingOAuthProvider } from '../support/mcp-oauth';
import { Stack } from '../support/stack';
import { node22, NO_NODE_22 } from '../support/node22';

interface AuditRow {
  tool: string | null;
  outcome: string;
  actor_user_id?: string | null;
  actor_email?: string | null;
  oauth_client_id?: string | null;
}

const PERSON = { email: 'dana@example.com', password: 'a-long-enough-password-42' };

/**
 * An MCP client signs a person in to a sign-in server the way the MCP authorization spec has it, with the SDK's own
 * OAuth support: 401 → protected resource metadata → authorization server metadata → its client metadata document
 * (or dynamic registration) → PKCE authorization, where the person signs in and consents in Chromium → token →
 * `tools/call`, whose audit row names the person and the client.
 */
let host: MetadataHost;
let stack: Stack;
let browser: Browser;
let redirect: LoopbackRedirect;
let signInUrl: string;
let personId: string;

beforeAll(async () => {
  host = await MetadataHost.start();
  stack = new Stack('postgres+redis', {
    sandbox: true,
    dashboard: true,
    worker: false,
    env: {
      OAUTH_CLIENT_METADATA_ALLOW_PRIVATE: '127.0.0.1',
      OAUTH_CLIENT_METADATA_EXTRA_CA_FILE: host.caFile,
    },
  });
  await stack.start();
  [browser, redirect] = await Promise.all([launchBrowser(), LoopbackRedirect.start()]);
  const ids = await sandboxIds(stack);
  const connection = await connectSandbox(stack);
  const team = await stack.rest<{ id: string }>('POST', '/teams', { name: 'Support' });
  const person = await stack.rest<{ id: string }>('POST', '/users', {
    ...PERSON,
    name: 'Dana',
    role: 'member',
  });
  expect(person.status).toBe(201);
  personId = person.body.id;
  await stack.rest('POST', `/teams/${team.body.id}/members`, { user_id: personId });
  const server = await stack.rest<{ sign_in_url: string }>('POST', `/connections/${connection}/mcp-servers`, {
    name: 'Support agent',
    workspace_id: ids.acme,
    team_id: team.body.id,
    config: { methods: ['read'], tags: ['workspaces'], access_mode: 'sign_in' },
  });
  expect(server.status).toBe(201);
  signInUrl = server.body.sign_in_url;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await redirect?.stop();
  await stack?.stop();
  await host?.stop();
});

const metadata = (name: string): OAuthClientMetadata => ({
  client_name: name,
  redirect_uris: [redirect.url],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
});

/** Connects as the SDK client would: refused, the person signs in and consents in the browser, connects again. */
async function signedInClient(provider: RecordingOAuthProvider): Promise<Client> {
  const first = new Client({ name: 'e2e-sign-in', version: '1.0.0' });
  await expect(
    first.connect(new StreamableHTTPClientTransport(new URL(signInUrl), { authProvider: provider })),
  ).rejects.toBeInstanceOf(UnauthorizedError);
  expect(provider.authorizationUrl?.searchParams.get('resource')).toBe(signInUrl);
  expect(provider.authorizationUrl?.searchParams.get('code_challenge_method')).toBe('S256');

  const page = await (await newContext(browser, stack.dashboardUrl)).newPage();
  const landed = await consentInBrowser(page, provider.authorizationUrl as URL, redirect.url, PERSON);
  await page.context().close();
  const code = landed.searchParams.get('code') as string;
  const transport = new StreamableHTTPClientTransport(new URL(signInUrl), { authProvider: provider });
  await transport.finishAuth(code);
  const client = new Client({ name: 'e2e-sign-in', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(signInUrl), { authProvider: provider }));
  return client;
}

async function lastCallOf(tool: string): Promise<AuditRow | undefined> {
  const res = await stack.rest<{ items: AuditRow[] }>('GET', `/audit-events?tool=${tool}&limit=1`);
  return res.body.items[0];
}

it('signs in with its client metadata document, calls a tool, and the audit row names the person and the client', async () => {
  const clientId = host.client('/e2e-claude.json', metadata('E2E Claude'));
  const provider = new RecordingOAuthProvider(redirect.url, metadata('E2E Claude'), clientId);
  const client = await signedInClient(provider);
  try {
    expect(provider.authorizationUrl?.searchParams.get('client_id')).toBe(clientId);
    const result = await client.callTool({ name: 'workspace_list', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.structuredContent)).toContain('Acme Corp');
    expect(await lastCallOf('workspace_list')).toMatchObject({
      outcome: 'ok',
      actor_user_id: personId,
      actor_email: PERSON.email,
      oauth_client_id: clientId,
    });
  } finally {
    await client.close();
  }
});

it('signs in after registering dynamically, calls a tool, and the audit row names the registered client', async () => {
  const provider = new RecordingOAuthProvider(redirect.url, metadata('E2E registered client'));
  const client = await signedInClient(provider);
  try {
    const registered = provider.clientInformation()?.client_id as string;
    expect(registered).toBeTruthy();
    expect(registered.startsWith('https://')).toBe(false);
    const result = await client.callTool({ name: 'workspace_list', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(await lastCallOf('workspace_list')).toMatchObject({
      actor_user_id: personId,
      oauth_client_id: registered,
    });
  } finally {
    await client.close();
  }
});

it('signs in through mcp-remote (the stdio bridge Claude Desktop uses), which registers itself and asks for its own scopes', async () => {
  const configDir = mkdtempSync(join(tmpdir(), 'gw-mcp-remote-'));
  const port = await freePort();
  let output = '';
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      join(REPO_ROOT, 'node_modules/mcp-remote/dist/proxy.js'),
      signInUrl,
      String(port),
      '--allow-http',
      '--transport',
      'http-only',
    ],
    // Its tokens in a directory of its own; "opening the browser" does nothing: Chromium below is the browser.
    env: {
      ...(process.env as Record<string, string>),
      MCP_REMOTE_CONFIG_DIR: configDir,
      BROWSER: '/bin/true',
    },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const client = new Client({ name: 'claude-desktop-like', version: '1.0.0' });
  const connecting = client.connect(transport);
  try {
    const authorizationUrl = await eventually(
      async () => /Please authorize this client by visiting:\s*(\S+)/.exec(output)?.[1] ?? '',
      (url) => url !== '',
      'mcp-remote to print its authorization URL',
      30_000,
    );
    const page = await (await newContext(browser, stack.dashboardUrl)).newPage();
    await consentInBrowser(page, authorizationUrl, `http://localhost:${port}/oauth/callback`, PERSON);
    await page.context().close();
    await connecting;

    const result = await client.callTool({ name: 'workspace_list', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(await lastCallOf('workspace_list')).toMatchObject({
      outcome: 'ok',
      actor_user_id: personId,
      actor_email: PERSON.email,
    });
  } finally {
    await client.close();
    rmSync(configDir, { recursive: true, force: true });
  }
});

it('serves 2026-07-28 requests with the signed-in bearer: the SDK v2 client, stateless, is attributed to the person', async () => {
  const provider = new RecordingOAuthProvider(redirect.url, metadata('E2E modern client'));
  const signedIn = await signedInClient(provider);
  await signedIn.close();
  const accessToken = provider.tokens()?.access_token as string;
  const client = new ModernClient(
    { name: 'e2e-sign-in-v2', version: '2.4.0' },
    { versionNegotiation: { mode: { pin: MODERN } } },
  );
  await client.connect(
    new ModernTransport(new URL(signInUrl), { authProvider: { token: () => Promise.resolve(accessToken) } }),
  );
  try {
    const result = await client.callTool({ name: 'workspace_list', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(await lastCallOf('workspace_list')).toMatchObject({
      outcome: 'ok',
      actor_user_id: personId,
      oauth_client_id: provider.clientInformation()?.client_id,
    });
  } finally {
    await client.close();
  }

  // Another server's token, or none, gets the 401 that starts the client's sign-in again.
  const refused = new ModernClient(
    { name: 'e2e-sign-in-v2', version: '2.4.0' },
    { versionNegotiation: { mode: { pin: MODERN } } },
  );
  await expect(
    refused.connect(
      new ModernTransport(new URL(signInUrl), {
        authProvider: { token: () => Promise.resolve('not-a-token') },
      }),
    ),
  ).rejects.toThrow(/401|Unauthorized/i);
});

const node = node22();
if (!node) console.warn(`skipping the MCP conformance suite: ${NO_NODE_22}`);
(node ? it : it.skip)(
  "passes the MCP conformance suite's authorization server scenarios (metadata, authorization code grant)",
  async () => {
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}/callback`;
    const registered = await fetch(new URL('/oauth/register', stack.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'MCP conformance',
        redirect_uris: [callback],
        token_endpoint_auth_method: 'none',
      }),
    });
    expect(registered.status).toBe(201);
    const { client_id: clientId } = (await registered.json()) as { client_id: string };
    const { issuer } = (await (
      await fetch(new URL('/.well-known/oauth-authorization-server', stack.baseUrl))
    ).json()) as { issuer: string };

    const run = spawn(
      node as string,
      [
        join(REPO_ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js'),
        'authorization',
        '--url',
        issuer,
        '--client-id',
        clientId,
        '--resource',
        signInUrl,
        '--port',
        String(port),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => run.on('close', resolve));
    try {
      const authorizationUrl = await eventually(
        async () => /^(https?:\/\/\S+\/oauth\/authorize\S*)$/m.exec(output)?.[1] ?? '',
        (url) => url !== '',
        'the conformance suite to print its authorization URL',
        60_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${output}`);
      });
      const page = await (await newContext(browser, stack.dashboardUrl)).newPage();
      await consentInBrowser(page, authorizationUrl, callback, PERSON);
      await page.context().close();
      const status = await exited;
      expect(output).not.toMatch(/FAILURE|✗/);
      expect(output).toMatch(/authorization-code-grant/);
      expect(status).toBe(0);
    } finally {
      run.kill();
    }
  },
  180_000,
);
