import { freePort, TestIdp, waitFor } from '@gw/testing';
import { SsoAccounts } from '../src/sso/sso-accounts.service';
import { ApiUnderTest, DASHBOARD_URL, OWNER, STORAGES } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { finishSso, signInWithSso, startSso } from './support/sso-browser';

interface SsoSettings {
  source: string;
  issuer_url: string | null;
  client_id: string | null;
  client_secret_set: boolean;
  effective_button_label: string | null;
  redirect_uri: string;
  group_rules: { group: string; role: string | null; team_ids: string[] }[];
  password_sign_in: string;
  break_glass_user_ids: string[];
}
interface Me {
  user: { id: string; email: string; role: string };
}
interface User {
  id: string;
  email: string;
  role: string;
  team_ids: string[];
  sso: boolean;
}
interface ErrorBody {
  message: string | string[];
}

const CLIENT = { clientId: 'gateway-console', clientSecret: 'console-client-secret-0123456789' };
const CALLBACK = `${DASHBOARD_URL}/api/v1/auth/sso/callback`;
const PASSWORD = 'a-long-enough-password-42';

let idp: TestIdp;

beforeAll(async () => {
  idp = await TestIdp.start();
  idp.addClient({ ...CLIENT, redirectUris: [CALLBACK] });
});

afterAll(async () => {
  await idp?.stop();
});

describe.each(STORAGES)('console single sign-on (%s)', (storage) => {
  let api: ApiUnderTest;
  let owner: ApiClient;
  let ownerId: string;
  let supportTeam: string;
  let salesTeam: string;
  /** Unique per storage: both runs share one IdP. */
  const email = (name: string) => `${name}.${storage === 'embedded' ? 'embedded' : 'postgres'}@acme.test`;

  const auditRows = (action: string) =>
    api.query<{
      actor: string;
      outcome: string;
      arguments: Record<string, unknown> | null;
      actor_email: string;
    }>('SELECT actor, outcome, arguments, actor_email FROM audit_events WHERE action = $1 ORDER BY seq', [
      action,
    ]);
  const securityEvents = async (reason: string) => {
    const [row] = await api.query<{ count: string | null }>(
      'SELECT SUM(count)::text AS count FROM security_events WHERE reason = $1',
      [reason],
    );
    return Number(row.count ?? 0);
  };
  const me = async (client: ApiClient | null) =>
    (await (client as ApiClient).get<Me>('/api/v1/auth/me')).body.user;
  const userByEmail = async (address: string) =>
    (await owner.get<User[]>('/api/v1/users')).body.find((u) => u.email === address);
  const setRules = (rules: SsoSettings['group_rules']) =>
    owner.put<SsoSettings>('/api/v1/settings/sso/group-rules', { rules });

  beforeAll(async () => {
    api = await ApiUnderTest.start(null, {}, { storage });
    owner = await api.signIn();
    ownerId = (await me(owner)).id;
    supportTeam = (await owner.post<{ id: string }>('/api/v1/teams', { name: 'Support' })).body.id;
    salesTeam = (await owner.post<{ id: string }>('/api/v1/teams', { name: 'Sales' })).body.id;
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  describe('configuration', () => {
    it('offers nothing until a provider is configured', async () => {
      expect((await api.anonymous.get('/api/v1/auth/sso')).body).toEqual({
        enabled: false,
        button_label: null,
        password_sign_in: 'everyone',
      });
      const res = await api.anonymous.raw('GET', '/api/v1/auth/sso/start');
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`${DASHBOARD_URL}/login?sso_error=not_configured`);
    });

    it('refuses an http issuer off this machine and an issuer where no provider answers', async () => {
      const http = await owner.put<ErrorBody>('/api/v1/settings/sso', {
        issuer_url: 'http://idp.example.com',
        ...credentials(),
      });
      expect(http.status).toBe(400);
      expect(http.body.message).toEqual([
        expect.stringMatching(/^issuer_url must use https \(plain http is accepted only/),
      ]);

      const nobody = `http://127.0.0.1:${await freePort()}`;
      const down = await owner.put<ErrorBody>('/api/v1/settings/sso', {
        issuer_url: nobody,
        ...credentials(),
      });
      expect(down.status).toBe(400);
      expect(String(down.body.message)).toContain(
        `no OpenID provider answered at ${nobody}/.well-known/openid-configuration`,
      );

      const partial = await owner.put<ErrorBody>('/api/v1/settings/sso', { issuer_url: idp.issuer });
      expect(partial.status).toBe(400);
      expect(partial.body.message).toEqual(['issuer_url, client_id and client_secret are all needed']);
    });

    it('lets an owner save the provider; the client secret is never returned, logged in the audit or stored in clear', async () => {
      const admin = await person('admin');
      expect(
        (await admin.client.put('/api/v1/settings/sso', { issuer_url: idp.issuer, ...credentials() })).status,
      ).toBe(403);

      const saved = await owner.put<SsoSettings>('/api/v1/settings/sso', {
        issuer_url: idp.issuer,
        ...credentials(),
        scopes: 'openid email profile groups',
        button_label: 'Acme IdP',
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        source: 'settings',
        issuer_url: idp.issuer,
        client_id: CLIENT.clientId,
        client_secret_set: true,
        effective_button_label: 'Acme IdP',
        redirect_uri: CALLBACK,
      });
      const read = await admin.client.get<SsoSettings>('/api/v1/settings/sso');
      for (const text of [saved.text, read.text]) expect(text).not.toContain(CLIENT.clientSecret);
      const rows = await api.query<{ row: string }>('SELECT row_to_json(s)::text AS row FROM sso_settings s');
      expect(rows[0].row).not.toContain(CLIENT.clientSecret);
      const audit = await auditRows('settings.sso_update');
      expect(JSON.stringify(audit)).not.toContain(CLIENT.clientSecret);
      expect(audit.at(-1)).toMatchObject({ actor: `user:${ownerId}`, outcome: 'ok' });

      // A later change without the secret keeps it.
      expect(
        (await owner.put<SsoSettings>('/api/v1/settings/sso', { client_id: CLIENT.clientId })).status,
      ).toBe(200);
      expect((await api.anonymous.get('/api/v1/auth/sso')).body).toEqual({
        enabled: true,
        button_label: 'Acme IdP',
        password_sign_in: 'everyone',
      });
    });

    it('checks the group mapping: real teams, no blank or repeated groups, owner rules for owners only', async () => {
      const bad = await setRules([
        { group: 'a', role: null, team_ids: [] },
        { group: 'a', role: 'member', team_ids: ['6f1c1f39-6ad0-4a38-9d55-7d6f4bd0a111'] },
      ]);
      expect(bad.status).toBe(400);
      expect((bad.body as unknown as ErrorBody).message).toEqual([
        'rules.0 gives neither a role nor a team',
        'rules.1.group "a" appears twice',
        'no such team: 6f1c1f39-6ad0-4a38-9d55-7d6f4bd0a111',
      ]);
      const admin = await person('admin');
      const ownerRule = await admin.client.put<ErrorBody>('/api/v1/settings/sso/group-rules', {
        rules: [{ group: 'gw-owners', role: 'owner', team_ids: [] }],
      });
      expect(ownerRule.status).toBe(403);
      const ok = await admin.client.put<SsoSettings>('/api/v1/settings/sso/group-rules', {
        rules: [{ group: 'gw-admins', role: 'admin', team_ids: [] }],
      });
      expect(ok.status).toBe(200);
      expect(ok.body.group_rules).toEqual([{ group: 'gw-admins', role: 'admin', team_ids: [] }]);
    });
  });

  describe('signing in', () => {
    beforeAll(async () => {
      const res = await setRules([
        { group: 'gw-admins', role: 'admin', team_ids: [] },
        { group: 'support', role: null, team_ids: [supportTeam] },
        { group: 'sales', role: 'member', team_ids: [salesTeam] },
        { group: 'auditors', role: 'auditor', team_ids: [] },
      ]);
      expect(res.status).toBe(200);
    });

    it('creates the account at the first sign-in, with the mapped role and teams, and lands on `next`', async () => {
      idp.addAccount({ email: email('ann'), name: 'Ann Lee', groups: ['gw-admins', 'support'] });
      const signed = await signInWithSso(api.baseUrl, idp, email('ann'), '/servers?tab=mine');
      expect(signed.error).toBeNull();
      expect(signed.landing.href).toBe(`${DASHBOARD_URL}/servers?tab=mine`);
      expect(await me(signed.client)).toMatchObject({ email: email('ann'), role: 'admin' });
      expect(await userByEmail(email('ann'))).toMatchObject({
        role: 'admin',
        team_ids: [supportTeam],
        sso: true,
      });
      // The session works like a password one, CSRF included.
      expect(
        (await (signed.client as ApiClient).post('/api/v1/teams', { name: `Ann ${storage}` })).status,
      ).toBe(201);

      const rows = await auditRows('auth.sso_login');
      expect(rows.at(-1)).toMatchObject({
        outcome: 'ok',
        actor_email: email('ann'),
        arguments: { issuer: idp.issuer, account: 'created', role: 'admin', team_ids: [supportTeam] },
      });
    });

    it('re-applies the mapping at every sign-in: a group removed at the IdP takes its role and team away', async () => {
      idp.setGroups(email('ann'), ['support']);
      expect(await me((await signInWithSso(api.baseUrl, idp, email('ann'))).client)).toMatchObject({
        role: 'member',
      });
      expect((await userByEmail(email('ann')))?.team_ids).toEqual([supportTeam]);

      idp.setGroups(email('ann'), ['auditors']);
      expect(await me((await signInWithSso(api.baseUrl, idp, email('ann'))).client)).toMatchObject({
        role: 'auditor',
      });
      expect((await userByEmail(email('ann')))?.team_ids).toEqual([]);

      // The first matching rule that names a role decides it: "sales" (member) comes before "auditors".
      idp.setGroups(email('ann'), ['auditors', 'sales']);
      expect(await me((await signInWithSso(api.baseUrl, idp, email('ann'))).client)).toMatchObject({
        role: 'member',
      });
      expect((await userByEmail(email('ann')))?.team_ids).toEqual([salesTeam]);
    });

    it('leaves teams no rule names alone', async () => {
      const other = (await owner.post<{ id: string }>('/api/v1/teams', { name: `Hand-made ${storage}` })).body
        .id;
      const ann = await userByEmail(email('ann'));
      await owner.post(`/api/v1/teams/${other}/members`, { user_id: ann?.id });
      await signInWithSso(api.baseUrl, idp, email('ann'));
      expect((await userByEmail(email('ann')))?.team_ids.sort()).toEqual([salesTeam, other].sort());
    });

    it('refuses a person in no mapped group, with a security event, and creates no account', async () => {
      const before = await securityEvents('sso_not_assigned');
      idp.addAccount({ email: email('bob'), groups: ['marketing'] });
      const refused = await signInWithSso(api.baseUrl, idp, email('bob'));
      expect(refused).toMatchObject({ error: 'not_assigned', client: null });
      expect(refused.landing.pathname).toBe('/login');
      expect(await userByEmail(email('bob'))).toBeUndefined();
      await waitFor(async () => (await securityEvents('sso_not_assigned')) > before, {
        what: 'security event',
      });
    });

    it('refuses a known person removed from every mapped group, in the audit log', async () => {
      idp.setGroups(email('ann'), []);
      expect((await signInWithSso(api.baseUrl, idp, email('ann'))).error).toBe('not_assigned');
      expect((await auditRows('auth.sso_login')).at(-1)).toMatchObject({
        outcome: 'denied',
        actor_email: email('ann'),
        arguments: { reason: 'not_assigned' },
      });
      idp.setGroups(email('ann'), ['sales']);
    });

    it('links an existing password user by verified email, then finds it by subject even after an email change', async () => {
      const local = await person('member', email('carol'));
      idp.addAccount({ email: email('carol'), groups: ['gw-admins'] });
      const signed = await signInWithSso(api.baseUrl, idp, email('carol'));
      expect(await me(signed.client)).toMatchObject({ id: local.id, role: 'admin' });
      expect((await auditRows('auth.sso_login')).at(-1)?.arguments).toMatchObject({ account: 'linked' });

      idp.account(email('carol')).email = email('carol.new');
      const again = await signInWithSso(api.baseUrl, idp, email('carol.new'));
      expect((await me(again.client)).id).toBe(local.id);
      expect((await auditRows('auth.sso_login')).at(-1)?.arguments).toMatchObject({ account: 'signed_in' });
    });

    it('never links by an email the IdP did not verify', async () => {
      const local = await person('member', email('dave'));
      idp.addAccount({ email: email('dave'), groups: ['gw-admins'], emailVerified: false });
      const refused = await signInWithSso(api.baseUrl, idp, email('dave'));
      expect(refused.error).toBe('email_missing');
      expect(await userByEmail(email('dave'))).toMatchObject({ id: local.id, role: 'member', sso: false });
    });

    it('refuses a user disabled in the console, in the audit log', async () => {
      const ann = await userByEmail(email('ann'));
      expect((await owner.patch(`/api/v1/users/${ann?.id}`, { disabled: true })).status).toBe(200);
      expect((await signInWithSso(api.baseUrl, idp, email('ann'))).error).toBe('disabled');
      expect((await auditRows('auth.sso_login')).at(-1)).toMatchObject({
        outcome: 'denied',
        arguments: { reason: 'disabled' },
      });
      await owner.patch(`/api/v1/users/${ann?.id}`, { disabled: false });
    });

    it('never demotes the last active owner', async () => {
      if (!idp.hasAccount(OWNER.email)) idp.addAccount({ email: OWNER.email });
      idp.setGroups(OWNER.email, ['gw-admins']);
      const signed = await signInWithSso(api.baseUrl, idp, OWNER.email);
      expect(await me(signed.client)).toMatchObject({ id: ownerId, role: 'owner' });
      expect((await auditRows('auth.sso_login')).at(-1)?.arguments).toMatchObject({
        role: 'owner',
        kept_last_owner: true,
      });
    });
  });

  describe('a forged, replayed or failed answer', () => {
    it('refuses a callback without the attempt cookie of the browser that started it', async () => {
      const started = await startSso(api.baseUrl);
      const callback = await idp.signIn(started.authorizationUrl, email('ann'));
      expect((await finishSso(api.baseUrl, callback, null)).error).toBe('attempt_missing');
      expect((await finishSso(api.baseUrl, callback, 'gw_sso_attempt=forged.value')).error).toBe(
        'attempt_missing',
      );
    });

    it('refuses an answer that belongs to another sign-in (state mismatch)', async () => {
      const mine = await startSso(api.baseUrl);
      const theirs = await startSso(api.baseUrl);
      const callback = await idp.signIn(theirs.authorizationUrl, email('ann'));
      expect((await finishSso(api.baseUrl, callback, mine.cookie)).error).toBe('state_mismatch');
    });

    it('refuses the same answer twice', async () => {
      const started = await startSso(api.baseUrl);
      const callback = await idp.signIn(started.authorizationUrl, email('ann'));
      expect((await finishSso(api.baseUrl, callback, started.cookie)).client).not.toBeNull();
      const replay = await finishSso(api.baseUrl, callback, started.cookie);
      expect(replay).toMatchObject({ error: 'replayed', client: null });
    });

    it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
      const started = await startSso(api.baseUrl);
      const tampered = new URL(started.authorizationUrl);
      tampered.searchParams.set('nonce', 'a-nonce-of-the-attackers-choice');
      const callback = await idp.signIn(tampered, email('ann'));
      expect((await finishSso(api.baseUrl, callback, started.cookie)).error).toBe('token_invalid');
    });

    it('explains a sign-in the person cancelled at the IdP', async () => {
      const started = await startSso(api.baseUrl);
      const callback = await idp.cancel(started.authorizationUrl);
      expect(callback.searchParams.get('error')).toBe('access_denied');
      expect((await finishSso(api.baseUrl, callback, started.cookie)).error).toBe('idp_refused');
    });

    it('answers a clear error, not a 500, when the IdP is down', async () => {
      const before = await securityEvents('sso_failed');
      const started = await startSso(api.baseUrl);
      const callback = await idp.signIn(started.authorizationUrl, email('ann'));
      await idp.pause();
      try {
        expect((await finishSso(api.baseUrl, callback, started.cookie)).error).toBe('idp_unavailable');
      } finally {
        await idp.resume();
      }
      await waitFor(async () => (await securityEvents('sso_failed')) > before, { what: 'security events' });
    });
  });

  describe('password sign-in limited to break-glass owners', () => {
    let member: { id: string; email: string; client: ApiClient };
    let secondOwner: { id: string; email: string; client: ApiClient };

    beforeAll(async () => {
      member = await person('member');
      secondOwner = await person('owner');
    });

    it('needs at least one active owner listed', async () => {
      const none = await owner.put<ErrorBody>('/api/v1/settings/sso/password-sign-in', {
        mode: 'break_glass_owners',
        break_glass_user_ids: [],
      });
      expect(none.status).toBe(400);
      expect(String(none.body.message)).toMatch(/at least one break-glass owner/);
      const notOwner = await owner.put<ErrorBody>('/api/v1/settings/sso/password-sign-in', {
        mode: 'break_glass_owners',
        break_glass_user_ids: [member.id],
      });
      expect(notOwner.status).toBe(400);
      expect(String(notOwner.body.message)).toContain('must be active owners');
    });

    it('refuses every password but the break-glass owners’, with the usual answer', async () => {
      const res = await owner.put<SsoSettings>('/api/v1/settings/sso/password-sign-in', {
        mode: 'break_glass_owners',
        break_glass_user_ids: [ownerId],
      });
      expect(res.status).toBe(200);
      expect((await api.anonymous.get('/api/v1/auth/sso')).body).toMatchObject({
        password_sign_in: 'break_glass_owners',
      });
      for (const who of [member.email, secondOwner.email]) {
        const refused = await api.anonymous.post<ErrorBody>('/api/v1/auth/login', {
          email: who,
          password: PASSWORD,
        });
        expect(refused.status).toBe(401);
        expect(refused.body.message).toBe('Wrong email or password');
      }
      expect((await api.signIn()).auth.kind).toBe('session');
      // Single sign-on still works for everyone mapped.
      expect((await signInWithSso(api.baseUrl, idp, email('ann'))).client).not.toBeNull();
      // Turning SSO off now would lock everyone else out.
      expect((await owner.delete('/api/v1/settings/sso')).status).toBe(409);
      // Nor can the only break-glass owner be demoted, by hand or by the group mapping.
      const demote = await secondOwner.client.patch<ErrorBody>(`/api/v1/users/${ownerId}`, { role: 'admin' });
      expect(demote.status).toBe(409);
      expect(demote.body.message).toMatch(/^This is the last break-glass owner/);
      const mapped = await signInWithSso(api.baseUrl, idp, OWNER.email);
      expect(await me(mapped.client)).toMatchObject({ id: ownerId, role: 'owner' });
    });

    it('lets password sign-in back for everyone', async () => {
      await owner.put('/api/v1/settings/sso/password-sign-in', {
        mode: 'everyone',
        break_glass_user_ids: [],
      });
      expect((await api.signIn(member.email, PASSWORD)).auth.kind).toBe('session');
    });
  });

  describe('stillActiveAtIdp', () => {
    it('is true for people who never used SSO, and follows the IdP for those who did', async () => {
      const accounts = api.app.get(SsoAccounts);
      const local = await person('member');
      expect(await accounts.stillActiveAtIdp(local.id)).toBe(true);

      idp.addAccount({ email: email('erin'), groups: ['sales'] });
      const erin = await me((await signInWithSso(api.baseUrl, idp, email('erin'))).client);
      expect(await accounts.stillActiveAtIdp(erin.id)).toBe(true);
      // Twice in a row: the rotated refresh token was kept.
      expect(await accounts.stillActiveAtIdp(erin.id)).toBe(true);

      idp.setGroups(email('erin'), ['marketing']);
      expect(await accounts.stillActiveAtIdp(erin.id)).toBe(false);
      idp.setGroups(email('erin'), ['sales']);
      expect(await accounts.stillActiveAtIdp(erin.id)).toBe(true);

      idp.disable(email('erin'));
      expect(await accounts.stillActiveAtIdp(erin.id)).toBe(false);
      expect(await signInWithSso(api.baseUrl, idp, email('erin')).catch((e: Error) => e.message)).toMatch(
        /This account is disabled/,
      );
    });

    it('answers from the last sign-in while the IdP is unreachable', async () => {
      const accounts = api.app.get(SsoAccounts);
      idp.addAccount({ email: email('fred'), groups: ['sales'] });
      const fred = await me((await signInWithSso(api.baseUrl, idp, email('fred'))).client);
      await idp.pause();
      try {
        expect(await accounts.stillActiveAtIdp(fred.id)).toBe(true);
        await api.query(
          `UPDATE sso_identities SET signed_in_at = now() - interval '13 hours' WHERE user_id = $1`,
          [fred.id],
        );
        expect(await accounts.stillActiveAtIdp(fred.id)).toBe(false);
      } finally {
        await idp.resume();
      }
    });
  });

  let serial = 0;
  async function person(
    role: string,
    address = email(`${role}-${++serial}`),
  ): Promise<{ id: string; email: string; client: ApiClient }> {
    const res = await owner.post<User>('/api/v1/users', {
      email: address,
      name: address,
      role,
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    return { id: res.body.id, email: address, client: await api.signIn(address, PASSWORD) };
  }
});

describe('a provider set by the environment', () => {
  let api: ApiUnderTest;
  const envClient = { clientId: 'gateway-from-env', clientSecret: 'env-client-secret-0123456789' };

  beforeAll(async () => {
    idp.addClient({ ...envClient, redirectUris: [CALLBACK] });
    api = await ApiUnderTest.start(null, {
      OIDC_ISSUER_URL: idp.issuer,
      OIDC_CLIENT_ID: envClient.clientId,
      OIDC_CLIENT_SECRET: envClient.clientSecret,
    });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('wins over Settings, which show it read-only and never its secret', async () => {
    const owner = await api.signIn();
    const read = await owner.get<SsoSettings>('/api/v1/settings/sso');
    expect(read.body).toMatchObject({
      source: 'env',
      issuer_url: idp.issuer,
      client_id: envClient.clientId,
      client_secret_set: true,
      effective_button_label: '127.0.0.1',
    });
    expect(read.text).not.toContain(envClient.clientSecret);
    const change = await owner.put<ErrorBody>('/api/v1/settings/sso', { client_id: 'other' });
    expect(change.status).toBe(409);
    expect(change.body.message).toMatch(/set by OIDC_ISSUER_URL/);
    expect((await owner.delete('/api/v1/settings/sso')).status).toBe(409);
    // What the environment does not set stays a setting.
    const label = await owner.put<SsoSettings>('/api/v1/settings/sso', {
      button_label: 'Acme',
      scopes: 'openid email groups',
    });
    expect(label.body).toMatchObject({ source: 'env', effective_button_label: 'Acme' });

    await owner.put('/api/v1/settings/sso/group-rules', {
      rules: [{ group: 'env-people', role: 'auditor', team_ids: [] }],
    });
    idp.addAccount({ email: 'gina.env@acme.test', groups: ['env-people'] });
    const started = await startSso(api.baseUrl);
    expect(started.authorizationUrl.searchParams.get('client_id')).toBe(envClient.clientId);
    expect(started.authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(started.authorizationUrl.searchParams.get('scope')).toBe('openid email groups offline_access');
    const signed = await finishSso(
      api.baseUrl,
      await idp.signIn(started.authorizationUrl, 'gina.env@acme.test'),
      started.cookie,
    );
    expect((await (signed.client as ApiClient).get<Me>('/api/v1/auth/me')).body.user).toMatchObject({
      email: 'gina.env@acme.test',
      role: 'auditor',
    });
  });
});

function credentials() {
  return { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret };
}
