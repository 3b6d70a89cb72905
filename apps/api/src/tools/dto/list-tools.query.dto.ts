import { ApiPropertyOptional } from '@nestjs/swagger';
import { CATALOG_MODES, METHOD_FILTERS, TOOL_TAGS, type CatalogMode } from '@gw/tool-filters';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';

/** `?methods=read,create` and `?methods=read&methods=create` both work; an empty value means all. */
const commaList = () =>
  Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((v) => String(v).split(','))
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  );

const queryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** The same filter an MCP server's config holds: methods and tags combine with AND, empty means all. */
export class ListToolsQueryDto {
  @ApiPropertyOptional({ enum: METHOD_FILTERS, isArray: true, description: 'Comma-separated.' })
  @IsOptional()
  @commaList()
  @IsArray()
  @ArrayMaxSize(METHOD_FILTERS.length)
  @IsIn(METHOD_FILTERS, { each: true, message: `methods may hold only ${METHOD_FILTERS.join(', ')}` })
  methods?: string[];

  @ApiPropertyOptional({ enum: TOOL_TAGS, isArray: true, description: 'Comma-separated.' })
  @IsOptional()
  @commaList()
  @IsArray()
  @ArrayMaxSize(TOOL_TAGS.length)
  @IsIn(TOOL_TAGS, { each: true, message: `tags may hold only ${TOOL_TAGS.join(', ')}` })
  tags?: string[];

  @ApiPropertyOptional({ description: 'The server is pinned to spaces (`space_ids` not empty).' })
  @IsOptional()
  @queryBoolean()
  @IsBoolean({ message: 'pinned must be true or false' })
  pinned?: boolean;

  @ApiPropertyOptional({ description: 'The server’s `config.allow_workspace_objects`.' })
  @IsOptional()
  @queryBoolean()
  @IsBoolean({ message: 'allow_workspace_objects must be true or false' })
  allow_workspace_objects?: boolean;

  @ApiPropertyOptional({
    enum: CATALOG_MODES,
    description: 'The server’s `config.catalog`: `progressive` lists only the meta tools. Default `full`.',
  })
  @IsOptional()
  @IsIn(CATALOG_MODES, { message: `catalog must be one of ${CATALOG_MODES.join(', ')}` })
  catalog?: CatalogMode;
}
