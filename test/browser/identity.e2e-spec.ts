import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, signIn } from '../support/browser';
import { ADMIN, Stack } from '../support/stack';

const PASSWORD = 'a-long-enough-password';
const DANA = { email: 'dana@example.com', name: 'Dana Scully', role: 'admin', password: PASSWORD };
const MEL = { email: 'mel@example.com', name: 'Mel Member', role: 'member', password: PASSWORD };

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function signedIn(email: string, password: string): Promise<Page> {
  const context = await newContext(browser, stack.dashboardUrl);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

beforeAll(async () => {
  stack = new Stack('postgres', { dashboard: true, worker: false });
  await stack.start();
  for (const user of [DANA, MEL]) expect((await stack.rest('POST', '/users', user)).status).toBe(201);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await stack?.stop();
});

describe('the identity lifecycle in the dashboard', () => {
  let owner: Page;
  beforeAll(async () => {
    owner = await signedIn(ADMIN.email, ADMIN.password);
  });

  it('disables a user: the open session of that user is refused and goes back to sign-in', async () => {
    const dana = await signedIn(DANA.email, DANA.password);
    await dana.getByRole('link', { name: 'Users' }).click();
    await dana.getByRole('table', { name: 'Users' }).waitFor();

    await owner.goto('/users');
    await owner.getByRole('button', { name: `Disable ${DANA.name}` }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
    await owner.getByRole('button', { name: `Enable ${DANA.name}` }).waitFor();

    // Her next request to the api (here the audit log, which her browser has not cached) is refused.
    await dana.getByRole('link', { name: 'Audit log' }).click();
    await dana.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(dana.url()).pathname).toBe('/login');
  });

  it('enables the user again, and hands out a one-time reset link that sets a new password', async () => {
    await owner.goto('/users');
    await owner.getByRole('button', { name: `Enable ${DANA.name}` }).click();
    await owner.getByRole('button', { name: `Disable ${DANA.name}` }).waitFor();
    await owner.getByRole('button', { name: `Reset password of ${DANA.name}` }).click();
    const link = await owner.getByRole('textbox', { name: 'Password reset link' }).inputValue();
    expect(link).toMatch(/\/reset-password#token=gwr_/);
    await owner.getByRole('dialog').getByRole('button', { name: 'Done' }).click();

    const context = await newContext(browser, stack.dashboardUrl);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    // The secret leaves the address bar once the page has read it.
    await page.getByRole('button', { name: 'Set password' }).waitFor();
    expect(page.url()).not.toContain('token=');
    await page.getByLabel('New password', { exact: true }).fill('dana-reset-password-1');
    await page.getByLabel('Repeat the new password').fill('dana-reset-password-1');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Password set').waitFor();
    await signIn(page, DANA.email, 'dana-reset-password-1');
  });

  it('changes a user’s role from the Users table', async () => {
    await owner.goto('/users');
    await owner.getByRole('combobox', { name: `Role of ${MEL.name}` }).selectOption('auditor');
    await owner.getByText(`${MEL.name} is now an auditor`).waitFor();
    const users = await stack.rest<{ email: string; role: string }[]>('GET', '/users');
    expect(users.body.find((u) => u.email === MEL.email)?.role).toBe('auditor');
  });

  it('creates an API token that expires, with "never" offered to owners', async () => {
    await owner.goto('/api-tokens');
    await owner.getByRole('button', { name: 'New token' }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('Name').fill('nightly export');
    const expiry = dialog.getByLabel('Expires');
    expect(await expiry.inputValue()).toBe('90');
    expect(await expiry.locator('option').allTextContents()).toEqual([
      'In 30 days',
      'In 90 days',
      'In 365 days',
      'Never (owners only)',
    ]);
    await expiry.selectOption('30');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await dialog.getByTestId('api-token-value').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const tokens = await stack.rest<{ name: string; expires_at: string | null }[]>('GET', '/api-tokens');
    const days =
      (Date.parse(tokens.body.find((t) => t.name === 'nightly export')?.expires_at ?? '') - Date.now()) /
      86_400_000;
    expect(Math.round(days)).toBe(30);
  });

  it('lets a signed-in user change its own password from the account menu', async () => {
    const mel = await signedIn(MEL.email, MEL.password);
    await mel.getByRole('button', { name: /account menu/ }).click();
    await mel.getByRole('menuitem', { name: 'Change password' }).click();
    await mel.getByLabel('Current password').fill('not-my-password');
    await mel.getByLabel('New password', { exact: true }).fill('mel-new-password-42');
    await mel.getByLabel('Repeat the new password').fill('mel-new-password-42');
    await mel.getByRole('button', { name: 'Change password' }).click();
    await mel.getByText('The current password is wrong').waitFor();
    await mel.getByLabel('Current password').fill(MEL.password);
    await mel.getByRole('button', { name: 'Change password' }).click();
    await mel.getByText('Password changed. Your other sessions are signed out.').waitFor();
    await signedIn(MEL.email, 'mel-new-password-42');
  });
});
