import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';

/**
 * An MCP client's OAuth state, as the SDK's `OAuthClientProvider` keeps it, in memory: its registration or client
 * metadata document URL, its PKCE verifier, its tokens, and the authorization URL the SDK asked to open.
 */
export class RecordingOAuthProvider implements OAuthClientProvider {
  authorizationUrl: URL | null = null;
  private information: OAuthClientInformationMixed | undefined;
  private saved: OAuthTokens | undefined;
  private verifier = '';

  constructor(
    private readonly redirect: string,
    private readonly metadata: OAuthClientMetadata,
    /** Set: the client identifies itself by this client metadata document instead of registering. */
    readonly clientMetadataUrl?: string,
  ) {}

  get redirectUrl(): string {
    return this.redirect;
  }

  get clientMetadata(): OAuthClientMetadata {
    return this.metadata;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.information;
  }

  saveClientInformation(information: OAuthClientInformationMixed): void {
    this.information = information;
  }

  tokens(): OAuthTokens | undefined {
    return this.saved;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.saved = tokens;
  }

  redirectToAuthorization(url: URL): void {
    this.authorizationUrl = url;
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    return this.verifier;
  }
}

/** The client's loopback redirect URI: what the authorization server sends the browser back with. */
export class LoopbackRedirect {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly received: URL[],
  ) {}

  static async start(): Promise<LoopbackRedirect> {
    const received: URL[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // Browsers also ask for /favicon.ico: only the callback counts.
      if (url.pathname !== '/callback') return void res.writeHead(404).end();
      received.push(url);
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Done</title><p>Signed in.</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return new LoopbackRedirect(server, `http://127.0.0.1:${port}/callback`, received);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * What the person does in the browser the client opened: signs in to the console if asked, allows the client on
 * the consent page, and lands on the client's redirect URI (`callback`). Returns where it landed, with the code.
 */
export async function consentInBrowser(
  page: Page,
  authorizationUrl: URL | string,
  callback: string,
  person: { email: string; password: string },
): Promise<URL> {
  await page.goto(authorizationUrl.toString());
  // The consent page, or (signed out) the sign-in page it sends the person to first.
  const allow = page.getByRole('button', { name: 'Allow' });
  const email = page.getByLabel('Email');
  await allow.or(email).waitFor();
  if (await email.isVisible()) {
    await email.fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await allow.click();
  await page.waitForURL((url) => url.toString().startsWith(callback));
  return new URL(page.url());
}
