import { randomBytes } from 'node:crypto';
import { Errors } from '../http/api-error';
import { isObject } from '../http/body';
import type { Ctx, Reply } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import type { Query } from '../http/query';
import { consentPage, errorPage, type ConsentParams } from './consent-page';
import type { OAuthClient } from './oauth-clients';

const html = (status: number, text: string): Reply => ({
  status,
  raw: { contentType: 'text/html; charset=utf-8', text },
});

function one(v: unknown): string {
  if (Array.isArray(v)) return one(v[v.length - 1]);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function many(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(one).filter(Boolean);
  const s = one(v);
  return s ? [s] : [];
}

/** Consent page, its form post, and the token exchange of API-NOTES §2.2. */
export function oauthRoutes(r: RouteTable, clients: () => OAuthClient[]): void {
  const checkClient = (clientId: string, redirectUri: string): string | undefined => {
    const client = clients().find((c) => c.clientId === clientId);
    if (!client) return 'Unknown client_id (OAUTH_010).';
    if (!redirectUri) return 'redirect_uri is required (OAUTH_017).';
    let url: URL;
    try {
      url = new URL(redirectUri);
    } catch {
      return 'redirect_uri is not a URL (OAUTH_007).';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return 'redirect_uri must be http or https (OAUTH_007).';
    if (client.redirectUris && !client.redirectUris.some((u) => redirectUri.startsWith(u))) {
      return 'redirect_uri does not match the app’s redirect URIs (OAUTH_007).';
    }
    return undefined;
  };

  r.open('GET', '/api', (ctx) => {
    const p: ConsentParams = {
      clientId: ctx.query.string('client_id') ?? '',
      redirectUri: ctx.query.string('redirect_uri') ?? '',
      state: ctx.query.string('state') ?? '',
    };
    const problem = checkClient(p.clientId, p.redirectUri);
    return problem ? html(400, errorPage(problem)) : html(200, consentPage(ctx.store, p));
  });

  r.open('POST', '/api', (ctx) => {
    const form = isObject(ctx.body) ? ctx.body : {};
    const p: ConsentParams = {
      clientId: one(form['client_id']),
      redirectUri: one(form['redirect_uri']),
      state: one(form['state']),
    };
    const problem = checkClient(p.clientId, p.redirectUri);
    if (problem) return html(400, errorPage(problem));
    const user = ctx.store.usersByKey.get(one(form['user']).toLowerCase());
    if (!user) return html(400, consentPage(ctx.store, p, 'Pick a user.'));
    const ticked = many(form['workspace']);
    if (ticked.length === 0) return html(400, consentPage(ctx.store, p, 'Tick at least one workspace.'));
    const foreign = ticked.filter((id) => !ctx.store.workspaces.get(id)?.members.has(user.id));
    if (foreign.length > 0)
      return html(
        400,
        consentPage(ctx.store, p, `${user.username} is not a member of every ticked workspace.`),
      );
    const code = randomBytes(16).toString('hex');
    ctx.store.oauthCodes.set(code, { clientId: p.clientId, userId: user.id, workspaceIds: new Set(ticked) });
    const target = new URL(p.redirectUri);
    target.searchParams.set('code', code);
    if (p.state) target.searchParams.set('state', p.state);
    return {
      status: 302,
      headers: { location: target.toString() },
      raw: { contentType: 'text/plain; charset=utf-8', text: `Redirecting to ${target.toString()}` },
    };
  });

  // JSON body, form body and query parameters are all accepted (API-NOTES §2.2).
  r.open('POST', '/api/v2/oauth/token', (ctx: Ctx) => {
    const sources: Query[] = [ctx.query.raw];
    const body = ctx.body;
    const fromBody = isObject(body) ? body : {};
    const read = (key: string): string => one(fromBody[key]) || one(sources[0][key]);
    const clientId = read('client_id');
    const secret = read('client_secret');
    const code = read('code');
    if (!clientId || !secret || !code)
      throw Errors.invalid('client_id, client_secret and code are required', 'OAUTH_017');
    const client = clients().find((c) => c.clientId === clientId);
    if (!client) throw Errors.oauthClientNotFound();
    if (client.clientSecret !== secret) throw Errors.oauthSecretInvalid();
    const grant = ctx.store.oauthCodes.get(code);
    if (!grant || grant.clientId !== clientId) throw Errors.oauthCodeInvalid();
    ctx.store.oauthCodes.delete(code);
    const token = `${grant.userId}_${randomBytes(20).toString('hex')}`;
    ctx.store.oauthTokens.set(token, grant);
    return ok({ access_token: token });
  });
}
