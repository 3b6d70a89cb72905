import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit-action.decorator';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { SsoSettingsDto } from './dto/sso-settings.dto';
import { UpdatePasswordSignInDto } from './dto/update-password-sign-in.dto';
import { UpdateSsoGroupRulesDto } from './dto/update-sso-group-rules.dto';
import { UpdateSsoProviderDto } from './dto/update-sso-provider.dto';
import { SsoSettingsService } from './sso-settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/settings/sso')
export class SsoSettingsController {
  constructor(private readonly settings: SsoSettingsService) {}

  @Get()
  @Roles('owner', 'admin', 'auditor')
  @ApiOperation({
    summary: 'Single sign-on: the provider (never its secret), group mapping and password sign-in.',
  })
  @ApiOkResponse({ type: SsoSettingsDto })
  get(@CurrentPrincipal() principal: Principal): Promise<SsoSettingsDto> {
    return this.settings.get(principal);
  }

  @Put()
  @Roles('owner')
  @Audited('settings.sso_update')
  @ApiOperation({
    summary: 'Set the OpenID provider and how its answer is read (owner only).',
    description:
      'A changed issuer, client id or secret is checked by discovering the issuer before it is saved. The secret is ' +
      'stored encrypted and never returned. Issuer, client id and secret are refused while `OIDC_*` env sets them.',
  })
  @ApiOkResponse({ type: SsoSettingsDto })
  @ApiBadRequestResponse({ description: 'Invalid values, or no OpenID provider answers at the issuer.' })
  @ApiConflictResponse({ description: 'The provider is set by the environment.' })
  updateProvider(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateSsoProviderDto,
  ): Promise<SsoSettingsDto> {
    return this.settings.updateProvider(principal, body);
  }

  @Delete()
  @Roles('owner')
  @Audited('settings.sso_remove')
  @ApiOperation({ summary: 'Turn single sign-on off: forget the provider saved in Settings (owner only).' })
  @ApiOkResponse({ type: SsoSettingsDto })
  @ApiConflictResponse({
    description: 'The provider is set by the environment, or password sign-in is limited.',
  })
  removeProvider(@CurrentPrincipal() principal: Principal): Promise<SsoSettingsDto> {
    return this.settings.removeProvider(principal);
  }

  @Put('group-rules')
  @Roles('owner', 'admin')
  @Audited('settings.sso_group_rules')
  @ApiOperation({
    summary: 'Replace the group → role and group → team mapping, applied at every sign-in.',
    description: 'Only an owner adds, changes or removes a rule that gives the owner role.',
  })
  @ApiOkResponse({ type: SsoSettingsDto })
  @ApiBadRequestResponse({
    description: 'A blank or repeated group, a rule without role or team, an unknown team.',
  })
  @ApiForbiddenResponse({ description: 'An admin touched a rule giving the owner role.' })
  updateGroupRules(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateSsoGroupRulesDto,
  ): Promise<SsoSettingsDto> {
    return this.settings.updateGroupRules(principal, body);
  }

  @Put('password-sign-in')
  @Roles('owner')
  @Audited('settings.password_sign_in')
  @ApiOperation({
    summary: 'Allow password sign-in for everyone, or only for the listed break-glass owners (owner only).',
  })
  @ApiOkResponse({ type: SsoSettingsDto })
  @ApiBadRequestResponse({ description: 'No break-glass owner listed, or one that is not an active owner.' })
  @ApiConflictResponse({ description: 'Single sign-on is not configured.' })
  updatePasswordSignIn(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdatePasswordSignInDto,
  ): Promise<SsoSettingsDto> {
    return this.settings.updatePasswordSignIn(principal, body);
  }
}
