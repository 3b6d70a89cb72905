import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectText, launchBrowser, newContext, signIn } from '../support/browser';
import { connectSandbox, createServer } from '../support/mcp';
import { Stack } from '../support/stack';

const PASSWORD = 'a-long-enough-password';
const AUDITOR = { email: 'audrey@example.com', name: 'Audrey Auditor', role: 'auditor', password: PASSWORD };
const MEMBER = { email: 'mel@example.com', name: 'Mel Member', role: 'member', password: PASSWORD };

let stack: Stack;
let browser: Browser;
let supportServer: { id: string };
let salesServer: { id: string };

beforeAll(async () => {
  stack = new Stack('postgres+redis', { sandbox: true, dashboard: true, worker: false });
  await stack.start();
  const [auditor, member] = await Promise.all([
    stack.rest<{ id: string }>('POST', '/users', AUDITOR),
    stack.rest<{ id: string }>('POST', '/users', MEMBER),
  ]);
  const support = await stack.rest<{ id: string }>('POST', '/teams', { name: 'Support' });
  const sales = await stack.rest<{ id: string }>('POST', '/teams', { name: 'Sales' });
  await stack.rest('POST', `/teams/${support.body.id}/members`, { user_id: member.body.id });
  expect(auditor.status).toBe(201);
  const connectionId = await connectSandbox(stack);
  await stack.rest('PUT', `/connections/${connectionId}/teams`, { team_ids: [support.body.id] });
  const workspace = (
    await stack.rest<{ workspaces: { id: string }[] }>('GET', `/connections/${connectionId}`)
  ).body.workspaces[0].id;
  supportServer = await createServer(stack, connectionId, {
    name: 'Support bot',
    workspace_id: workspace,
    team_id: support.body.id,
  });
  salesServer = await createServer(stack, connectionId, {
    name: 'Sales bot',
    workspace_id: workspace,
    team_id: sales.body.id,
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedIn(user: {
  email: string;
  password: string;
}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, stack.dashboardUrl);
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  return { context, page };
}

/** A change sent with the signed-in browser's session cookie and CSRF token, as the page itself would. */
async function tryFromPage(page: Page, method: string, path: string): Promise<number> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'gw_csrf')?.value ?? '';
  const res = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': decodeURIComponent(csrf) },
  });
  return res.status();
}

describe('an auditor', () => {
  let page: Page;
  let context: BrowserContext;
  beforeAll(async () => ({ page, context } = await signedIn(AUDITOR)));
  afterAll(() => context?.close());

  it('sees every server but no create, rotate or revoke', async () => {
    await page.getByRole('link', { name: 'MCP servers' }).click();
    await page.getByRole('link', { name: 'Support bot' }).waitFor();
    await page.getByRole('link', { name: 'Sales bot' }).waitFor();
    expect(await page.getByRole('link', { name: 'Create server' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Sales bot' }).click();
    await page.getByRole('heading', { name: 'Details' }).waitFor();
    await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
    for (const name of ['Revoke', 'Rotate URL', 'Save changes']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
  });

  it('cannot reach the create wizard or add connections', async () => {
    await page.goto('/servers/new');
    await page.getByText('Not available for your role').waitFor();
    expect(await page.getByLabel('Server name').count()).toBe(0);
    await page.goto('/connections');
    await page.getByTestId('connection-card').first().waitFor();
    expect(await page.getByRole('button', { name: 'Add connection' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
  });

  it('is refused by the api anyway', async () => {
    expect(await tryFromPage(page, 'DELETE', `/api/v1/mcp-servers/${salesServer.id}`)).toBe(403);
    expect(await tryFromPage(page, 'POST', `/api/v1/mcp-servers/${salesServer.id}/rotate`)).toBe(403);
    const server = await stack.rest<{ state: string }>('GET', `/mcp-servers/${salesServer.id}`);
    expect(server.body.state).toBe('active');
  });

  it('reads the audit log', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-row').first().waitFor();
  });
});

describe('a member', () => {
  let page: Page;
  let context: BrowserContext;
  beforeAll(async () => ({ page, context } = await signedIn(MEMBER)));
  afterAll(() => context?.close());

  it("sees only its team's servers", async () => {
    await page.getByRole('link', { name: 'MCP servers' }).click();
    await page.getByRole('link', { name: 'Support bot' }).waitFor();
    expect(await page.getByTestId('server-row').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Sales bot' }).count()).toBe(0);
    await page.goto(`/servers/${salesServer.id}`);
    await page.getByRole('alert').filter({ hasText: 'This could not be loaded' }).waitFor();
  });

  it('builds a server in the wizard only within its team’s policy', async () => {
    await page.goto('/servers/new');
    await page.getByLabel('Server name').fill('Mel’s reader');
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Support' });
    await page.getByRole('radio', { name: /Sandbox workspace/ }).check();
    await page.getByText('Your team has the default policy').waitFor();
    const next = () => page.getByRole('button', { name: 'Next' }).click();
    await next();
    await page.getByRole('radio', { name: /Acme Corp/ }).waitFor();
    await next();
    await page.getByRole('checkbox', { name: /Engineering/ }).waitFor();
    await next();
    // Writing is beyond the default policy: offered, explained, not tickable.
    const write = page.getByRole('checkbox', { name: /Write/ });
    await expectText(page.getByRole('main'), 'Not allowed by your team’s policy');
    expect(await write.isDisabled()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Read/ }).isChecked()).toBe(true);
    await next();
    await next();
    await next();
    await next();
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.getByRole('heading', { name: /Mel’s reader is ready/ }).waitFor();
  });

  it('manages its own server but has no audit log', async () => {
    await page.goto(`/servers/${supportServer.id}`);
    await page.getByRole('button', { name: 'Revoke', exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.goto('/audit');
    await expectText(page.getByRole('main'), 'Not available for your role');
  });
});
