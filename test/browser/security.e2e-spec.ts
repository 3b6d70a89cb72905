import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, signIn } from '../support/browser';
import { connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';

/** Collects every violation the browser reports, from the first script of each document on. */
const COLLECT_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
  });
`;
const VIOLATIONS = 'window.cspViolations';

const PAGES = [
  '/',
  '/connections',
  '/servers',
  '/servers/new',
  'server',
  '/audit',
  '/queue',
  '/users',
  '/teams',
  '/api-tokens',
  '/connected-agents',
  '/settings',
];

describe('the dashboard in Chromium under its Content-Security-Policy', () => {
  const stack = new Stack('postgres', { sandbox: true, dashboard: true, worker: false });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let serverId: string;

  beforeAll(async () => {
    await stack.start();
    const connection = await connectSandbox(stack);
    serverId = (await createServer(stack, connection, { workspace_id: (await sandboxIds(stack)).acme })).id;
    browser = await launchBrowser();
    context = await newContext(browser, stack.dashboardUrl);
    await context.addInitScript(COLLECT_VIOLATIONS);
    page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stack.stop();
  }, 60_000);

  it('loads every page with a fresh nonce and without a single violation', async () => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        errors.push(message.text());
    });
    const first = await page.goto('/');
    const policy = first?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const again = await page.goto('/');
    expect(again?.headers()['content-security-policy']).not.toBe(policy);

    const seen: Record<string, string[]> = {};
    const visitor = await newContext(browser, stack.dashboardUrl);
    await visitor.addInitScript(COLLECT_VIOLATIONS);
    const signInPage = await visitor.newPage();
    await signInPage.goto('/login', { waitUntil: 'networkidle' });
    await signInPage.getByRole('button', { name: 'Sign in' }).waitFor();
    seen['/login'] = (await signInPage.evaluate(VIOLATIONS)) as string[];
    await visitor.close();
    for (const entry of PAGES) {
      const path = entry === 'server' ? `/servers/${serverId}` : entry;
      await page.goto(path, { waitUntil: 'networkidle' });
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      seen[path] = (await page.evaluate(VIOLATIONS)) as string[];
    }
    expect(Object.entries(seen).filter(([, violations]) => violations.length > 0)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('blocks script that text shown on a page would smuggle in', async () => {
    await page.goto('/settings', { waitUntil: 'networkidle' });
    // What an XSS through untrusted text looks like: markup with an inline handler, which carries no nonce.
    const ran = await page.evaluate(`(async () => {
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="/no-such-image.png" onerror="window.injected = true">';
      document.body.append(holder);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return window.injected === true;
    })()`);
    expect(ran).toBe(false);
    expect(await page.evaluate(VIOLATIONS)).toEqual([expect.stringMatching(/^script-src/)]);
  });

  it('asks the owner to confirm, naming what will be erased, before shortening the audit retention', async () => {
    await page.goto('/settings');
    const days = page.getByLabel('Keep audit events for (days)');
    await days.fill('60');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Shorten audit retention to 60 days?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/older than 60 days/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(
      (await stack.rest<{ audit_retention_days: number }>('GET', '/settings')).body.audit_retention_days,
    ).toBe(365);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByRole('button', { name: 'Keep only 60 days' }).click();
    await page.getByText('Audit retention saved').waitFor();
    expect(
      (await stack.rest<{ audit_retention_days: number }>('GET', '/settings')).body.audit_retention_days,
    ).toBe(60);
  });
});
