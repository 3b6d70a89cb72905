import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createRequire } from 'node:module';

/** A person at the IdP. `groups` travel in the `groups` claim (scope `groups`), as Okta sends them. */
export interface IdpAccount {
  /** The stable subject (`sub`) the IdP gives the person. */
  readonly sub: string;
  email: string;
  password: string;
  name: string;
  emailVerified: boolean;
  groups: string[];
  disabled: boolean;
}

export type IdpAccountInput = Partial<Omit<IdpAccount, 'sub' | 'disabled'>> & { email: string };

/** A relying party registered at the IdP (confidential, `client_secret_basic`, code and refresh grants). */
export interface IdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

const DAY_S = 86_400;

export const IDP_DEFAULT_PASSWORD = 'idp-password-0123456789';

/**
 * A real OpenID provider for tests: `oidc-provider` on 127.0.0.1 at a random port, issuer over http (loopback),
 * with a plain login page (labels "Email" and "Password", button "Sign in", link "Cancel"). Accounts, their groups
 * and whether they are disabled change at runtime; a disabled account cannot sign in and its refresh tokens stop
 * working, as when an IdP offboards someone. Refresh tokens are issued to every client with the refresh grant
 * (as Okta and Entra ID do when `offline_access` is asked for) and outlive the IdP session. Consent is implied.
 *
 * ```ts
 * const idp = await TestIdp.start();
 * idp.addClient({ clientId: 'gw', clientSecret: 's', redirectUris: ['http://…/api/v1/auth/sso/callback'] });
 * idp.addAccount({ email: 'ann@acme.test', groups: ['admins'] });
 * const callback = await idp.signIn(authorizationUrl, 'ann@acme.test'); // the client's redirect, code and state
 * idp.disable('ann@acme.test');
 * await idp.stop();
 * ```
 */
export class TestIdp {
  private readonly accounts = new Map<string, IdpAccount>();
  private readonly clients = new Map<string, IdpClient>();
  private readonly sockets = new Set<Socket>();
  private readonly provider: OidcProvider;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {
    this.provider = this.createProvider();
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** `http://127.0.0.1:{port}`: the issuer and the base of every IdP URL. */
  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<TestIdp> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const idp = new TestIdp(server, port);
    const handle = idp.provider.callback();
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/interaction/')) {
        idp.interaction(req, res).catch((error: Error) => {
          res.statusCode = 500;
          res.end(error.message);
        });
      } else {
        handle(req, res);
      }
    });
    return idp;
  }

  addClient(client: IdpClient): void {
    this.clients.set(client.clientId, client);
  }

  addAccount(input: IdpAccountInput): IdpAccount {
    const account: IdpAccount = {
      sub: randomUUID(),
      password: IDP_DEFAULT_PASSWORD,
      name: input.email.split('@')[0],
      emailVerified: true,
      groups: [],
      ...input,
      disabled: false,
    };
    this.accounts.set(account.sub, account);
    return account;
  }

  hasAccount(email: string): boolean {
    return [...this.accounts.values()].some((a) => a.email === email);
  }

  account(email: string): IdpAccount {
    const found = [...this.accounts.values()].find((a) => a.email === email);
    if (!found) throw new Error(`no IdP account ${email}`);
    return found;
  }

  setGroups(email: string, groups: string[]): void {
    this.account(email).groups = groups;
  }

  disable(email: string): void {
    this.account(email).disabled = true;
  }

  enable(email: string): void {
    this.account(email).disabled = false;
  }

  /**
   * Signs `email` in without a browser: follows `authorizationUrl` through the login page and returns the URL the
   * IdP redirects to at the client (its callback, with `code` and `state`, or with `error`). Throws with the login
   * page's message when the IdP refuses the person (wrong password, disabled account).
   */
  async signIn(authorizationUrl: string | URL, email: string, password?: string): Promise<URL> {
    const account = this.account(email);
    return this.walk(new URL(authorizationUrl), { email, password: password ?? account.password });
  }

  /** Like `signIn`, but the person presses "Cancel": the client gets `error=access_denied`. */
  cancel(authorizationUrl: string | URL): Promise<URL> {
    return this.walk(new URL(authorizationUrl), 'cancel');
  }

  /** Stops answering (connections refused), as an IdP that is down; `resume` listens on the same port again. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }

  resume(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    if (this.server.listening) await this.pause();
  }

  private async walk(start: URL, action: { email: string; password: string } | 'cancel'): Promise<URL> {
    const jar = new Map<string, string>();
    let url = start;
    for (let step = 0; step < 10; step++) {
      if (url.origin !== this.issuer) return url;
      const interaction = /^\/interaction\/[^/]+$/.test(url.pathname);
      const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
      let res: Response;
      if (interaction && action === 'cancel') {
        res = await fetch(`${url.href}/abort`, { headers, redirect: 'manual' });
      } else if (interaction) {
        res = await fetch(`${url.href}/login`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(action).toString(),
          redirect: 'manual',
        });
      } else {
        res = await fetch(url, { headers, redirect: 'manual' });
      }
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) {
        const text = await res.text();
        const message = /<p role="alert">([^<]*)<\/p>/.exec(text)?.[1] ?? text.slice(0, 300);
        throw new Error(`the IdP answered ${res.status} at ${url.pathname}: ${message}`);
      }
      url = new URL(location, url);
    }
    throw new Error('the IdP redirected too many times');
  }

  private async interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await this.provider.interactionDetails(req, res);
    const path = new URL(req.url ?? '/', this.issuer).pathname;
    if (path.endsWith('/abort')) {
      await this.provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person cancelled the sign-in' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (req.method === 'POST' && path.endsWith('/login')) {
      const form = new URLSearchParams(await readBody(req));
      const account = [...this.accounts.values()].find((a) => a.email === form.get('email'));
      const problem =
        !account || account.password !== form.get('password')
          ? 'Wrong email or password'
          : account.disabled
            ? 'This account is disabled'
            : null;
      if (problem) return loginPage(res, details.uid, problem);
      await this.provider.interactionFinished(
        req,
        res,
        { login: { accountId: (account as IdpAccount).sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    loginPage(res, details.uid, null);
  }

  private createProvider(): OidcProvider {
    const require = createRequire(__filename);
    // Loaded on first use only: suites that never start an IdP do not pay for the library.
    const { default: Provider } = require('oidc-provider') as { default: OidcProviderClass };
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const provider = new Provider(this.issuer, {
      adapter: memoryAdapter(this.clients),
      findAccount: (_ctx: unknown, sub: string) => {
        const account = this.accounts.get(sub);
        if (!account || account.disabled) return undefined;
        return {
          accountId: sub,
          claims: () => ({
            sub,
            email: account.email,
            email_verified: account.emailVerified,
            name: account.name,
            groups: account.groups,
          }),
        };
      },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name'],
        groups: ['groups'],
      },
      scopes: ['openid', 'offline_access', 'email', 'profile', 'groups'],
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      loadExistingGrant: async (ctx: GrantContext) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
        grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
        await grant.save();
        return grant;
      },
      issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
        client.grantTypeAllowed('refresh_token'),
      expiresWithSession: () => false,
      jwks: { keys: [{ ...key, kid: 'test-idp', use: 'sig', alg: 'RS256' }] },
      cookies: { keys: [randomBytes(16).toString('hex')] },
      pkce: { required: () => true },
      // Lifetimes said out loud, which also keeps oidc-provider from printing a notice for each default.
      ttl: {
        AccessToken: 3600,
        AuthorizationCode: 60,
        ClientCredentials: 600,
        Grant: 14 * DAY_S,
        IdToken: 3600,
        Interaction: 3600,
        RefreshToken: 14 * DAY_S,
        Session: 14 * DAY_S,
      },
    });
    return provider;
  }
}

function loginPage(res: ServerResponse, uid: string, problem: string | null): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test IdP: sign in</title></head>
<body><main><h1>Test IdP</h1>
${problem ? `<p role="alert">${problem}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<p><label for="email">Email</label> <input id="email" name="email" type="email" autocomplete="username" required></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" required></p>
<p><button type="submit">Sign in</button> <a href="/interaction/${uid}/abort">Cancel</a></p>
</form></main></body></html>`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface Stored {
  payload: Record<string, unknown>;
  expiresAt: number;
}

/**
 * oidc-provider's storage, in memory, one instance per IdP (its built-in one is shared by the whole process), with
 * clients read from the IdP's own list so tests can register them at any time.
 */
function memoryAdapter(clients: Map<string, IdpClient>) {
  const store = new Map<string, Stored>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (entry && entry.expiresAt <= Date.now()) store.delete(key);
    return store.get(key)?.payload;
  };
  return class MemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Infinity;
      store.set(this.key(id), { payload, expiresAt });
      if (this.model === 'Session' && typeof payload['uid'] === 'string') {
        store.set(`sessionUid:${payload['uid']}`, { payload: { id }, expiresAt });
      }
    }

    async find(id: string): Promise<Record<string, unknown> | undefined> {
      if (this.model === 'Client') {
        const client = clients.get(id);
        return (
          client && {
            client_id: client.clientId,
            client_secret: client.clientSecret,
            redirect_uris: client.redirectUris,
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          }
        );
      }
      return live(this.key(id));
    }

    async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
      const id = live(`sessionUid:${uid}`)?.['id'];
      return typeof id === 'string' ? this.find(id) : undefined;
    }

    async findByUserCode(): Promise<undefined> {
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const payload = live(this.key(id));
      if (payload) payload['consumed'] = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, entry] of store) if (entry.payload['grantId'] === grantId) store.delete(key);
    }
  };
}

/** The part of oidc-provider's API this helper uses (the package ships no types). */
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ uid: string }>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
}
type OidcProviderClass = new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;

interface GrantContext {
  oidc: {
    provider: {
      Grant: new (props: { clientId: string; accountId: string }) => {
        addOIDCScope(scope: string): void;
        save(): Promise<string>;
      };
    };
    client: { clientId: string };
    session: { accountId: string };
    requestParamScopes: Set<string>;
  };
}
