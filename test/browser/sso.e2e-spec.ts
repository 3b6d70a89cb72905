import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeViolations, violations } from '../support/axe';
import { launchBrowser, newContext, screenshot, signIn } from '../support/browser';
import { TestIdp } from '../support/oidc-idp';
import { ADMIN, Stack } from '../support/stack';

const CLIENT = { clientId: 'gateway-console', clientSecret: 'browser-client-secret-0123456789' };
const NINA = { email: 'nina@acme.test', name: 'Nina Novak' };

let stack: Stack;
let idp: TestIdp;
let browser: Browser;
let support: string;
const contexts: BrowserContext[] = [];

async function freshPage(): Promise<Page> {
  const context = await newContext(browser, stack.dashboardUrl);
  contexts.push(context);
  return context.newPage();
}

/** The whole round trip a person makes: the gateway's button, the IdP's login page, back in the console. */
async function signInThroughIdp(page: Page, email: string, path = '/'): Promise<void> {
  await page.goto(path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`);
  await page.getByRole('link', { name: 'Sign in with Acme IdP' }).click();
  await page.waitForURL(`${idp.issuer}/**`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(idp.account(email).password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.dashboardUrl}/**`);
}

/** The session's user, as the console asks the api for it. */
async function whoAmI(page: Page): Promise<{ user: { email: string; role: string } }> {
  return (await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()))) as {
    user: { email: string; role: string };
  };
}

beforeAll(async () => {
  stack = new Stack('postgres', { dashboard: true, worker: false });
  await stack.start();
  idp = await TestIdp.start();
  idp.addClient({ ...CLIENT, redirectUris: [`${stack.dashboardUrl}/api/v1/auth/sso/callback`] });
  support = (await stack.rest<{ id: string }>('POST', '/teams', { name: 'Support' })).body.id;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await idp?.stop();
  await stack?.stop();
});

describe('single sign-on in the console', () => {
  let owner: Page;

  it('an owner sets up the provider and the group mapping in Settings, which pass axe', async () => {
    owner = await freshPage();
    await signIn(owner, ADMIN.email, ADMIN.password);
    await owner.goto('/settings');
    const card = owner.getByRole('region', { name: 'Single sign-on settings' });
    await card.getByText(`${stack.dashboardUrl}/api/v1/auth/sso/callback`).waitFor();

    await owner.getByLabel('Issuer URL').fill(idp.issuer);
    await owner.getByLabel('Client ID').fill(CLIENT.clientId);
    await owner.getByLabel('Client secret').fill(CLIENT.clientSecret);
    await owner.getByLabel('Button label').fill('Acme IdP');
    await owner.getByLabel('Scopes').fill('openid email profile groups');
    await owner.getByRole('button', { name: 'Save single sign-on' }).click();
    await owner.getByText('A secret is stored (never shown). Leave empty to keep it.').waitFor();
    expect(await owner.getByLabel('Client secret').inputValue()).toBe('');

    await owner.getByRole('button', { name: 'Add rule' }).click();
    await owner.getByLabel('Group of rule 1').fill('gw-admins');
    await owner.getByLabel('Role of rule 1').selectOption('admin');
    await owner.getByRole('button', { name: 'Add rule' }).click();
    await owner.getByLabel('Group of rule 2').fill('support');
    await owner.getByLabel('Role of rule 2').selectOption('member');
    await owner.getByRole('group', { name: 'Teams of rule 2' }).getByLabel('Support').check();
    await owner.getByRole('button', { name: 'Save mapping' }).click();
    await owner.getByText('Group mapping saved').waitFor();

    const saved = await stack.rest<{ group_rules: unknown[] }>('GET', '/settings/sso');
    expect(saved.body.group_rules).toEqual([
      { group: 'gw-admins', role: 'admin', team_ids: [] },
      { group: 'support', role: 'member', team_ids: [support] },
    ]);
    await owner.waitForLoadState('networkidle').catch(() => undefined);
    expect(describeViolations(await violations(owner))).toEqual([]);
    await screenshot(owner, 'settings-sso');
  });

  it('a person signs in through the IdP’s login page and lands in the console with the mapped role', async () => {
    idp.addAccount({ ...NINA, groups: ['gw-admins'] });
    const page = await freshPage();
    await page.goto('/login');
    expect(describeViolations(await violations(page))).toEqual([]);
    await signInThroughIdp(page, NINA.email, '/users');
    await page.getByRole('table', { name: 'Users' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/users');
    const row = page.getByRole('row').filter({ hasText: NINA.email });
    await row.getByText('SSO', { exact: true }).waitFor();
    const me = await whoAmI(page);
    expect(me.user).toMatchObject({ email: NINA.email, role: 'admin' });
  });

  it('after the IdP removes her group, her next sign-in gives the new role', async () => {
    idp.setGroups(NINA.email, ['support']);
    const page = await freshPage();
    await signInThroughIdp(page, NINA.email);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const me = await whoAmI(page);
    expect(me.user).toMatchObject({ email: NINA.email, role: 'member' });
    const users = await stack.rest<{ email: string; team_ids: string[] }[]>('GET', '/users');
    expect(users.body.find((u) => u.email === NINA.email)?.team_ids).toEqual([support]);
  });

  it('a person in no mapped group is told they are not assigned to this gateway', async () => {
    idp.addAccount({ email: 'omar@acme.test', groups: ['marketing'] });
    const page = await freshPage();
    await signInThroughIdp(page, 'omar@acme.test');
    await page
      .getByRole('alert')
      .getByText(/Your account is not assigned to this gateway/)
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('with passwords for break-glass owners only, the password form hides behind a link', async () => {
    const users = await stack.rest<{ id: string; email: string }[]>('GET', '/users');
    const ownerId = users.body.find((u) => u.email === ADMIN.email)?.id;
    const res = await stack.rest('PUT', '/settings/sso/password-sign-in', {
      mode: 'break_glass_owners',
      break_glass_user_ids: [ownerId],
    });
    expect(res.status).toBe(200);

    const page = await freshPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Acme IdP' }).waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    expect(describeViolations(await violations(page))).toEqual([]);
    await screenshot(page, 'sign-in-sso');
    await page.getByRole('button', { name: 'Break-glass sign-in' }).click();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await stack.rest('PUT', '/settings/sso/password-sign-in', { mode: 'everyone', break_glass_user_ids: [] });
  });
});
