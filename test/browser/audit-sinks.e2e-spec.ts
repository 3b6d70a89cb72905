import type { Browser, Page } from 'playwright-core';
import { describeViolations, violations } from '../support/axe';
import { expectText, launchBrowser, newContext, screenshot, signIn } from '../support/browser';
import { ADMIN, Stack } from '../support/stack';
import { BatchReceiver } from '../audit/sink-receivers';

let stack: Stack;
let receiver: BatchReceiver;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  receiver = await BatchReceiver.start();
  stack = new Stack('postgres+redis', {
    dashboard: true,
    env: { AUDIT_SINK_POLL_MS: '200', AUDIT_SINK_MAX_BACKOFF_MS: '1000', AUDIT_SINK_TIMEOUT_MS: '2000' },
  });
  await stack.start();
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
const card = () => page.getByRole('region', { name: 'Audit sinks' });
const row = () => card().getByTestId('audit-sink-row').first();

it('adds a webhook sink from Settings, shows its secret once, and the receiver gets the stream', async () => {
  await page.goto('/settings');
  await expectText(card(), 'No audit sinks');
  await card().getByRole('button', { name: 'Add sink' }).click();
  const form = card().getByRole('form', { name: 'Add audit sink' });

  await form.getByLabel('Name').fill('Not A Name');
  await form.getByLabel('Webhook URL').fill(receiver.url('/audit'));
  await form.getByRole('button', { name: 'Add sink' }).click();
  await expectText(form.getByRole('alert'), 'lower-case letters');

  await form.getByLabel('Name').fill('siem');
  await form.getByRole('button', { name: 'Add sink' }).click();
  const shown = card().getByTestId('audit-sink-secret-value');
  await shown.waitFor();
  const secret = await shown.inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  await expectAccessible();
  await card().getByRole('button', { name: 'I have stored it' }).click();

  await expectText(row(), 'siem');
  await expectText(row(), receiver.url('/audit'));
  await expectText(row(), 'Up to date');
  expect(receiver.seqs.length).toBeGreaterThan(0);
  expect(receiver.stored.get(receiver.seqs.at(-1) as number)?.action).toBe('audit_sink.create');
  await page.reload();
  expect(await page.content()).not.toContain(secret);
});

it('shows a failing receiver with its error and lag, and catches up once it is back', async () => {
  receiver.down = true;
  // Pausing is itself an audited action: an event the receiver now refuses.
  await row().getByRole('button', { name: 'Pause' }).click();
  await expectText(row(), 'Paused');
  await row().getByRole('button', { name: 'Resume' }).click();
  await expectText(row(), 'Failing');
  await expectText(row(), 'HTTP 503 Service Unavailable');
  await expectText(row().getByTestId('audit-sink-lag'), 'oldest');
  await expectAccessible();
  await screenshot(page, 'settings-audit-sinks');

  receiver.down = false;
  await expectText(row(), 'Up to date');
  await expectText(row().getByTestId('audit-sink-lag'), 'none');
  const seqs = receiver.seqs;
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
});

it('sends a test and deletes the sink after confirming', async () => {
  await row().getByRole('button', { name: 'Test' }).click();
  await expectText(row(), 'Test delivered');
  // The test message, beside the batch that carries the test's own audit event.
  expect(receiver.batches.filter((b) => b.headers['x-gateway-event'] === 'audit.test')).toHaveLength(1);

  await row().getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete the sink siem?' });
  await dialog.getByRole('button', { name: 'Delete sink' }).click();
  await expectText(card(), 'No audit sinks');
});
