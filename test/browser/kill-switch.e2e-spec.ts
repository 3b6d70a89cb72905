import type { Browser } from 'playwright-core';
import { eventually, launchBrowser, newContext, screenshot, signIn, watchDialogs } from '../support/browser';
import { connectSandbox, createServer, rawPost, sandboxIds, type ProvisionedServer } from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';

const MEMBER = {
  email: 'mia@example.com',
  name: 'Mia Member',
  role: 'member',
  password: 'a-long-enough-password',
};
const REASON = 'An agent loops on task_delete in the Support space';
/** Typed by an admin, shown to everyone: it must stay text. */
const MARKUP = 'Incident 42 <img src=x onerror=alert(1)>';

interface Pause {
  id: string;
  queued: string;
  resume_reason: string | null;
}

let stack: Stack;
let browser: Browser;
let server: ProvisionedServer;
let connectionId: string;

beforeAll(async () => {
  stack = new Stack('postgres+redis', { dashboard: true, sandbox: true, worker: false });
  await stack.start();
  expect((await stack.rest('POST', '/users', MEMBER)).status).toBe(201);
  const team = await stack.rest<{ id: string }>('POST', '/teams', { name: 'Support' });
  connectionId = await connectSandbox(stack);
  server = await createServer(stack, connectionId, {
    name: 'Support agent',
    workspace_id: (await sandboxIds(stack)).acme,
    team_id: team.body.id,
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** What the team's agent is told when it calls a tool: null when the call is not refused. */
async function refusal(): Promise<string | null> {
  const { body } = await rawPost(`${stack.baseUrl}/mcp/${server.token}`, {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'retry_job_get', arguments: { job_id: 'none' } },
  });
  const envelope = (
    body?.['result'] as { structuredContent: { issues: { code: string; message: string }[] } }
  ).structuredContent;
  return envelope.issues[0]?.code === 'FORBIDDEN' ? envelope.issues[0].message : null;
}

it('an admin pauses a team from its page with a reason, everyone sees the banner, and an owner resumes it from the banner', async () => {
  const owner = await newContext(browser, stack.dashboardUrl);
  const page = await owner.newPage();
  const dialogs = watchDialogs(page);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('link', { name: 'Teams' }).click();
  await page.getByRole('button', { name: 'Pause MCP access of the team “Support”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause MCP access of the team “Support”?' });
  const confirm = dialog.getByRole('button', { name: 'Pause MCP access' });
  // No reason, no pause.
  expect(await confirm.isDisabled()).toBe(true);
  await dialog.getByLabel('Reason').fill(REASON);
  await confirm.click();
  await dialog.waitFor({ state: 'hidden' });

  const banner = page.getByRole('region', { name: 'Paused MCP access' });
  await banner.getByText('MCP access of the team “Support” is paused').waitFor();
  expect(await banner.textContent()).toContain(`“${REASON}”`);
  expect(await banner.textContent()).toContain(`by ${ADMIN.email}`);
  await page.getByText('MCP access paused', { exact: true }).waitFor();
  expect(await refusal()).toContain(`"${REASON}"`);
  await screenshot(page, 'kill-switch-banner');

  // A member sees why their agents stop, and cannot resume.
  const member = await newContext(browser, stack.dashboardUrl);
  const memberPage = await member.newPage();
  await signIn(memberPage, MEMBER.email, MEMBER.password);
  const memberBanner = memberPage.getByRole('region', { name: 'Paused MCP access' });
  await memberBanner.getByText('MCP access of the team “Support” is paused').waitFor();
  expect(await memberBanner.getByRole('button', { name: 'Resume…' }).count()).toBe(0);
  await member.close();

  await banner.getByRole('button', { name: 'Resume…' }).click();
  const resume = page.getByRole('dialog', { name: 'Resume MCP access of the team “Support”?' });
  await resume.getByLabel('Reason').fill('Instructions fixed');
  await resume.getByLabel('Discard the held calls').check();
  await screenshot(page, 'kill-switch-resume');
  await resume.getByRole('button', { name: 'Resume MCP access' }).click();
  await banner.waitFor({ state: 'detached' });
  expect(await refusal()).toBeNull();
  const pauses = await stack.rest<{ items: Pause[] }>('GET', '/pauses');
  expect(pauses.body.items[0]).toMatchObject({ queued: 'discarded', resume_reason: 'Instructions fixed' });
  expect(dialogs).toEqual([]);
  await owner.close();
});

it('an owner pauses the whole organization from the overview and a connection from its card', async () => {
  const owner = await newContext(browser, stack.dashboardUrl);
  const page = await owner.newPage();
  const dialogs = watchDialogs(page);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('button', { name: /^Pause MCP access of the organization/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Pause MCP access of the organization/ });
  await dialog.getByLabel('Reason').fill(MARKUP);
  await dialog.getByRole('button', { name: 'Pause MCP access' }).click();
  const banner = page.getByRole('region', { name: 'Paused MCP access' });
  await banner.getByText(/^MCP access of the organization .* is paused$/).waitFor();
  expect(await banner.textContent()).toContain(`“${MARKUP}”`);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await refusal()).toContain('Incident 42');

  await page.getByRole('link', { name: 'Connections' }).click();
  await page.getByRole('button', { name: 'Pause MCP access of the connection “Sandbox workspace”' }).click();
  const connection = page.getByRole('dialog', {
    name: 'Pause MCP access of the connection “Sandbox workspace”?',
  });
  await connection.getByLabel('Reason').fill('Token rotation');
  await connection.getByRole('button', { name: 'Pause MCP access' }).click();
  await eventually(
    () => banner.getByTestId('pause-notice').count(),
    (n) => n === 2,
    'two pauses in the banner',
  );
  const active = await stack.rest<{ items: { scope: string; target: { id: string } }[] }>(
    'GET',
    '/pauses?active=true',
  );
  expect(active.body.items.map((p) => p.scope).sort()).toEqual(['connection', 'organization']);
  expect(active.body.items.find((p) => p.scope === 'connection')?.target.id).toBe(connectionId);
  expect(dialogs).toEqual([]);
  await owner.close();
});
