import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeViolations, violations } from '../support/axe';
import { launchBrowser, newContext, screenshot, signIn } from '../support/browser';
import { connectSandbox, INITIALIZE, rawPost } from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';

/**
 * An admin makes a sign-in server in the wizard, hands its URL to people with the set-up for their client, and later
 * switches it to a secret URL, whose snippets keep the secret out of files; the audit log filters by person.
 */
let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let serverId: string;
let signInUrl: string;

beforeAll(async () => {
  stack = new Stack('postgres+redis', { sandbox: true, dashboard: true, worker: false });
  await stack.start();
  await connectSandbox(stack);
  await stack.rest('POST', '/teams', { name: 'Support' });
  await stack.rest('POST', '/users', {
    email: 'sam@example.com',
    name: 'Sam Signer',
    role: 'member',
    password: 'a-long-enough-password',
  });
  browser = await launchBrowser();
  context = await newContext(browser, stack.dashboardUrl);
  page = await context.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function next(): Promise<void> {
  await page.getByRole('button', { name: 'Next' }).click();
}

async function expectAccessible(): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  expect(describeViolations(await violations(page))).toEqual([]);
}

it('creates a sign-in server in the wizard and shows its URL with each client’s set-up', async () => {
  await page.goto('/servers/new');
  await page.getByLabel('Server name').fill('Support by sign-in');
  await page.getByRole('radio', { name: /Sandbox workspace/ }).check();
  await next();
  await page.getByRole('radio', { name: /Acme Corp/ }).waitFor();
  await next();
  await next();
  await next();
  await next();

  await page.getByRole('heading', { name: /Step 6 of 8: Access/ }).waitFor();
  const accountGroup = page.getByRole('group', { name: 'ClickUp account' });
  expect(await accountGroup.count()).toBe(0);
  await page.getByRole('radio', { name: /^Sign-in/ }).check();
  await accountGroup.waitFor();
  expect(await page.getByRole('radio', { name: /The server’s connection/ }).isChecked()).toBe(true);
  // A sign-in-only server has no secret URL to put a second factor on.
  expect(await page.getByRole('checkbox', { name: /Also require an API token/ }).count()).toBe(0);
  await page.getByRole('checkbox', { name: /Sam Signer/ }).check();
  await page.getByRole('checkbox', { name: 'Team: Support' }).check();
  await expectAccessible();
  await screenshot(page, 'server-wizard-access');
  await next();
  await next();
  await page.getByRole('button', { name: 'Create server' }).click();

  await page.getByRole('heading', { name: /Support by sign-in is ready/ }).waitFor();
  expect(await page.getByTestId('mcp-url').count()).toBe(0);
  signInUrl = await page.getByTestId('sign-in-url').inputValue();
  expect(signInUrl).toMatch(new RegExp(`^${stack.dashboardUrl}/mcp/servers/[0-9a-f-]{36}$`));
  serverId = signInUrl.split('/').pop() as string;
  const setups: Record<string, string> = {
    'claude.ai': signInUrl,
    ChatGPT: signInUrl,
    'Claude Code': `claude mcp add --transport http clickup ${signInUrl}`,
  };
  for (const [name, expected] of Object.entries(setups)) {
    await page.getByRole('tab', { name }).click();
    expect(await page.getByLabel(`${name} setup`, { exact: true }).textContent()).toBe(expected);
  }
  for (const name of ['VS Code', 'Cursor']) {
    await page.getByRole('tab', { name }).click();
    expect(await page.getByLabel(`${name} setup`, { exact: true }).textContent()).toContain(signInUrl);
  }
  await expectAccessible();
  await screenshot(page, 'server-created-sign-in');

  const server = await stack.rest<{ config: Record<string, unknown> }>('GET', `/mcp-servers/${serverId}`);
  expect(server.body.config).toMatchObject({ access_mode: 'sign_in', clickup_account: 'connection' });
  expect((server.body.config['sign_in_user_ids'] as string[]).length).toBe(1);
  expect((server.body.config['sign_in_team_ids'] as string[]).length).toBe(1);
});

it('sends an MCP client without a token, through the dashboard’s origin, to the server’s metadata', async () => {
  const challenged = await rawPost(signInUrl, INITIALIZE);
  expect(challenged.status).toBe(401);
  const metadataUrl = `${stack.dashboardUrl}/.well-known/oauth-protected-resource/mcp/servers/${serverId}`;
  expect(challenged.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${metadataUrl}"`);
  const metadata = await fetch(metadataUrl);
  expect(metadata.status).toBe(200);
  expect(await metadata.json()).toMatchObject({ resource: signInUrl, resource_name: 'Support by sign-in' });
});

it('switches the server to a secret URL from its page, showing the new URL with snippets that hold no secret', async () => {
  await page.goto(`/servers/${serverId}`);
  await page.getByRole('heading', { name: 'Sign in from an MCP client' }).waitFor();
  await expectAccessible();
  await page.getByRole('radio', { name: /^Secret URL/ }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();

  const dialog = page.getByRole('dialog', { name: 'The server’s new secret URL' });
  await dialog.waitFor();
  const secretUrl = await dialog.getByTestId('mcp-url').inputValue();
  expect(secretUrl).toMatch(/\/mcp\/cmcp_[A-Za-z0-9_-]{43}$/);
  for (const name of ['VS Code', 'Cursor']) {
    await dialog.getByRole('tab', { name }).click();
    const snippet = (await dialog.getByLabel(`${name} setup`, { exact: true }).textContent()) ?? '';
    expect(snippet).not.toContain('cmcp_');
    expect(snippet).toContain(name === 'VS Code' ? '${input:clickup-mcp-url}' : '${env:CLICKUP_MCP_URL}');
  }
  await expectAccessible();
  await screenshot(page, 'server-secret-url-snippets');
  expect((await rawPost(secretUrl, INITIALIZE)).status).toBe(200);
  expect((await rawPost(signInUrl, INITIALIZE)).status).toBe(404);
});

it('offers a Person filter on the audit log', async () => {
  await page.goto('/audit');
  const person = page.getByLabel('Person');
  await person.selectOption({ label: 'Sam Signer (sam@example.com)' });
  await page.waitForURL(/actor_user_id=/);
  await expectAccessible();
});
