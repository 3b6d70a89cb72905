import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListToolsQueryDto } from './dto/list-tools.query.dto';
import { ToolPreviewDto } from './dto/tool-preview.dto';
import { ToolsService } from './tools.service';

@ApiTags('tools')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/tools')
export class ToolsController {
  constructor(private readonly tools: ToolsService) {}

  @Get()
  @ApiOperation({
    summary: 'The tools an MCP server with these `methods` and `tags` would list, and the listing’s size.',
  })
  @ApiOkResponse({ type: ToolPreviewDto })
  preview(@Query() query: ListToolsQueryDto): ToolPreviewDto {
    return this.tools.preview(query);
  }
}
