import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { ListSecurityEventsQueryDto } from './dto/list-security-events.query.dto';
import { SecurityEventPageDto } from './dto/security-event.dto';
import { SecurityEventsQuery } from './security-events-query.service';

@ApiTags('security-events')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/security-events')
export class SecurityEventsController {
  constructor(private readonly events: SecurityEventsQuery) {}

  @Get()
  @Roles('owner', 'admin')
  @ApiOperation({
    summary:
      'Refused unauthenticated requests (unknown MCP URLs, bad credentials, failed sign-ins, rate limits), counted per minute, client address and reason. Kept 30 days.',
  })
  @ApiOkResponse({ type: SecurityEventPageDto })
  list(@Query() query: ListSecurityEventsQueryDto): Promise<SecurityEventPageDto> {
    return this.events.list(query);
  }
}
