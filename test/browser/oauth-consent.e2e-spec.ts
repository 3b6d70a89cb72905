import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client as PgClient } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { expectText, launchBrowser, newContext, screenshot } from '../support/browser';
import { connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { LoopbackRedirect } from '../support/mcp-oauth';
import { ADMIN, Stack } from '../support/stack';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function violations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const found = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

let stack: Stack;
let browser: Browser;
let callback: LoopbackRedirect;
let serverId: string;
let clientId: string;

beforeAll(async () => {
  stack = new Stack('postgres+redis', { sandbox: true, dashboard: true, worker: false });
  await stack.start();
  [browser, callback] = await Promise.all([launchBrowser(), LoopbackRedirect.start()]);
  const ids = await sandboxIds(stack);
  const connection = await connectSandbox(stack);
  serverId = (
    await createServer(stack, connection, {
      name: 'Support agent',
      workspace_id: ids.acme,
      config: { methods: ['read'], tags: ['tasks', 'comments'] },
    })
  ).id;
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  await db
    .query(`UPDATE mcp_servers SET config = config || '{"access_mode": "sign_in"}'::jsonb WHERE id = $1`, [
      serverId,
    ])
    .finally(() => db.end());
  const registered = await fetch(`${stack.dashboardUrl}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Claude Code',
      redirect_uris: [callback.url],
      token_endpoint_auth_method: 'none',
    }),
  });
  expect(registered.status).toBe(201);
  clientId = ((await registered.json()) as { client_id: string }).client_id;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await callback?.stop();
  await stack?.stop();
});

it('signs a person in through the console and sends the MCP client back a code it exchanges for a token', async () => {
  const verifier = randomBytes(32).toString('base64url');
  const resource = `${stack.dashboardUrl}/mcp/servers/${serverId}`;
  const authorize = new URL('/oauth/authorize', stack.dashboardUrl);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: callback.url,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    resource,
    scope: 'mcp',
    state: 'from-the-client',
  }))
    authorize.searchParams.set(key, value);

  const page = await (await newContext(browser, stack.dashboardUrl)).newPage();
  // Signed out: the consent page sends the person to sign in first, and back.
  await page.goto(authorize.toString());
  await page.waitForURL(
    (url) => url.pathname === '/login' && (url.searchParams.get('next') ?? '').startsWith('/oauth/consent/'),
  );
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const heading = page.getByRole('heading', { level: 1, name: 'Let Claude Code use Support agent?' });
  await heading.waitFor();
  const main = page.getByRole('main');
  await expectText(main, 'Acme Corp');
  await expectText(main, ADMIN.email);
  await expectText(main, 'Every space of the workspace');
  await expectText(main, 'read');
  await expectText(main, 'tasks');
  await expectText(main, 'comments');
  await expectText(main, new URL(callback.url).host);
  const found = await violations(page);
  expect(
    found.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  await screenshot(page, 'oauth-consent');

  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.toString().startsWith(callback.url));
  const back = callback.received.at(-1) as URL;
  expect(back.searchParams.get('state')).toBe('from-the-client');
  const code = back.searchParams.get('code') as string;
  expect(code).toBeTruthy();

  const token = await fetch(`${stack.dashboardUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: callback.url,
      client_id: clientId,
      code_verifier: verifier,
      resource,
    }),
  });
  expect(token.status).toBe(200);
  expect(await token.json()).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });

  // The person finds the agent under Connected agents, and disconnects it.
  await page.goto('/connected-agents');
  const row = page.getByRole('row').filter({ hasText: 'Claude Code' });
  await row.waitFor();
  await expectText(row, 'Support agent');
  expect(await violations(page)).toEqual([]);
  await row.getByRole('button', { name: /Disconnect/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
  await page.getByText('No connected agent').waitFor();
});

it('shows a person outside the server’s team why they cannot allow it, and sends the client access_denied', async () => {
  const email = `outsider-${Date.now()}@example.com`;
  const password = 'an-outsider-password-123';
  expect(
    (await stack.rest('POST', '/users', { email, name: 'Outsider', role: 'member', password })).status,
  ).toBe(201);
  const authorize = new URL('/oauth/authorize', stack.dashboardUrl);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: callback.url,
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
    code_challenge_method: 'S256',
    resource: `${stack.dashboardUrl}/mcp/servers/${serverId}`,
  }))
    authorize.searchParams.set(key, value);
  const page = await (await newContext(browser, stack.dashboardUrl)).newPage();
  await page.goto(authorize.toString());
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'You cannot allow this' });
  await refusal.waitFor();
  await expectText(refusal, 'may not use this MCP server');
  expect(await page.getByRole('button', { name: 'Allow' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Return to the client' }).click();
  await page.waitForURL((url) => url.toString().startsWith(callback.url));
  expect(callback.received.at(-1)?.searchParams.get('error')).toBe('access_denied');
});
