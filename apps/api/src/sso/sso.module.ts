import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SsoIdentityEntity, SsoSettingsEntity, SsoSpentStateEntity, TeamEntity, UserEntity } from '@gw/db';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { OidcClient } from './oidc-client.service';
import { SsoAccounts } from './sso-accounts.service';
import { SsoAuthController } from './sso-auth.controller';
import { SsoProviders } from './sso-providers.service';
import { SsoProvisioning } from './sso-provisioning.service';
import { SsoSettingsController } from './sso-settings.controller';
import { SsoSettingsService } from './sso-settings.service';
import { SsoSignInRecorder } from './sso-sign-in.recorder';
import { SsoSignIn } from './sso-sign-in.service';
import { SsoStatusService } from './sso-status.service';

/**
 * Console single sign-on through an OpenID Connect provider. Exports `SsoAccounts`, whose `stillActiveAtIdp` lets
 * long-lived sign-ins (MCP agents) end when the IdP no longer knows the person.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      SsoSettingsEntity,
      SsoIdentityEntity,
      SsoSpentStateEntity,
      TeamEntity,
      UserEntity,
    ]),
    AuthModule,
    AuditModule,
  ],
  controllers: [SsoAuthController, SsoSettingsController],
  providers: [
    OidcClient,
    SsoProviders,
    SsoProvisioning,
    SsoSignIn,
    SsoSignInRecorder,
    SsoStatusService,
    SsoSettingsService,
    SsoAccounts,
  ],
  exports: [SsoAccounts],
})
export class SsoModule {}
