import type { Browser, Page } from 'playwright-core';
import { expectText, launchBrowser, newContext, signIn, watchDialogs } from '../support/browser';
import { callTool, connectClient, connectSandbox, createServer } from '../support/mcp';
import { sandboxListId } from '../support/sandbox-data';
import { ADMIN, Stack } from '../support/stack';

const HOSTILE = '<img src=x onerror=alert(1)>';

let stack: Stack;
let browser: Browser;
let page: Page;
let dialogs: string[];

beforeAll(async () => {
  stack = new Stack('postgres+redis', { sandbox: true, dashboard: true, worker: false });
  await stack.start();
  const connectionId = await connectSandbox(stack);
  const workspace = (
    await stack.rest<{ workspaces: { id: string }[] }>('GET', `/connections/${connectionId}`)
  ).body.workspaces[0].id;
  const server = await createServer(stack, connectionId, {
    name: 'Writer',
    workspace_id: workspace,
    config: { methods: ['read', 'create'], tags: ['tasks'] },
  });
  const client = await connectClient(server.url);
  const created = await callTool<{ id: string }>(client, 'task_create', {
    list_id: await sandboxListId(stack, 'Incoming Bugs'),
    name: HOSTILE,
  });
  expect(created.ok).toBe(true);
  await client.close();

  browser = await launchBrowser();
  page = await (await newContext(browser, stack.dashboardUrl)).newPage();
  dialogs = watchDialogs(page);
  await signIn(page, ADMIN.email, ADMIN.password);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it('shows a task name an agent wrote as text, never as HTML, in the audit view', async () => {
  await page.goto(`/audit?q=${encodeURIComponent('onerror')}`);
  const row = page.getByTestId('audit-row').filter({ hasText: 'task_create' });
  await row.waitFor();
  await row.getByRole('button', { name: /open event/ }).click();
  const args = page.getByTestId('audit-arguments');
  await expectText(args, HOSTILE);

  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('[onerror]').count()).toBe(0);
  // Give an injected handler every chance to run before checking it never did.
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});
