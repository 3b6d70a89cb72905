import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, expectText, launchBrowser, newContext, screenshot, signIn } from '../support/browser';
import { callTool, connectClient, sandboxIds } from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';

// One admin's day, in order: each step builds on the one before, as it would in a real browser session.
let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let mcpUrl: string;
let client: Client;

beforeAll(async () => {
  stack = new Stack('postgres+redis', { sandbox: true, dashboard: true });
  await stack.start();
  browser = await launchBrowser();
  context = await newContext(browser, stack.dashboardUrl);
  page = await context.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
}, 120_000);

afterAll(async () => {
  await client?.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('an admin in the dashboard', () => {
  it('adds the sandbox by personal token and sees its workspace', async () => {
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a ClickUp connection' });
    await dialog.getByRole('tab', { name: 'Personal token' }).click();
    const panel = dialog.getByRole('tabpanel');
    await panel.getByLabel('Connection name').fill('Sandbox workspace');
    await panel.getByLabel('Personal API token').fill('pk_sandbox_owner');
    await panel.getByRole('button', { name: 'Add connection' }).click();

    const card = page.getByTestId('connection-card').filter({ hasText: 'Sandbox workspace' });
    await card
      .getByRole('list', { name: 'Workspaces of Sandbox workspace' })
      .getByText('Acme Corp')
      .waitFor();
    await expectText(card, 'Acts as Alex Rivera');
  });

  it('creates a read-only server limited to tasks, previewing its tools, and is shown its URL once', async () => {
    await page.getByRole('link', { name: 'MCP servers' }).click();
    // A first visit shows the empty list with its own create link, beside the header's.
    const table = page.getByRole('table', { name: 'MCP servers' });
    await table.getByText('No MCP server yet').waitFor();
    await table.getByRole('link', { name: 'Create server' }).click();

    await page.getByLabel('Server name').fill('Support agent (read-only)');
    await page.getByRole('radio', { name: /Sandbox workspace/ }).check();
    await next();
    await page.getByRole('radio', { name: /Acme Corp/ }).waitFor();
    expect(await page.getByRole('radio', { name: /Acme Corp/ }).isChecked()).toBe(true);
    await next();
    await page.getByRole('checkbox', { name: /Engineering/ }).waitFor();
    await next();

    const preview = page.getByTestId('tool-preview-stats');
    const allTools = await toolCount(preview);
    await page.getByRole('checkbox', { name: /Read/ }).check();
    await eventually(
      () => toolCount(preview),
      (n) => n < allTools,
      'fewer tools in the preview',
    );
    await next();
    await page.getByRole('checkbox', { name: 'Tasks', exact: true }).check();
    await eventually(
      () => page.getByTestId('preview-tool').locator('p.font-mono').allTextContents(),
      (names) => names.join() === 'task_get,task_list_in_list,task_search,task_time_in_status',
      'the four read-only task tools',
    );
    // What each group adds to the listing, and the whole listing against the catalog's cap.
    await eventually(
      () => page.getByTestId('preview-group').allTextContents(),
      (groups) => groups.length === 1 && /^Tasks4\/\d+[\d.]+ K?B$/.test(groups[0]),
      'the tasks group alone, with its size',
    );
    expect(await page.getByTestId('listing-cap').textContent()).toMatch(/ of 60,000 B cap$/);
    await screenshot(page, 'server-wizard');
    await next();
    await next();
    // A read-only server has nothing to hold for approval: the step starts at "Nothing".
    expect(await page.getByRole('radio', { name: /^Nothing/ }).isChecked()).toBe(true);
    await next();
    await page.getByRole('radio', { name: 'In 30 days' }).check();
    await page.getByRole('button', { name: 'Create server' }).click();

    await page.getByRole('heading', { name: /Support agent \(read-only\) is ready/ }).waitFor();
    mcpUrl = await page.getByTestId('mcp-url').inputValue();
    expect(mcpUrl).toMatch(new RegExp(`^${stack.dashboardUrl}/mcp/cmcp_[A-Za-z0-9_-]{43}$`));
    const desktop = await page.getByLabel('Claude Desktop setup', { exact: true }).textContent();
    expect(JSON.parse(desktop ?? '').mcpServers.clickup.args).toContain(mcpUrl);
    for (const name of ['claude.ai', 'ChatGPT', 'Claude Code']) {
      await page.getByRole('tab', { name }).click();
      expect(await page.getByLabel(`${name} setup`, { exact: true }).textContent()).toContain(mcpUrl);
    }
    // Files that end up in repositories read the secret URL at run time instead of holding it.
    for (const name of ['Cursor', 'VS Code']) {
      await page.getByRole('tab', { name }).click();
      expect(await page.getByLabel(`${name} setup`, { exact: true }).textContent()).not.toContain('cmcp_');
    }
    await screenshot(page, 'server-created');
  });

  it('lets a real MCP client list and call the tools through that URL', async () => {
    client = await connectClient(mcpUrl);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'task_get',
      'task_list_in_list',
      'task_search',
      'task_time_in_status',
    ]);
    const ids = await sandboxIds(stack);
    const task = await callTool<{ id: string }>(client, 'task_get', { task_id: ids.engineeringTask });
    expect(task.ok).toBe(true);
    const denied = await client.callTool({ name: 'task_create', arguments: { list_id: '1', name: 'x' } });
    expect(denied.isError).toBe(true);
  });

  it('shows those calls in the audit log, and a filter narrows them', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    const rows = page.getByTestId('audit-row');
    await rows.filter({ hasText: 'task_get' }).first().waitFor();
    const before = await rows.count();
    await page.getByLabel('Tool').selectOption('task_get');
    await page.waitForURL(/tool=task_get/);
    await eventually(
      () => rows.count(),
      (n) => n < before,
      'fewer rows',
    );
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('task_get')]);
    await expectText(rows.first(), 'Support agent (read-only)');

    await rows
      .first()
      .getByRole('button', { name: /open event/ })
      .click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('audit-detail').waitFor();
    await expectText(drawer, 'e2e-client');
    await screenshot(page, 'audit-detail');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await page.waitForURL((url) => !url.searchParams.has('event'));
  });

  it('exports the filtered view as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toContain('tool');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('task_get');
  });

  it('revokes the server: the next call fails; the revoke is in the audit log, the refused call a security event', async () => {
    await page.getByRole('link', { name: 'MCP servers' }).click();
    await page.getByRole('link', { name: 'Support agent (read-only)' }).click();
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke server' }).click();
    await page.getByRole('heading', { level: 1 }).getByText('Revoked').waitFor();

    // Every api process drops a revoked server from its cache within a second.
    const refused = await eventually(
      () =>
        client.listTools().then(
          () => 'still works',
          (error: Error) => error.message,
        ),
      (outcome) => outcome !== 'still works',
      'the revoked URL to be refused',
      3_000,
    );
    expect(refused).toMatch(/Unknown MCP URL|404/);

    // A revoked URL names no server any more (its hash is gone), so its use is an anonymous refusal: counted as a
    // security event, never written into an organization's audit chain.
    await page.goto('/security-events?reason=mcp_unknown_token');
    const refusal = page.getByTestId('security-event-row').first();
    await refusal.waitFor({ timeout: 30_000 });
    await expectText(refusal, 'Unknown MCP URL');
    await page.goto('/audit');
    await page.getByTestId('audit-row').filter({ hasText: 'mcp_servers.revoke' }).first().waitFor();
  });

  it('shows the day on the overview as charts', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    const chart = page.getByRole('img', { name: /tool calls over 14 days/ });
    const summary = await eventually(
      async () => (await chart.getAttribute('aria-label')) ?? '',
      (label) => label.includes('most in Tasks'),
      'the calls chart to count the task calls',
    );
    expect(summary).toMatch(/^[1-9]\d* tool calls/);
  });
});

async function next(): Promise<void> {
  await page.getByRole('button', { name: 'Next' }).click();
}

async function toolCount(preview: ReturnType<Page['getByTestId']>): Promise<number> {
  const text = (await preview.locator('dd').first().textContent()) ?? '';
  return Number(text.split('/')[0]);
}
