import { Injectable } from '@nestjs/common';
import type { SsoStatusDto } from './dto/sso-status.dto';
import { SsoProviders } from './sso-providers.service';

/** The public summary the sign-in page shows: the SSO button's label and whether the password form is restricted. */
@Injectable()
export class SsoStatusService {
  constructor(private readonly providers: SsoProviders) {}

  async get(): Promise<SsoStatusDto> {
    const organizationId = await this.providers.gatewayOrganizationId();
    if (!organizationId) return { enabled: false, button_label: null, password_sign_in: 'everyone' };
    const [provider, settings] = await Promise.all([
      this.providers.forOrganization(organizationId),
      this.providers.settingsOf(organizationId),
    ]);
    return {
      enabled: provider !== null,
      button_label: provider?.label ?? null,
      password_sign_in: settings?.passwordSignIn ?? 'everyone',
    };
  }
}
