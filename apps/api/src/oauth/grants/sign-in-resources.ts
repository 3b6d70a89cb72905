import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig } from '@gw/config';
import { acceptsSignIn, McpServerEntity } from '@gw/db';
import { Repository } from 'typeorm';
import { signInResource } from '../mcp-access-tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The resources (RFC 8707) the authorization server issues tokens for: the sign-in URL of each MCP server of the
 * gateway that accepts sign-in and is neither revoked nor expired. A token is bound to exactly one of them.
 */
@Injectable()
export class SignInResources {
  private readonly prefix: string;

  constructor(
    app: AppConfig,
    @InjectRepository(McpServerEntity) private readonly servers: Repository<McpServerEntity>,
  ) {
    this.prefix = signInResource(app.publicUrl, '');
  }

  /** The server id a resource URL names, written exactly as the gateway publishes it; null for anything else. */
  serverIdOf(resource: string): string | null {
    if (!resource.startsWith(this.prefix)) return null;
    const id = resource.slice(this.prefix.length);
    return UUID.test(id) ? id : null;
  }

  resourceOf(serverId: string): string {
    return `${this.prefix}${serverId}`;
  }

  /** The server behind a resource when it currently accepts sign-in; null otherwise. */
  async server(resource: string): Promise<McpServerEntity | null> {
    const id = this.serverIdOf(resource);
    if (!id) return null;
    const server = await this.servers.findOneBy({ id });
    if (!server || !acceptsSignIn(server.config) || server.revokedAt) return null;
    // Not `serverState`: that also calls a server whose secret URL token was purged expired, which says nothing
    // about its sign-in URL.
    return server.expiresAt && server.expiresAt.getTime() <= Date.now() ? null : server;
  }
}
