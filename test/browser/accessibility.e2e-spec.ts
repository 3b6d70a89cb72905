import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeViolations, violations } from '../support/axe';
import { launchBrowser, newContext, screenshot, signIn } from '../support/browser';
import { callTool, connectClient, connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
let ids: { server: string; revoked: string; event: string };

/** An organization with a little history, so every page has something to show (and to check). */
async function seed(): Promise<typeof ids> {
  const connectionId = await connectSandbox(stack);
  const connection = await stack.rest<{ workspaces: { id: string }[] }>(
    'GET',
    `/connections/${connectionId}`,
  );
  const workspace = connection.body.workspaces[0].id;
  const support = await stack.rest<{ id: string }>('POST', '/teams', { name: 'Support' });
  await stack.rest('POST', '/teams', { name: 'Engineering' });
  const member = await stack.rest<{ id: string }>('POST', '/users', {
    email: 'mel@example.com',
    name: 'Mel Member',
    role: 'member',
    password: 'a-long-enough-password',
  });
  await stack.rest('POST', `/teams/${support.body.id}/members`, { user_id: member.body.id });
  await stack.rest('POST', '/users', {
    email: 'audrey@example.com',
    name: 'Audrey Auditor',
    role: 'auditor',
    password: 'a-long-enough-password',
  });
  await stack.rest('POST', '/api-tokens', { name: 'terraform', role: 'admin' });

  const reader = await createServer(stack, connectionId, {
    name: 'Support agent',
    workspace_id: workspace,
    team_id: support.body.id,
    config: { methods: ['read'], tags: ['tasks', 'comments'] },
    expires_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  });
  const planner = await createServer(stack, connectionId, {
    name: 'Planning assistant',
    workspace_id: workspace,
    config: { methods: [], tags: ['workspaces', 'lists', 'tasks', 'docs', 'goals'] },
  });
  const old = await createServer(stack, connectionId, { name: 'Old pilot', workspace_id: workspace });
  await stack.rest('DELETE', `/mcp-servers/${old.id}`);

  const sandbox = await sandboxIds(stack);
  const agent = await connectClient(reader.url);
  await callTool(agent, 'task_search', { name_contains: 'bug' });
  await callTool(agent, 'task_get', { task_id: sandbox.engineeringTask });
  await agent.callTool({ name: 'task_delete', arguments: { task_id: sandbox.engineeringTask } });
  await agent.close();
  const planning = await connectClient(planner.url);
  await callTool(planning, 'workspace_hierarchy', {});
  await callTool(planning, 'goal_list', {});
  await callTool(planning, 'task_get', { task_id: sandbox.engineeringTask });
  await planning.close();

  const events = await stack.rest<{ items: { id: string; tool: string | null }[] }>(
    'GET',
    '/audit-events?limit=20',
  );
  const event = events.body.items.find((e) => e.tool === 'task_get')?.id as string;
  return { server: reader.id, revoked: old.id, event };
}

const PAGES: { name: string; path: () => string; ready: (page: Page) => Promise<unknown> }[] = [
  {
    name: 'overview',
    path: () => '/',
    ready: (p) => p.getByRole('img', { name: /tool calls over/ }).waitFor(),
  },
  {
    name: 'connections',
    path: () => '/connections',
    ready: (p) => p.getByTestId('connection-card').first().waitFor(),
  },
  { name: 'servers', path: () => '/servers', ready: (p) => p.getByTestId('server-row').first().waitFor() },
  {
    name: 'server-wizard',
    path: () => '/servers/new',
    ready: (p) => p.getByTestId('preview-tool').first().waitFor(),
  },
  {
    name: 'server-detail',
    path: () => `/servers/${ids.server}`,
    ready: (p) => p.getByRole('list', { name: 'Recent requests' }).waitFor(),
  },
  {
    name: 'audit',
    path: () => '/audit',
    ready: (p) =>
      p
        .getByTestId('chain-badge')
        .getByText(/Chain verified/)
        .waitFor(),
  },
  {
    name: 'audit-detail',
    path: () => `/audit?event=${ids.event}`,
    ready: (p) => p.getByTestId('audit-detail').waitFor(),
  },
  {
    name: 'retry-queue',
    path: () => '/queue',
    ready: (p) => p.getByRole('heading', { name: 'Retry queue' }).waitFor(),
  },
  { name: 'users', path: () => '/users', ready: (p) => p.getByRole('table', { name: 'Users' }).waitFor() },
  {
    name: 'teams',
    path: () => '/teams',
    ready: (p) => p.getByText(/^\d+ members?$/).waitFor(),
  },
  {
    name: 'api-tokens',
    path: () => '/api-tokens',
    ready: (p) => p.getByRole('table', { name: 'API tokens' }).waitFor(),
  },
  {
    name: 'security-events',
    path: () => '/security-events',
    ready: (p) => p.getByRole('heading', { name: 'Security events' }).waitFor(),
  },
  {
    name: 'settings',
    path: () => '/settings',
    ready: (p) => p.getByRole('heading', { name: 'Settings' }).waitFor(),
  },
  {
    name: 'account',
    path: () => '/account',
    ready: (p) => p.getByRole('button', { name: 'Change password' }).waitFor(),
  },
  {
    name: 'linked-clickup-account',
    path: () => '/account/clickup',
    ready: (p) => p.getByRole('button', { name: 'Link with ClickUp' }).waitFor(),
  },
];

const DARK = new Set(['overview', 'servers', 'audit', 'server-wizard']);

beforeAll(async () => {
  stack = new Stack('postgres+redis', { sandbox: true, dashboard: true, worker: false });
  await stack.start();
  ids = await seed();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe.each(['light', 'dark'] as const)('the main pages in the %s theme', (theme) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser, stack.dashboardUrl, { theme });
    page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
  });
  afterAll(() => context?.close());

  it.each(PAGES.map((p) => [p.name, p] as const))(
    '%s has no serious accessibility violation',
    async (name, spec) => {
      await page.goto(spec.path());
      await spec.ready(page);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      expect(describeViolations(await violations(page))).toEqual([]);
      if (theme === 'light') await screenshot(page, name);
      else if (DARK.has(name)) await screenshot(page, `${name}-dark`);
    },
  );
});

it('the reset-password page has no serious accessibility violation', async () => {
  const context = await newContext(browser, stack.dashboardUrl);
  const page = await context.newPage();
  await page.goto('/reset-password#token=gwr_example');
  await page.getByRole('button', { name: 'Set password' }).waitFor();
  expect(describeViolations(await violations(page))).toEqual([]);
  await context.close();
});

it('the sign-in page has no serious accessibility violation', async () => {
  const context = await newContext(browser, stack.dashboardUrl);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  expect(describeViolations(await violations(page))).toEqual([]);
  await screenshot(page, 'sign-in');
  await context.close();
});
