import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import { SpaceSummaryDto } from './dto/space.dto';
import { WorkspaceSpacesService } from './workspace-spaces.service';

@ApiTags('connections')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/connections')
export class WorkspaceSpacesController {
  constructor(private readonly spaces: WorkspaceSpacesService) {}

  @Get(':id/workspaces/:workspaceId/spaces')
  @Roles('owner', 'admin', 'member')
  @ApiOperation({ summary: 'The spaces of a workspace the connection reaches (asked of ClickUp live).' })
  @ApiOkResponse({ type: [SpaceSummaryDto] })
  @ApiNotFoundResponse()
  list(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'connection') id: string,
    @Param('workspaceId') workspaceId: string,
  ): Promise<SpaceSummaryDto[]> {
    return this.spaces.list(principal, id, workspaceId);
  }
}
