import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit-action.decorator';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { EncryptionStatusDto, RekeyStartedDto } from './dto/encryption-status.dto';
import { EncryptionService } from './encryption.service';

@ApiTags('settings')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/settings/encryption')
export class EncryptionController {
  constructor(private readonly encryption: EncryptionService) {}

  @Get()
  @Roles('owner', 'admin', 'auditor')
  @ApiOperation({
    summary: 'Stored secrets by the key that opens them, and the re-encryption run.',
    description:
      'Every stored secret is opened to be counted (nothing is returned): `unreadable_values` names, by kind and ' +
      'id, the ones no configured key opens. When `previous_key_removable` is true, ENCRYPTION_KEY_PREVIOUS can be ' +
      'removed.',
  })
  @ApiOkResponse({ type: EncryptionStatusDto })
  status(): Promise<EncryptionStatusDto> {
    return this.encryption.status();
  }

  @Post('rekey')
  @HttpCode(202)
  @Roles('owner')
  @Audited('settings.rekey_encryption')
  @ApiOperation({
    summary:
      'Re-encrypt every stored secret under ENCRYPTION_KEY now (owner only). The worker also starts it when it ' +
      'starts with ENCRYPTION_KEY_PREVIOUS set; a request while a run is under way joins it.',
  })
  @ApiAcceptedResponse({ type: RekeyStartedDto })
  rekey(@CurrentPrincipal() principal: Principal): Promise<RekeyStartedDto> {
    return this.encryption.rekey(principal);
  }
}
