import type { Browser, Page } from 'playwright-core';
import { expectText, launchBrowser, newContext, signIn } from '../support/browser';
import { ADMIN, Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = new Stack('postgres+redis', { sandbox: true, dashboard: true, worker: false });
  await stack.start();
  browser = await launchBrowser();
  page = await (await newContext(browser, stack.dashboardUrl)).newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it('connects ClickUp with OAuth through the sandbox consent page and lands back on the new connection', async () => {
  await page.goto('/connections');
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  const panel = page.getByRole('dialog', { name: 'Add a ClickUp connection' }).getByRole('tabpanel');
  await panel.getByLabel('Connection name').fill('Acme via OAuth');
  await panel.getByRole('button', { name: 'Continue to ClickUp' }).click();

  // ClickUp's (here the sandbox's) consent page: pick the workspaces to share.
  await page.waitForURL((url) => url.origin === stack.sandboxUrl && url.pathname === '/api');
  const consent = new URL(page.url());
  expect(consent.searchParams.get('redirect_uri')).toBe(
    `${stack.dashboardUrl}/api/v1/connections/oauth/callback`,
  );
  await page.getByRole('checkbox', { name: /Acme Corp/ }).check();
  await page.getByRole('button', { name: 'Connect Workspace' }).click();

  await page.waitForURL((url) => url.origin === stack.dashboardUrl && url.pathname === '/connections');
  expect(new URL(page.url()).searchParams.get('error')).toBeNull();
  const card = page.getByTestId('connection-card').filter({ hasText: 'Acme via OAuth' });
  await card.waitFor();
  await expectText(card, 'OAuth');
  await expectText(card, 'Acme Corp');

  const listed = await stack.rest<{ name: string; type: string }[]>('GET', '/connections');
  expect(listed.body).toEqual([expect.objectContaining({ name: 'Acme via OAuth', type: 'oauth' })]);
});

it('says why when the user refuses on ClickUp’s side or the state is forged', async () => {
  await page.goto('/api/v1/connections/oauth/callback?code=abc&state=forged.state');
  await page.waitForURL((url) => url.pathname === '/connections' && url.searchParams.has('error'));
  await page.getByRole('alert').filter({ hasText: 'The ClickUp connection was not added' }).waitFor();
  await expectText(page.getByRole('alert').filter({ hasText: 'not added' }), 'could not be verified');
});
