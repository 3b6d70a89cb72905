import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, expectText, launchBrowser, newContext, signIn } from '../support/browser';
import { connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';

// Goals belong to the whole workspace: a server pinned to spaces leaves them out unless an owner or admin allows
// workspace-level objects, and the dashboard says so where the tools are chosen.
const MEMBER = {
  email: 'mo@example.com',
  name: 'Mo Member',
  role: 'member',
  password: 'a-long-enough-password',
};

let stack: Stack;
let browser: Browser;
let connectionId: string;
let ids: Awaited<ReturnType<typeof sandboxIds>>;
let teamId: string;

beforeAll(async () => {
  stack = new Stack('postgres+redis', { sandbox: true, dashboard: true, worker: false });
  await stack.start();
  const member = await stack.rest<{ id: string }>('POST', '/users', MEMBER);
  teamId = (await stack.rest<{ id: string }>('POST', '/teams', { name: 'Platform' })).body.id;
  await stack.rest('POST', `/teams/${teamId}/members`, { user_id: member.body.id });
  connectionId = await connectSandbox(stack);
  ids = await sandboxIds(stack);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedIn(email: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, stack.dashboardUrl);
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

const previewedTools = (page: Page) =>
  page.getByTestId('preview-tool').locator('p.font-mono').allTextContents();
const goalsIn = (names: string[]) => names.filter((n) => n.startsWith('goal_'));
const leftOut = (page: Page) => page.getByText('Goal tools are left out');

describe('goal tools on a server pinned to spaces', () => {
  it('the wizard previews them as left out once a space is picked, and lists them when the admin allows them', async () => {
    const { context, page } = await signedIn(ADMIN.email, ADMIN.password);
    await page.goto('/servers/new');
    await page.getByLabel('Server name').fill('Engineering goals');
    await page.getByRole('radio', { name: /Sandbox workspace/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: /Acme Corp/ }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await eventually(
      () => previewedTools(page),
      (names) => goalsIn(names).length > 0,
      'goal tools listed',
    );

    await page.getByRole('checkbox', { name: /Engineering/ }).check();
    await leftOut(page).waitFor();
    await eventually(
      () => previewedTools(page),
      (names) => goalsIn(names).length === 0,
      'goal tools gone',
    );

    const allow = page.getByRole('checkbox', { name: /Allow workspace-level objects/ });
    expect(await allow.isEnabled()).toBe(true);
    await allow.check();
    await eventually(
      () => previewedTools(page),
      (names) => goalsIn(names).length > 0,
      'goal tools back',
    );
    expect(await leftOut(page).count()).toBe(0);
    await context.close();
  });

  it('the settings of a pinned server offer the switch to an admin, and saving it lists the goal tools', async () => {
    const server = await createServer(stack, connectionId, {
      name: 'Pinned for the admin',
      workspace_id: ids.acme,
      space_ids: [ids.engineering],
    });
    const { context, page } = await signedIn(ADMIN.email, ADMIN.password);
    await page.goto(`/servers/${server.id}`);
    await leftOut(page).waitFor();
    await page.getByRole('checkbox', { name: /Allow workspace-level objects/ }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await eventually(
      async () =>
        (
          await stack.rest<{ config: { allow_workspace_objects: boolean } }>(
            'GET',
            `/mcp-servers/${server.id}`,
          )
        ).body.config.allow_workspace_objects,
      (allowed) => allowed,
      'the switch saved',
    );
    await eventually(
      () => previewedTools(page),
      (names) => goalsIn(names).length > 0,
      'goal tools listed',
    );
    await context.close();
  });

  it('a member sees why goal tools are missing, and cannot turn the switch on', async () => {
    const server = await createServer(stack, connectionId, {
      name: 'Pinned for the member',
      workspace_id: ids.acme,
      space_ids: [ids.engineering],
      team_id: teamId,
    });
    const { context, page } = await signedIn(MEMBER.email, MEMBER.password);
    await page.goto(`/servers/${server.id}`);
    await leftOut(page).waitFor();
    const allow = page.getByRole('checkbox', { name: /Allow workspace-level objects/ });
    expect(await allow.isDisabled()).toBe(true);
    await expectText(page.getByRole('main'), 'Only owners and admins can turn it on.');
    await context.close();
  });
});
