import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { CheckpointStatusDto } from '../dto/checkpoint-status.dto';
import { CheckpointStatusService } from './checkpoint-status.service';

@ApiTags('audit')
@Roles('owner', 'admin', 'auditor')
@Controller('api/v1/audit/checkpoints')
export class AuditCheckpointsController {
  constructor(private readonly checkpoints: CheckpointStatusService) {}

  @Get()
  @ApiOperation({
    summary:
      'Whether the audit chain is being signed (Ed25519 checkpoints), the newest checkpoint and events since it.',
  })
  @ApiOkResponse({ type: CheckpointStatusDto })
  status(@CurrentPrincipal() principal: Principal): Promise<CheckpointStatusDto> {
    return this.checkpoints.status(principal.organizationId);
  }
}
