import { Injectable } from '@nestjs/common';
import { ClickUpClient, type ClickUpCredential, oauthExchange } from '@gw/clickup-client';
import { ClickUpConfig } from '@gw/config';
import type { ClickUpConnectionEntity, ConnectionWorkspace } from '@gw/db';
import { askClickUp } from './clickup-failures';
import { ConnectionCredentialsService } from './connection-credentials.service';

/** Who a ClickUp token acts as, and the workspaces it reaches. */
export interface ClickUpAccount {
  user: { id: number; username: string | null; email: string | null };
  workspaces: ConnectionWorkspace[];
}

type SealedConnection = Pick<
  ClickUpConnectionEntity,
  'id' | 'type' | 'credentialCiphertext' | 'credentialKeyId'
>;

/** The api's own ClickUp calls: checking a token before it is saved, reading workspaces and spaces, OAuth. */
@Injectable()
export class ClickUpAccountsService {
  constructor(
    private readonly config: ClickUpConfig,
    private readonly credentials: ConnectionCredentialsService,
  ) {}

  /** `GET /v2/user` and `GET /v2/team`; a token ClickUp refuses becomes a 422 that never repeats it. */
  async inspect(credential: ClickUpCredential): Promise<ClickUpAccount> {
    const client = this.client(credential);
    return askClickUp('check-token', async () => {
      const [{ data: user }, { data: teams }] = await Promise.all([
        client.user.me(),
        client.workspaces.list(),
      ]);
      return {
        user: { id: user.id, username: user.username, email: user.email ?? null },
        workspaces: teams.map((t) => ({ id: t.id, name: t.name })),
      };
    });
  }

  async workspacesOf(connection: SealedConnection): Promise<ConnectionWorkspace[]> {
    const client = this.client(this.credentials.open(connection));
    const { data } = await askClickUp('check-token', () => client.workspaces.list());
    return data.map((t) => ({ id: t.id, name: t.name }));
  }

  /** Ids of the workspace's spaces, archived ones included. */
  async spaceIdsOf(connection: SealedConnection, workspaceId: string): Promise<Set<string>> {
    const client = this.client(this.credentials.open(connection));
    const pages = await askClickUp('read-workspace', () =>
      Promise.all([client.spaces.list(workspaceId), client.spaces.list(workspaceId, { archived: true })]),
    );
    return new Set(pages.flatMap(({ data }) => data.map((s) => s.id)));
  }

  get oauthConfigured(): boolean {
    return Boolean(this.config.oauthClientId && this.config.oauthClientSecret);
  }

  exchangeOAuthCode(code: string): Promise<string> {
    return askClickUp('check-token', () =>
      oauthExchange({
        baseUrl: this.config.apiBaseUrl,
        clientId: this.config.oauthClientId as string,
        clientSecret: this.config.oauthClientSecret as string,
        code,
        timeoutMs: this.config.timeoutMs,
      }),
    );
  }

  private client(credential: ClickUpCredential): ClickUpClient {
    return new ClickUpClient({
      baseUrl: this.config.apiBaseUrl,
      credential,
      timeoutMs: this.config.timeoutMs,
    });
  }
}
