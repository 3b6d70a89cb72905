import { WebhookReceiver } from '@gw/testing';
import type { Browser, Page } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { describeViolations, violations } from '../support/axe';
import { expectText, launchBrowser, newContext, screenshot, signIn } from '../support/browser';
import { ADMIN, Stack } from '../support/stack';

let stack: Stack;
let receiver: WebhookReceiver;
let browser: Browser;
let page: Page;
let teamId: string;
/** The signing secret as the page showed it. */
let secret: string;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  stack = new Stack('postgres+redis', {
    dashboard: true,
    env: { APPROVAL_WEBHOOK_BASE_DELAY_MS: '200', APPROVAL_WEBHOOK_MAX_ATTEMPTS: '3' },
  });
  await stack.start();
  teamId = (await stack.rest<{ id: string }>('POST', '/teams', { name: 'Support' })).body.id;
  browser = await launchBrowser();
  page = await (await newContext(browser, stack.dashboardUrl)).newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await receiver?.close();
});

const expectAccessible = async () => expect(describeViolations(await violations(page))).toEqual([]);
const card = () => page.getByRole('region', { name: 'Approval notifications' });

it('sets up a team webhook and shows its signing secret once', async () => {
  await page.goto(`/teams?team=${teamId}`);
  await expectText(card(), 'Not set up');
  const url = card().getByLabel('Webhook URL');

  await url.fill('ftp://example.com/hook');
  await card().getByRole('button', { name: 'Set up webhook' }).click();
  await expectText(card().getByRole('alert'), 'The URL must start with https:// or http://.');

  await url.fill(receiver.url('/approvals'));
  await card().getByRole('button', { name: 'Set up webhook' }).click();
  const shown = card().getByTestId('webhook-secret-value');
  await shown.waitFor();
  secret = await shown.inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  await card().getByRole('button', { name: 'Copy secret' }).waitFor();
  await expectText(card(), 'On');
  await expectAccessible();

  await card().getByRole('button', { name: 'I have stored it' }).click();
  await expect(shown.count()).resolves.toBe(0);
  await expectText(card().getByTestId('webhook-secret-hint'), `whsec_…${secret.slice(-4)}`);
  await page.reload();
  await expectText(card().getByTestId('webhook-secret-hint'), `whsec_…${secret.slice(-4)}`);
  expect(await page.content()).not.toContain(secret);
});

it('marks a test the receiver keeps refusing as failed, and redelivers it', async () => {
  receiver.always({ status: 503 });
  await card().getByRole('button', { name: 'Send a test' }).click();
  const rows = card().getByTestId('webhook-delivery');
  await rows.first().waitFor();
  await expectText(rows.first(), 'Test');
  await expectText(rows.first(), 'Failed');
  await expectText(rows.first(), 'HTTP 503 Service Unavailable');
  await expectText(rows.first(), '3 / 3');

  await card().getByRole('group', { name: 'Delivery state' }).getByRole('button', { name: 'Failed' }).click();
  await page.waitForURL((u) => u.searchParams.get('deliveries') === 'failed');
  await expectText(rows.first(), 'Failed');
  await expect(rows.count()).resolves.toBe(1);
  await expectAccessible();
  await screenshot(page, 'team-approval-notifications');

  receiver.always({ status: 200 });
  await card()
    .getByRole('button', { name: /^Redeliver notification/ })
    .click();
  await card()
    .getByRole('group', { name: 'Delivery state' })
    .getByRole('button', { name: 'Delivered' })
    .click();
  await expectText(rows.first(), 'Delivered');

  // Every attempt was signed with the secret the page showed.
  expect(receiver.received).toHaveLength(4);
  for (const request of receiver.received) {
    const timestamp = request.headers['x-gateway-timestamp'] as string;
    const expected = createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers['x-gateway-signature']).toBe(`v1=${expected}`);
  }
});
