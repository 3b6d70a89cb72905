import { Injectable } from '@nestjs/common';
import { AppConfig } from '@gw/config';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { McpServerRegistry } from '../admission/registry/mcp-server-registry.service';
import { protectedResourceMetadata } from '../admission/sign-in/protected-resource';

type MetadataRequest = FastifyRequest<{ Params: { id: string } }>;

/** Public documents: any web page may read them, without credentials (RFC 9728 clients run in browsers too). */
const PUBLIC_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET',
  'access-control-allow-headers': 'mcp-protocol-version',
  'access-control-max-age': '600',
};

/**
 * The protected resource metadata (RFC 9728) of each sign-in server, at
 * `/.well-known/oauth-protected-resource/mcp/servers/{id}`: the URL its 401 challenge names, which tells an MCP client
 * that the gateway itself is the authorization server to sign in with. Read through the same cache as the MCP URLs,
 * so a server that stops taking sign-in stops being described within a second. There is no path-less document: the
 * gateway serves many resources, and each 401 names its own (docs/adr/0014-sign-in-mcp-servers.md).
 */
@Injectable()
export class ProtectedResourceRoutes {
  constructor(
    private readonly registry: McpServerRegistry,
    private readonly app: AppConfig,
  ) {}

  register(fastify: FastifyInstance): void {
    const path = '/.well-known/oauth-protected-resource/mcp/servers/:id';
    fastify.get(path, (req, reply) => this.metadata(req as MetadataRequest, reply));
    fastify.options(path, (_req, reply) => void reply.code(204).headers(PUBLIC_CORS).send());
  }

  private async metadata(req: MetadataRequest, reply: FastifyReply): Promise<void> {
    void reply.headers(PUBLIC_CORS);
    const resolution = await this.registry.resolve({ kind: 'sign_in', serverId: req.params.id });
    if (resolution.kind === 'unconfirmed') {
      return void reply
        .code(503)
        .header('retry-after', '1')
        .send({ error: 'temporarily_unavailable', error_description: 'Retry shortly' });
    }
    if (resolution.kind === 'unknown') {
      return void reply
        .code(404)
        .send({ error: 'not_found', error_description: 'No sign-in MCP server has this id' });
    }
    void reply
      .header('cache-control', 'public, max-age=60')
      .send(protectedResourceMetadata(this.app.publicUrl, resolution.server));
  }
}
