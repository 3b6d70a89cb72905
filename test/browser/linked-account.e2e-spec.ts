import type { Browser, Page } from 'playwright-core';
import { describeViolations, violations } from '../support/axe';
import { expectText, launchBrowser, newContext, screenshot, signIn } from '../support/browser';
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

const expectAccessible = async () => expect(describeViolations(await violations(page))).toEqual([]);

it("links the signed-in person's own ClickUp account through the sandbox consent page, from an MCP client's link", async () => {
  // The page an MCP client sends a person to; this elicitation is not one the gateway made.
  await page.goto('/account/clickup?elicitation=e30.bm90LWZvci15b3U');
  await page.getByRole('button', { name: 'Link with ClickUp' }).waitFor();
  await expectText(page.getByText('An MCP client asked you to link your ClickUp account'), 'MCP client');
  await expectAccessible();
  await page.getByRole('button', { name: 'Link with ClickUp' }).click();
  await page.getByRole('alert').filter({ hasText: 'not one the gateway made' }).waitFor();

  await page.goto('/account/clickup');
  await page.getByRole('button', { name: 'Link with ClickUp' }).click();
  await page.waitForURL((url) => url.origin === stack.sandboxUrl && url.pathname === '/api');
  expect(new URL(page.url()).searchParams.get('redirect_uri')).toBe(
    `${stack.dashboardUrl}/api/v1/me/clickup-account/oauth/callback`,
  );
  await page.getByRole('radio', { name: /Sarah Chen/ }).check();
  await page.getByRole('checkbox', { name: /Acme Corp/ }).check();
  await page.getByRole('button', { name: 'Connect Workspace' }).click();

  await page.waitForURL((url) => url.origin === stack.dashboardUrl && url.pathname === '/account/clickup');
  expect(new URL(page.url()).searchParams.get('linked')).toBe('1');
  const card = page.getByRole('region', { name: 'Sarah Chen' });
  await card.waitFor();
  await expectText(card, 'sarah@acme.example');
  await expectText(card, 'Acme Corp');
  await expectAccessible();
  await screenshot(page, 'linked-clickup-account');
});

it('shows admins who has linked on the Users page, and lets them unlink', async () => {
  await page.goto('/users');
  const table = page.getByRole('table', { name: 'Linked ClickUp accounts' });
  await table.waitFor();
  await expectText(table, 'Sarah Chen');
  await expectAccessible();
  await page.getByRole('button', { name: /Unlink the ClickUp account of/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Unlink this ClickUp account?' });
  await dialog.getByRole('button', { name: 'Unlink' }).click();
  await page.getByText('Nobody has linked a ClickUp account').waitFor();
  const listed = await stack.rest<unknown[]>('GET', '/clickup-accounts');
  expect(listed.body).toEqual([]);
});

it('says why when the state is forged', async () => {
  await page.goto('/api/v1/me/clickup-account/oauth/callback?code=abc&state=forged.state');
  await page.waitForURL((url) => url.pathname === '/account/clickup' && url.searchParams.has('error'));
  await expectText(
    page.getByRole('alert').filter({ hasText: 'Your ClickUp account was not linked' }),
    'could not be verified',
  );
});
