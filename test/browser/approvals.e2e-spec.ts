import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeViolations, violations } from '../support/axe';
import {
  eventually,
  expectText,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  watchDialogs,
} from '../support/browser';
import { callTool, connectClient, connectSandbox, type Envelope } from '../support/mcp';
import { sandboxListId } from '../support/sandbox-data';
import { ADMIN, Stack, type StackMode } from '../support/stack';

/** A second admin: the person who decides what the owner's server asks. */
const APPROVER = {
  email: 'dana@example.com',
  name: 'Dana Approver',
  role: 'admin',
  password: 'a-long-enough-password',
};
const HOSTILE = '<img src=x onerror=alert(1)>';

interface ApprovalIssue {
  code: string;
  message: string;
  approval_id?: string;
  approval_url?: string;
}

interface ApprovalView {
  approval_id: string;
  state: string;
  result: { ok: boolean; result: unknown; issues: unknown[] } | null;
  comment: string | null;
  decided_by: { email: string } | null;
}

// The issue's "done when", in a real browser: an agent's delete waits, a different person approves it in the
// console, it runs once through the queue, and the agent reads the result; a rejection reaches the agent with its
// comment; the person whose server asked cannot approve it. On the embedded default and on PostgreSQL + Redis.
describe.each(['embedded', 'postgres+redis'] as StackMode[])(
  'approving an agent’s delete in the console (%s)',
  (mode) => {
    let stack: Stack;
    let browser: Browser;
    let owner: { context: BrowserContext; page: Page };
    let approver: { context: BrowserContext; page: Page };
    let agent: Client;
    let listId: string;
    let approvalId: string;
    let task: { id: string; name: string };

    /** The sandbox's own API, as the person who owns the workspace: test setup and what ClickUp really holds. */
    async function sandbox<T>(
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; body: T }> {
      const res = await fetch(`${stack.sandboxUrl}${path}`, {
        method,
        headers: { authorization: 'pk_sandbox_owner', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    }

    /** A task with two subtasks and three comments: what the approver should be told a delete takes with it. */
    async function seedTask(name: string): Promise<{ id: string; name: string }> {
      const created = await sandbox<{ id: string }>('POST', `/api/v2/list/${listId}/task`, { name });
      for (const sub of ['Draft', 'Review'])
        await sandbox('POST', `/api/v2/list/${listId}/task`, {
          name: `${sub} of ${name}`,
          parent: created.body.id,
        });
      for (const text of ['first', 'second', 'third'])
        await sandbox('POST', `/api/v2/task/${created.body.id}/comment`, { comment_text: `${text} note` });
      return { id: created.body.id, name };
    }

    async function signedIn(user: { email: string; password: string }) {
      const context = await newContext(browser, stack.dashboardUrl);
      const page = await context.newPage();
      await signIn(page, user.email, user.password);
      return { context, page };
    }

    async function requestDelete(taskId: string): Promise<ApprovalIssue> {
      const answer = (await callTool(agent, 'task_delete', { task_id: taskId })) as Envelope & {
        issues: ApprovalIssue[];
      };
      expect(answer.ok).toBe(false);
      expect(answer.issues[0]).toMatchObject({ code: 'APPROVAL_REQUIRED' });
      return answer.issues[0];
    }

    const approvalGet = (id: string) => callTool<ApprovalView>(agent, 'approval_get', { approval_id: id });
    /** Whether the sandbox still holds the task; like ClickUp, it answers a task it does not have as OAUTH_027. */
    const taskExists = async (id: string): Promise<boolean> => {
      const res = await sandbox<{ ECODE?: string }>('GET', `/api/v2/task/${id}`);
      if (res.status === 200) return true;
      if (res.status === 401 && res.body.ECODE === 'OAUTH_027') return false;
      throw new Error(`the sandbox answered ${res.status} ${JSON.stringify(res.body)}`);
    };

    beforeAll(async () => {
      stack = new Stack(mode, { sandbox: true, dashboard: true });
      await stack.start();
      expect((await stack.rest('POST', '/users', APPROVER)).status).toBe(201);
      await connectSandbox(stack);
      listId = await sandboxListId(stack, 'Bug Backlog');
      browser = await launchBrowser();
      owner = await signedIn(ADMIN);
      approver = await signedIn(APPROVER);
    }, 180_000);

    afterAll(async () => {
      await agent?.close().catch(() => undefined);
      await browser?.close();
      await stack?.stop();
    }, 60_000);

    it('an owner creates a server whose deletes wait for approval, in the wizard', async () => {
      const { page } = owner;
      await page.goto('/servers/new');
      await page.getByLabel('Server name').fill('Cleanup agent');
      await page.getByRole('radio', { name: /Sandbox workspace/ }).check();
      const next = () => page.getByRole('button', { name: 'Next' }).click();
      for (const step of ['Workspace', 'Spaces', 'Methods', 'Tool groups', 'Access', 'Approval']) {
        await next();
        await page.getByRole('heading', { name: new RegExp(`: ${step}$`) }).waitFor();
      }
      await page.getByRole('radio', { name: /Destructive tools/ }).check();
      await expectText(page.getByTestId('approval-policy'), 'Every delete waits: ');
      expect(describeViolations(await violations(page))).toEqual([]);
      if (mode === 'postgres+redis') await screenshot(page, 'server-wizard-approval');
      await next();
      await expectText(page.getByLabel('Summary'), 'Deletes wait for owners and admins');
      await page.getByRole('button', { name: 'Create server' }).click();
      await page.getByRole('heading', { name: /Cleanup agent is ready/ }).waitFor();
      const url = await page.getByTestId('mcp-url').inputValue();

      const servers = await stack.rest<{ id: string; name: string; config: { approval?: unknown } }[]>(
        'GET',
        '/mcp-servers',
      );
      const server = servers.body.find((s) => s.name === 'Cleanup agent');
      expect(server?.config.approval).toMatchObject({ mode: 'destructive' });
      agent = await connectClient(url);
      const { tools } = await agent.listTools();
      expect(tools.find((t) => t.name === 'task_delete')?.description).toMatch(/approval/i);
    });

    it('the agent’s task_delete does not run: it answers APPROVAL_REQUIRED with the approval page', async () => {
      // Markup in a name ClickUp holds is dropped from the preview; the rest of the name is what the approver reads.
      task = await seedTask(`Old release notes ${mode} ${HOSTILE}`);
      const issue = await requestDelete(task.id);
      approvalId = issue.approval_id as string;
      expect(approvalId).toMatch(/^[0-9a-f-]{36}$/);
      expect(issue.approval_url).toBe(`${stack.dashboardUrl}/approvals/${approvalId}`);
      expect(await taskExists(task.id)).toBe(true);
      expect((await approvalGet(approvalId)).result).toMatchObject({ state: 'pending', result: null });
    });

    it('the server’s creator sees the request but may not approve a call of its own server', async () => {
      const { page } = owner;
      await page.goto(new URL(`/approvals/${approvalId}`, stack.dashboardUrl).pathname);
      await page.getByTestId('effect-preview').waitFor();
      await page.getByText('You cannot decide this request').waitFor();
      expect(await page.getByRole('button', { name: 'Approve', exact: true }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Reject', exact: true }).isDisabled()).toBe(true);
    });

    it('a different admin sees it waiting in the navigation and the inbox, with what the delete takes with it', async () => {
      const { page } = approver;
      const dialogs = watchDialogs(page);
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await eventually(
        () => nav.getByTestId('approvals-nav-count').first().textContent(),
        (text) => (text ?? '').startsWith('1'),
        'the count of one request waiting',
      );
      await nav.getByRole('link', { name: /Approvals/ }).click();
      const row = page.getByTestId('approval-row').filter({ hasText: 'task_delete' });
      await row.waitFor();
      await expectText(row, 'Secret URL of Cleanup agent');
      await expectText(row, 'Yours to decide');
      await expectText(row.getByTestId('approval-summary'), `"Old release notes ${mode}"`);
      expect(describeViolations(await violations(page))).toEqual([]);
      if (mode === 'postgres+redis') await screenshot(page, 'approvals');

      await row.getByRole('link', { name: /task_delete/ }).click();
      await page.waitForURL(`**/approvals/${approvalId}`);
      const preview = page.getByTestId('effect-preview');
      await expectText(preview.getByTestId('effect-target'), `Old release notes ${mode}`);
      await expectText(preview.getByTestId('effect-counts'), '2 subtasks');
      await expectText(preview.getByTestId('effect-counts'), '3 comments');
      await expectText(page.getByTestId('approval-arguments'), task.id);
      await expectText(page.getByTestId('approval-countdown'), 'Expires in');
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(describeViolations(await violations(page))).toEqual([]);
      if (mode === 'postgres+redis') await screenshot(page, 'approval-detail');
      expect(dialogs).toEqual([]);
    });

    it('approves with a comment: the delete runs once through the queue and the agent reads its result', async () => {
      const { page } = approver;
      const before = await sandbox<{ requests: { seq: number }[] }>('GET', '/_sandbox/requests');
      const since = Math.max(0, ...before.body.requests.map((r) => r.seq));
      await page.getByLabel('Comment').fill('Checked with the release team: obsolete.');
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      // The agent, polling approval_get as told, sees the call done within a few seconds (0.4 s on PostgreSQL +
      // Redis, 1.5 s embedded, on a 2-core machine, click to answer).
      const seen = await eventually(
        () => approvalGet(approvalId),
        (answer) => answer.result?.state === 'executed',
        'approval_get to answer executed',
        5_000,
      );
      expect(seen.result?.result).toMatchObject({ ok: true });
      await page.getByRole('heading', { level: 1 }).getByText('Executed').waitFor();
      await expectText(page.getByTestId('approval-outcome'), 'Succeeded');
      await expectText(page.getByTestId('approval-decisions'), 'Checked with the release team: obsolete.');
      expect(seen.result?.decided_by).toEqual({ email: APPROVER.email });
      expect(await taskExists(task.id)).toBe(false);
      const after = await sandbox<{ requests: { method: string; path: string }[] }>(
        'GET',
        `/_sandbox/requests?since=${since}`,
      );
      const deletes = after.body.requests.filter(
        (r) => r.method === 'DELETE' && r.path.endsWith(`/task/${task.id}`),
      );
      expect(deletes).toHaveLength(1);
    });

    it('the audit trail links the approval to its rows and back', async () => {
      const { page } = approver;
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.waitForURL(/\/audit\?job_id=/);
      await page.getByTestId('audit-approval-trail').waitFor();
      const rows = page.getByTestId('audit-row');
      await rows.filter({ hasText: 'approval.approve' }).first().waitFor();
      await rows.filter({ hasText: 'task_delete' }).first().waitFor();
      await rows.filter({ hasText: 'approval.approve' }).first().getByTestId('audit-approval-link').click();
      await page.waitForURL(`**/approvals/${approvalId}`);
      await page.getByTestId('effect-preview').waitFor();
    });

    it('a rejection needs a comment, shown as text, and the agent reads it; nothing is deleted', async () => {
      const kept = await seedTask(`Roadmap ${mode}`);
      const issue = await requestDelete(kept.id);
      const { page } = approver;
      const dialogs = watchDialogs(page);
      await page.goto(`/approvals/${issue.approval_id}`);
      await page.getByRole('button', { name: 'Reject', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Say why you reject it' }).waitFor();
      const comment = `Still in use ${HOSTILE}: archive it instead.`;
      await page.getByLabel('Comment').fill(comment);
      await page.getByRole('button', { name: 'Reject', exact: true }).click();
      await page.getByRole('heading', { level: 1 }).getByText('Rejected').waitFor();
      // What a person or an agent typed is shown as written, never run as markup.
      await expectText(page.getByTestId('approval-decisions'), comment);
      expect(await page.locator('img[src="x"]').count()).toBe(0);

      const seen = await eventually(
        () => approvalGet(issue.approval_id as string),
        (answer) => answer.result?.state === 'rejected',
        'approval_get to answer rejected',
        5_000,
      );
      expect(seen.result?.comment).toBe(comment);
      expect(await taskExists(kept.id)).toBe(true);
      expect(dialogs).toEqual([]);
    });
  },
);
