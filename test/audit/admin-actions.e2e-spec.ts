import { createHash } from 'node:crypto';
import { connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { approveLink, MEMBER_PASSWORD as PASSWORD, signedIn } from '../support/linked-account';
import { TestIdp } from '../support/oidc-idp';
import { ADMIN, Stack } from '../support/stack';
import { apiToken, eventsSince, mcpSession, newestSeq, sandboxListId, verify } from './support';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

/** What an example hands back: the answer's status, and the step that must leave the row (the rest is setup). */
type Call = () => Promise<{ status: number }>;

/**
 * Ids made once for the examples. Each example creates what it changes or removes, so the order of the routes in
 * the OpenAPI document does not matter.
 */
interface Fixtures {
  stack: Stack;
  connection: string;
  workspace: string;
  queuedJob(): Promise<string>;
  /**
   * A `task_create` held for approval on a server another admin created (so the signed-in admin may decide it),
   * whose policy wants a second approver: an approval then leaves it pending, and nothing runs during the example.
   */
  heldApproval(): Promise<string>;
  /** Configures single sign-on through the in-process IdP (what the SSO examples act on). */
  sso(): Promise<TestIdp>;
}

const call =
  (stack: Stack, method: string, path: string, body?: unknown): Call =>
  () =>
    stack.rest(method, path, body);

async function created(stack: Stack, path: string, body: unknown): Promise<string> {
  const res = await stack.rest<{ id: string }>('POST', path, body);
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A new team with an approval webhook. */
async function webhookTeam(stack: Stack): Promise<string> {
  const team = await created(stack, '/teams', { name: `Team ${unique++}` });
  const res = await stack.rest('PUT', `/teams/${team}/approval-webhook`, {
    url: 'https://hooks.example/approvals',
  });
  if (res.status !== 200) throw new Error(`PUT approval-webhook answered ${res.status}`);
  return team;
}

let unique = 0;

/** A paused webhook audit sink (paused, so the example's worker sends nothing to the unreachable host). */
async function auditSink(stack: Stack): Promise<string> {
  return created(stack, '/audit/sinks', {
    name: `sink-${unique++}`,
    kind: 'webhook',
    settings: { url: 'https://siem.example/audit' },
    paused: true,
  });
}
const uniqueEmail = () => `person-${Date.now()}-${unique++}@example.com`;

const OAUTH_REDIRECT = 'http://127.0.0.1:53682/callback';

/**
 * An MCP client's sign-in request waiting for a person's consent: a sign-in server, a client registered
 * dynamically, and an authorization begun with PKCE. Answers the request's uid.
 */
async function signInRequest(stack: Stack, connection: string, workspace: string): Promise<string> {
  const server = await createServer(stack, connection, {
    workspace_id: workspace,
    config: { methods: [], tags: [], access_mode: 'sign_in' },
  });
  const registered = await fetch(`${stack.baseUrl}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: [OAUTH_REDIRECT], token_endpoint_auth_method: 'none' }),
  });
  const { client_id } = (await registered.json()) as { client_id: string };
  // Resources are named under PUBLIC_URL, which the authorization server publishes as its issuer.
  const { issuer } = (await (
    await fetch(`${stack.baseUrl}/.well-known/oauth-authorization-server`)
  ).json()) as {
    issuer: string;
  };
  const authorize = new URL('/oauth/authorize', stack.baseUrl);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id,
    redirect_uri: OAUTH_REDIRECT,
    code_challenge: createHash('sha256')
      .update('a-verifier-of-at-least-43-characters-0123456789')
      .digest('base64url'),
    code_challenge_method: 'S256',
    resource: `${issuer}/mcp/servers/${server.id}`,
  }))
    authorize.searchParams.set(key, value);
  const started = await fetch(authorize, { redirect: 'manual' });
  const uid = /\/oauth\/consent\/([^/?]+)/.exec(started.headers.get('location') ?? '')?.[1];
  if (!uid) throw new Error(`authorization answered ${started.status}: ${started.headers.get('location')}`);
  return uid;
}

/** A person who consented to an MCP client: the grant id of that connected agent, and the person's session. */
async function connectedAgent(
  stack: Stack,
  connection: string,
  workspace: string,
): Promise<{ grantId: string; as: (method: string, path: string, body: unknown) => Call }> {
  const person = await newUser(stack, 'admin');
  const as = await session(stack, person.email);
  const uid = await signInRequest(stack, connection, workspace);
  const { status } = await as('POST', `/oauth/interactions/${uid}`, { decision: 'allow' })();
  if (status !== 200) throw new Error(`consent answered ${status}`);
  const agents = await stack.rest<{ grant_id: string }[]>('GET', `/connected-agents?user_id=${person.id}`);
  return { grantId: agents.body[0].grant_id, as };
}

async function newUser(stack: Stack, role = 'member'): Promise<{ id: string; email: string }> {
  const email = uniqueEmail();
  const id = await created(stack, '/users', { email, name: 'Gil', role, password: PASSWORD });
  return { id, email };
}

/** A dashboard session (cookie and CSRF token), for the routes that act on the signed-in user. */
async function session(
  stack: Stack,
  email: string,
): Promise<(method: string, path: string, body: unknown) => Call> {
  const { cookie, csrf } = await signedIn(stack, email);
  return (method, path, body) => () =>
    fetch(`${stack.baseUrl}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
}

/** A new member who linked (or is about to link) their own ClickUp account as Sarah: the callback step, and them. */
async function approvedLink(
  stack: Stack,
  workspace: string,
): Promise<{ user: { id: string; email: string }; callback: Call }> {
  const user = await newUser(stack);
  const callback = await approveLink(stack, user.email, { clickupUser: 'sarah', workspace });
  return { user, callback: async () => ({ status: (await callback()).linked ? 201 : 500 }) };
}

/**
 * One valid call per state-changing route, keyed as the OpenAPI document names it. A route added to the api without
 * an entry here fails the test: add one line (setup first if the route needs something to act on, then the call).
 * Entries for routes the api does not serve are never run.
 */
const EXAMPLES: Record<string, (f: Fixtures) => Promise<Call>> = {
  'POST /api/v1/auth/login':
    async ({ stack }) =>
    () =>
      fetch(`${stack.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
      }),
  'POST /api/v1/auth/logout': async ({ stack }) => call(stack, 'POST', '/auth/logout'),
  'POST /api/v1/connections': async ({ stack }) =>
    call(stack, 'POST', '/connections', {
      name: 'Another',
      type: 'personal_token',
      token: 'pk_sandbox_owner',
    }),
  'DELETE /api/v1/connections/{id}': async ({ stack }) => {
    const id = await connectSandbox(stack, 'To remove');
    return call(stack, 'DELETE', `/connections/${id}`);
  },
  'POST /api/v1/connections/{id}/mcp-servers': async ({ stack, connection, workspace }) =>
    call(stack, 'POST', `/connections/${connection}/mcp-servers`, {
      name: 'example',
      workspace_id: workspace,
      config: { methods: [], tags: [] },
    }),
  'PATCH /api/v1/mcp-servers/{id}': async ({ stack, connection, workspace }) => {
    const { id } = await createServer(stack, connection, { workspace_id: workspace });
    return call(stack, 'PATCH', `/mcp-servers/${id}`, { name: 'renamed' });
  },
  'DELETE /api/v1/mcp-servers/{id}': async ({ stack, connection, workspace }) => {
    const { id } = await createServer(stack, connection, { workspace_id: workspace });
    return call(stack, 'DELETE', `/mcp-servers/${id}`);
  },
  'POST /api/v1/mcp-servers/{id}/rotate': async ({ stack, connection, workspace }) => {
    const { id } = await createServer(stack, connection, { workspace_id: workspace });
    return call(stack, 'POST', `/mcp-servers/${id}/rotate`);
  },
  'POST /api/v1/users': async ({ stack }) =>
    call(stack, 'POST', '/users', { email: uniqueEmail(), name: 'Dana', role: 'member', password: PASSWORD }),
  'POST /api/v1/teams': async ({ stack }) => call(stack, 'POST', '/teams', { name: `Team ${unique++}` }),
  'POST /api/v1/teams/{id}/members': async ({ stack }) => {
    const team = await created(stack, '/teams', { name: `Team ${unique++}` });
    const user = (await newUser(stack)).id;
    return call(stack, 'POST', `/teams/${team}/members`, { user_id: user });
  },
  'DELETE /api/v1/teams/{id}/members/{userId}': async ({ stack }) => {
    const team = await created(stack, '/teams', { name: `Team ${unique++}` });
    const user = (await newUser(stack)).id;
    await stack.rest('POST', `/teams/${team}/members`, { user_id: user });
    return call(stack, 'DELETE', `/teams/${team}/members/${user}`);
  },
  'PUT /api/v1/teams/{id}/approval-webhook': async ({ stack }) => {
    const team = await created(stack, '/teams', { name: `Team ${unique++}` });
    return call(stack, 'PUT', `/teams/${team}/approval-webhook`, { url: 'https://hooks.example/approvals' });
  },
  'DELETE /api/v1/teams/{id}/approval-webhook': async ({ stack }) => {
    const team = await webhookTeam(stack);
    return call(stack, 'DELETE', `/teams/${team}/approval-webhook`);
  },
  'POST /api/v1/teams/{id}/approval-webhook/test': async ({ stack }) =>
    call(stack, 'POST', `/teams/${await webhookTeam(stack)}/approval-webhook/test`),
  'POST /api/v1/teams/{id}/approval-webhook/deliveries/{delivery_id}/redeliver': async ({ stack }) => {
    const team = await webhookTeam(stack);
    const sent = await stack.rest<{ id: string }>('POST', `/teams/${team}/approval-webhook/test`);
    return call(stack, 'POST', `/teams/${team}/approval-webhook/deliveries/${sent.body.id}/redeliver`);
  },
  'POST /api/v1/audit/sinks': async ({ stack }) =>
    call(stack, 'POST', '/audit/sinks', {
      name: `sink-${unique++}`,
      kind: 'webhook',
      settings: { url: 'https://siem.example/audit' },
      paused: true,
    }),
  'PATCH /api/v1/audit/sinks/{id}': async ({ stack }) =>
    call(stack, 'PATCH', `/audit/sinks/${await auditSink(stack)}`, { name: `sink-${unique++}` }),
  'POST /api/v1/audit/sinks/{id}/test': async ({ stack }) =>
    call(stack, 'POST', `/audit/sinks/${await auditSink(stack)}/test`),
  'DELETE /api/v1/audit/sinks/{id}': async ({ stack }) =>
    call(stack, 'DELETE', `/audit/sinks/${await auditSink(stack)}`),
  'POST /api/v1/api-tokens': async ({ stack }) =>
    call(stack, 'POST', '/api-tokens', { name: 'ci', role: 'auditor' }),
  'DELETE /api/v1/api-tokens/{id}': async ({ stack }) => {
    const { id } = await apiToken(stack, 'auditor');
    return call(stack, 'DELETE', `/api-tokens/${id}`);
  },
  'PATCH /api/v1/settings': async ({ stack }) =>
    call(stack, 'PATCH', '/settings', { audit_retention_days: 400 }),
  'POST /api/v1/settings/audit-retention/run': async ({ stack }) =>
    call(stack, 'POST', '/settings/audit-retention/run'),
  'POST /api/v1/settings/encryption/rekey': async ({ stack }) =>
    call(stack, 'POST', '/settings/encryption/rekey'),
  'POST /api/v1/maintenance/session-cleanup': async ({ stack }) =>
    call(stack, 'POST', '/maintenance/session-cleanup'),
  'POST /api/v1/retry-jobs/{id}/retry': async ({ stack, queuedJob }) =>
    call(stack, 'POST', `/retry-jobs/${await queuedJob()}/retry`),
  'DELETE /api/v1/retry-jobs/{id}': async ({ stack, queuedJob }) =>
    call(stack, 'DELETE', `/retry-jobs/${await queuedJob()}`),
  'POST /api/v1/approvals/{id}/approve': async ({ stack, heldApproval }) =>
    call(stack, 'POST', `/approvals/${await heldApproval()}/approve`, { comment: 'fine' }),
  'POST /api/v1/approvals/{id}/reject': async ({ stack, heldApproval }) =>
    call(stack, 'POST', `/approvals/${await heldApproval()}/reject`, { comment: 'not now' }),
  // A team of its own is paused, so the examples that call MCP tools keep working.
  'POST /api/v1/pauses': async ({ stack }) => {
    const team = await created(stack, '/teams', { name: `Team ${unique++}` });
    return call(stack, 'POST', '/pauses', { scope: 'team', id: team, reason: 'example' });
  },
  'DELETE /api/v1/pauses/{id}': async ({ stack }) => {
    const team = await created(stack, '/teams', { name: `Team ${unique++}` });
    const pause = await created(stack, '/pauses', { scope: 'team', id: team, reason: 'example' });
    return call(stack, 'DELETE', `/pauses/${pause}`, { reason: 'example over', queued: 'resume' });
  },
  // Users, password and team-policy routes.
  'PATCH /api/v1/users/{id}': async ({ stack }) =>
    call(stack, 'PATCH', `/users/${(await newUser(stack)).id}`, { role: 'auditor' }),
  'POST /api/v1/users/{id}/password-reset': async ({ stack }) =>
    call(stack, 'POST', `/users/${(await newUser(stack)).id}/password-reset`),
  'POST /api/v1/auth/password-reset': async ({ stack }) => {
    const link = await stack.rest<{ reset_url: string }>(
      'POST',
      `/users/${(await newUser(stack)).id}/password-reset`,
    );
    const token = new URL(link.body.reset_url).hash.replace(/^#token=/, '');
    return () =>
      fetch(`${stack.baseUrl}/api/v1/auth/password-reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, new_password: `${PASSWORD}-reset` }),
      });
  },
  'POST /api/v1/auth/password': async ({ stack }) => {
    const as = await session(stack, (await newUser(stack)).email);
    return as('POST', '/auth/password', { current_password: PASSWORD, new_password: `${PASSWORD}-new` });
  },
  'PUT /api/v1/teams/{id}/policy': async ({ stack, connection, workspace }) =>
    call(stack, 'PUT', `/teams/${await created(stack, '/teams', { name: `Team ${unique++}` })}/policy`, {
      connection_ids: [connection],
      workspace_ids: [workspace],
      tags: [],
      methods: [],
      require_space_pinning: false,
      require_api_token_auth: false,
      max_expiry_days: 90,
    }),
  // Sign-in MCP servers: a person's consent, and revoking a connected agent (their own, or anyone's as an admin).
  'POST /api/v1/oauth/interactions/{uid}': async ({ stack, connection, workspace }) => {
    const as = await session(stack, (await newUser(stack, 'admin')).email);
    const uid = await signInRequest(stack, connection, workspace);
    return as('POST', `/oauth/interactions/${uid}`, { decision: 'allow' });
  },
  'DELETE /api/v1/me/connected-agents/{grant_id}': async ({ stack, connection, workspace }) => {
    const { grantId, as } = await connectedAgent(stack, connection, workspace);
    return as('DELETE', `/me/connected-agents/${grantId}`, {});
  },
  'DELETE /api/v1/connected-agents/{grant_id}': async ({ stack, connection, workspace }) => {
    const { grantId } = await connectedAgent(stack, connection, workspace);
    return call(stack, 'DELETE', `/connected-agents/${grantId}`);
  },
  'POST /api/v1/me/clickup-account/oauth': async ({ stack }) => {
    const as = await session(stack, (await newUser(stack)).email);
    return as('POST', '/me/clickup-account/oauth', {});
  },
  'DELETE /api/v1/me/clickup-account': async ({ stack, workspace }) => {
    const { user, callback } = await approvedLink(stack, workspace);
    await callback();
    const as = await session(stack, user.email);
    return as('DELETE', '/me/clickup-account', {});
  },
  'DELETE /api/v1/clickup-accounts/{user_id}': async ({ stack, workspace }) => {
    const { user, callback } = await approvedLink(stack, workspace);
    await callback();
    return call(stack, 'DELETE', `/clickup-accounts/${user.id}`);
  },
  'PUT /api/v1/settings/sso': async ({ stack, sso }) => {
    const idp = await sso();
    return call(stack, 'PUT', '/settings/sso', {
      ...SSO_CLIENT,
      issuer_url: idp.issuer,
      button_label: 'Acme',
    });
  },
  'DELETE /api/v1/settings/sso': async ({ stack, sso }) => {
    await sso();
    return call(stack, 'DELETE', '/settings/sso');
  },
  'PUT /api/v1/settings/sso/group-rules': async ({ stack }) =>
    call(stack, 'PUT', '/settings/sso/group-rules', {
      rules: [{ group: 'staff', role: 'member', team_ids: [] }],
    }),
  'PUT /api/v1/settings/sso/password-sign-in': async ({ stack, sso }) => {
    await sso();
    return call(stack, 'PUT', '/settings/sso/password-sign-in', {
      mode: 'everyone',
      break_glass_user_ids: [],
    });
  },
  'PUT /api/v1/connections/{id}/teams': async ({ stack }) => {
    const id = await connectSandbox(stack, 'Shared');
    const team = await created(stack, '/teams', { name: `Team ${unique++}` });
    return call(stack, 'PUT', `/connections/${id}/teams`, { team_ids: [team] });
  },
};

/**
 * Routes that change state although they are GETs, because a browser arrives on them by redirect. The OpenAPI
 * document cannot say so, so they are named here.
 */
const STATE_CHANGING_GETS: Record<string, (f: Fixtures) => Promise<Call>> = {
  // ClickUp sends the browser back here; this is where an OAuth connection is created.
  'GET /api/v1/connections/oauth/callback': async ({ stack, workspace }) => {
    const start = await fetch(`${stack.baseUrl}/api/v1/connections/oauth/start?name=Via%20OAuth`, {
      headers: { authorization: `Bearer ${ADMIN.apiToken}` },
      redirect: 'manual',
    });
    const consent = new URL(start.headers.get('location') as string);
    const form = new URLSearchParams({
      client_id: consent.searchParams.get('client_id') as string,
      redirect_uri: consent.searchParams.get('redirect_uri') as string,
      state: consent.searchParams.get('state') as string,
      user: 'owner',
      workspace,
    });
    const approved = await fetch(new URL('/api', consent), {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const callback = new URL(approved.headers.get('location') as string);
    return async () => {
      const back = await fetch(`${stack.baseUrl}${callback.pathname}${callback.search}`, {
        headers: { authorization: `Bearer ${ADMIN.apiToken}` },
        redirect: 'manual',
      });
      const landing = new URL(back.headers.get('location') as string);
      // The callback answers 302 either way; only a landing with `created` means a connection was made.
      return { status: landing.searchParams.has('created') ? 201 : 500 };
    };
  },
  // ClickUp sends a person's browser back here; this is where their own account is linked.
  'GET /api/v1/me/clickup-account/oauth/callback': async ({ stack, workspace }) =>
    (await approvedLink(stack, workspace)).callback,
  // The IdP sends the browser back here; this is where a console session (and maybe an account) is made.
  'GET /api/v1/auth/sso/callback': async ({ stack, sso }) => {
    const idp = await sso();
    await stack.rest('PUT', '/settings/sso/group-rules', {
      rules: [{ group: '*', role: 'member', team_ids: [] }],
    });
    if (!idp.hasAccount('sso-person@example.com')) idp.addAccount({ email: 'sso-person@example.com' });
    const start = await fetch(`${stack.baseUrl}/api/v1/auth/sso/start`, { redirect: 'manual' });
    const cookie = start.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const callback = await idp.signIn(start.headers.get('location') as string, 'sso-person@example.com');
    return async () => {
      const back = await fetch(`${stack.baseUrl}${callback.pathname}${callback.search}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      const landing = new URL(back.headers.get('location') as string);
      // The callback answers 302 either way; only a landing without `sso_error` means someone signed in.
      return { status: landing.searchParams.has('sso_error') ? 500 : 201 };
    };
  },
};

/**
 * Routes whose example is refused on purpose, with the status it gets: the refusal is still an admin action and
 * leaves its one row (outcome `error`). Without a worker a queued job stays `waiting`, which cannot be retried.
 */
const REFUSED: Record<string, number> = {
  'POST /api/v1/retry-jobs/{id}/retry': 409,
  // Without a worker a webhook delivery stays pending, and only a failed one can be redelivered.
  'POST /api/v1/teams/{id}/approval-webhook/deliveries/{delivery_id}/redeliver': 409,
};

const SSO_CLIENT = { client_id: 'gateway-console', client_secret: 'audit-example-client-secret-0123' };

describe('every state-changing route of the REST API leaves exactly one audit row', () => {
  // No worker: retry jobs stay queued, so they can be retried and discarded. A call's budget is short so the queued
  // example is quick, yet long enough for a held call's guard and preview reads on a busy CI machine.
  const stack = new Stack('postgres', {
    sandbox: true,
    worker: false,
    env: {
      RETRY_CALL_BUDGET_MS: '4000',
      RETRY_BASE_DELAY_MS: '600000',
      CLICKUP_OAUTH_CLIENT_ID: 'sandbox-client-id',
      CLICKUP_OAUTH_CLIENT_SECRET: 'sandbox-client-secret',
    },
  });
  let fixtures: Fixtures;
  let routes: string[];
  let idp: TestIdp | undefined;

  beforeAll(async () => {
    await stack.start();
    // The examples make more ClickUp calls in a minute than a token's default 100; rate limits are not the subject.
    await fetch(`${stack.sandboxUrl}/_sandbox/rate-limit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ per_minute: 100_000 }),
    });
    const ids = await sandboxIds(stack);
    const connection = await connectSandbox(stack);
    const doc = (await (await fetch(`${stack.baseUrl}/api/docs-json`)).json()) as OpenApi;
    routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    fixtures = {
      stack,
      connection,
      workspace: ids.acme,
      async sso() {
        if (!idp) {
          idp = await TestIdp.start();
          // Without a dashboard, DASHBOARD_URL keeps its default: the callback the api names is there.
          idp.addClient({
            clientId: SSO_CLIENT.client_id,
            clientSecret: SSO_CLIENT.client_secret,
            redirectUris: ['http://localhost:3000/api/v1/auth/sso/callback'],
          });
        }
        const res = await stack.rest('PUT', '/settings/sso', { ...SSO_CLIENT, issuer_url: idp.issuer });
        if (res.status !== 200)
          throw new Error(`SSO setup answered ${res.status}: ${JSON.stringify(res.body)}`);
        return idp;
      },
      async heldApproval() {
        const creator = await newUser(stack, 'admin');
        const as = await session(stack, creator.email);
        const made = await as('POST', `/connections/${connection}/mcp-servers`, {
          name: 'held',
          workspace_id: ids.acme,
          config: {
            methods: [],
            tags: [],
            approval: { mode: 'writes', second_approver_tools: ['task_create'] },
          },
        })();
        const server = (await (made as Response).json()) as { url: string };
        const session_ = await mcpSession(server.url);
        const list = await sandboxListId(stack, ids.engineering, 'Sprint 42');
        const answer = await session_.call('task_create', { list_id: list, name: 'held' });
        const envelope = answer?.structuredContent as unknown as { issues: { approval_id?: string }[] };
        const id = envelope.issues[0]?.approval_id;
        if (!id) throw new Error(`the call was not held: ${JSON.stringify(envelope)}`);
        return id;
      },
      async queuedJob() {
        const server = await createServer(stack, connection, { workspace_id: ids.acme });
        const session = await mcpSession(server.url);
        const list = await sandboxListId(stack, ids.engineering, 'Sprint 42');
        await fetch(`${stack.sandboxUrl}/_sandbox/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 100 }),
        });
        try {
          const answer = await session.call('task_create', { list_id: list, name: 'queued' });
          const envelope = answer?.structuredContent as unknown as { issues: { job_id?: string }[] };
          return envelope.issues[0].job_id as string;
        } finally {
          await fetch(`${stack.sandboxUrl}/_sandbox/faults`, { method: 'DELETE' });
        }
      },
    };
  }, 120_000);
  afterAll(async () => {
    await idp?.stop();
    await stack.stop();
  }, 60_000);

  it('has an example for every state-changing route the api serves', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !(route in EXAMPLES))).toEqual([]);
  });

  it('records one row per successful call, for each route the OpenAPI document lists and each state-changing GET', async () => {
    const rows: Record<string, string[]> = {};
    const examples = { ...EXAMPLES, ...STATE_CHANGING_GETS };
    for (const route of [...routes.filter((r) => r in EXAMPLES), ...Object.keys(STATE_CHANGING_GETS)]) {
      const run = await examples[route](fixtures);
      const before = await newestSeq(stack);
      const { status } = await run();
      const expected = REFUSED[route];
      expect({ route, ok: expected ? status === expected : status >= 200 && status < 300 }).toEqual({
        route,
        ok: true,
      });
      const events = await eventsSince(stack, before);
      rows[route] = events.map(
        (e) => `${e.action} ${e.outcome === (REFUSED[route] ? 'error' : 'ok') ? 'as expected' : e.outcome}`,
      );
      if (route in STATE_CHANGING_GETS) {
        // The one-time OAuth code and its state are credentials: a row that keeps the query says they came, not
        // what they were; the SSO sign-in's row keeps no query at all.
        const query = (events[0]?.arguments as { query?: Record<string, unknown> } | null)?.query;
        if (query) expect(query).toMatchObject({ code: '[redacted]', state: '[redacted]' });
        expect(JSON.stringify(events[0]?.arguments)).not.toMatch(/"(code|state)":"(?!\[redacted\])/);
      }
    }
    const notOne = Object.entries(rows).filter(
      ([, events]) => events.length !== 1 || !events[0].endsWith(' as expected'),
    );
    expect(notOne).toEqual([]);
    expect(await verify(stack)).toMatchObject({ ok: true });
  });
});
