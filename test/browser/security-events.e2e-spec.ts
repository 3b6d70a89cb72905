import { waitFor } from '@gw/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, signIn } from '../support/browser';
import { ADMIN, Stack } from '../support/stack';
import { countsByReason, Source } from '../security/support';

const AUDITOR = {
  email: 'audrey@example.com',
  name: 'Audrey Auditor',
  role: 'auditor',
  password: 'a-long-enough-password',
};

let stack: Stack;
let browser: Browser;
const sources: Source[] = [];

beforeAll(async () => {
  stack = new Stack('postgres+redis', { dashboard: true, worker: false });
  await stack.start();
  expect((await stack.rest('POST', '/users', AUDITOR)).status).toBe(201);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await browser?.close();
  await stack?.stop();
});

/** A client that reaches the dashboard (not the api) from its own loopback address. */
function throughDashboard(address: string, extraHeaders: Record<string, string> = {}) {
  const source = new Source(address);
  sources.push(source);
  return (email: string, password: string) =>
    source.request(`${stack.dashboardUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...extraHeaders },
      body: JSON.stringify({ email, password }),
    });
}

it('the dashboard passes each browser’s own address to the api, signed, so one browser’s failures are not every user’s', async () => {
  const login = throughDashboard('127.0.0.41');
  for (let i = 0; i < 3; i++) expect((await login('nobody@example.com', `wrong ${i}`)).status).toBe(401);
  await waitFor(async () => (await countsByReason(stack, '127.0.0.41'))['login_failed'] === 3, {
    what: 'the failed sign-ins counted under the browser’s address',
  });
  // Another browser signs in through the same dashboard, untouched by the first one's failures.
  expect((await throughDashboard('127.0.0.42')(ADMIN.email, ADMIN.password)).status).toBe(200);
});

it('a browser cannot name another address to the dashboard: its own X-Forwarded-For is replaced by its real one', async () => {
  const login = throughDashboard('127.0.0.43', { 'x-forwarded-for': '203.0.113.9' });
  expect((await login('nobody@example.com', 'wrong')).status).toBe(401);
  await waitFor(async () => (await countsByReason(stack, '127.0.0.43'))['login_failed'] === 1, {
    what: 'the failed sign-in counted under the browser’s real address',
  });
  expect(await countsByReason(stack, '203.0.113.9')).toEqual({});
});

it('an owner reads security events with filters kept in the URL; an auditor has no such page', async () => {
  const owner = await newContext(browser, stack.dashboardUrl);
  const page = await owner.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('link', { name: 'Security events' }).click();
  await page.getByRole('heading', { name: 'Security events' }).waitFor();
  const row = page.getByTestId('security-event-row').filter({ hasText: '127.0.0.41' });
  await row.first().waitFor();
  expect(await row.first().textContent()).toContain('Failed sign-in');

  await page.getByLabel('Reason').selectOption('rate_limited');
  await page.waitForURL(/reason=rate_limited/);
  await page.getByText('No security event').waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('button', { name: 'Show only 127.0.0.41' }).first().click();
  await page.waitForURL(/ip=127\.0\.0\.41/);
  await owner.close();

  const auditor = await newContext(browser, stack.dashboardUrl);
  const auditorPage = await auditor.newPage();
  await signIn(auditorPage, AUDITOR.email, AUDITOR.password);
  expect(await auditorPage.getByRole('link', { name: 'Security events' }).count()).toBe(0);
  await auditorPage.goto('/security-events');
  await auditorPage.getByText(/see security events/).waitFor();
  await auditor.close();
});
