import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { describeViolations, violations } from '../support/axe';
import { eventually, expectText, launchBrowser, newContext, screenshot, signIn } from '../support/browser';
import { ADMIN, Stack } from '../support/stack';

const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('base64');
const REMOVABLE = 'All credentials are under the current key: ENCRYPTION_KEY_PREVIOUS can be removed.';

/**
 * The owner follows a key rotation in Settings → Encryption key: the worker re-encrypts on its own after the restart,
 * the card shows every credential under the current key and says the previous key can go; "Re-encrypt now" runs
 * again on demand.
 */
describe('the encryption key card (postgres)', () => {
  const stack = new Stack('postgres', { dashboard: true });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack.setEnv({ ENCRYPTION_KEY: KEY_A });
    await stack.start();
    // A team's webhook adds two secrets to the authorization server's two key sets.
    const team = (await stack.rest<{ id: string }>('POST', '/teams', { name: 'Support' })).body.id;
    const saved = await stack.rest('PUT', `/teams/${team}/approval-webhook`, {
      url: 'https://hooks.example.test/approvals',
    });
    expect(saved.status).toBe(200);
    await stack.worker?.stop();
    await stack.api.stop();
    stack.setEnv({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_PREVIOUS: KEY_A });
    await stack.startApi();
    await stack.startWorker();
    browser = await launchBrowser();
    context = await newContext(browser, stack.dashboardUrl);
    page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack.stop();
  }, 60_000);

  it('shows every credential under the new key once the worker is done, and that the old key can go', async () => {
    await page.goto('/settings');
    const card = page.getByRole('region', { name: 'Encryption key' });
    await card.getByText(REMOVABLE).waitFor({ timeout: 30_000 });
    await expectText(card, '4 of 4 credentials under the current key');
    const bar = card.getByRole('progressbar', { name: 'Credentials under the current key' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('4');
    expect(await bar.getAttribute('aria-valuemax')).toBe('4');
    expect(describeViolations(await violations(page))).toEqual([]);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-encryption');
  });

  it('runs again when the owner asks, and still says the old key can go', async () => {
    const card = page.getByRole('region', { name: 'Encryption key' });
    const clicked = new Date().toISOString();
    await card.getByRole('button', { name: 'Re-encrypt now' }).click();
    await page.getByText('Re-encryption started').waitFor();
    await eventually(
      () => stack.rest<{ job: { state: string; finished_at: string | null } }>('GET', '/settings/encryption'),
      ({ body }) => body.job?.state === 'completed' && (body.job.finished_at ?? '') > clicked,
      'the requested run to end',
      30_000,
    );
    await page.reload();
    await card.getByText(REMOVABLE).waitFor();
    await expectText(card, '4 of 4 credentials under the current key');
    expect(await card.getByRole('button', { name: 'Re-encrypt now' }).isEnabled()).toBe(true);
  });
});
