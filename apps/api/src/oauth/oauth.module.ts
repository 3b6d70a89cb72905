import { SsoModule } from '../sso/sso.module';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClickUpConnectionEntity, McpServerEntity, UserEntity } from '@gw/db';
import { TeamsModule } from '../teams/teams.module';
import {
  ConnectedAgentsController,
  MyConnectedAgentsController,
} from './connected-agents/connected-agents.controller';
import { ConnectedAgents } from './connected-agents/connected-agents.service';
import { SignInResources } from './grants/sign-in-resources';
import { TokenIssuePolicy } from './grants/token-issue.policy';
import { OAuthInteractionsController } from './interactions/oauth-interactions.controller';
import { OAuthInteractions } from './interactions/oauth-interactions.service';
import { McpAccessTokens } from './mcp-access-tokens';
import { OAuthAccessTokens } from './oauth-access-tokens.service';
import { AuthorizationServer } from './provider/authorization-server';
import { OAuthRoutes } from './routes/oauth-routes';

/**
 * The gateway as the OAuth authorization server of its sign-in MCP servers (docs/mcp-oauth.md): oidc-provider on
 * the api's Fastify, the console's consent api, people's connected agents, and the access-token check the MCP
 * endpoint depends on (`McpAccessTokens`). Global, so the MCP module's sign-in admission finds the verifier without
 * importing this module (it only knows the contract); a test's stand-in loaded before it still takes precedence.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, McpServerEntity, ClickUpConnectionEntity]),
    TeamsModule,
    SsoModule,
  ],
  controllers: [OAuthInteractionsController, ConnectedAgentsController, MyConnectedAgentsController],
  providers: [
    AuthorizationServer,
    OAuthRoutes,
    SignInResources,
    TokenIssuePolicy,
    OAuthInteractions,
    ConnectedAgents,
    OAuthAccessTokens,
    { provide: McpAccessTokens, useExisting: OAuthAccessTokens },
  ],
  exports: [McpAccessTokens, OAuthRoutes],
})
export class OAuthModule {}
