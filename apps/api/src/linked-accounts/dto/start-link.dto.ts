import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class StartLinkDto {
  @ApiPropertyOptional({
    description:
      'The `elicitation` of the link an MCP client showed (`/account/clickup?elicitation=…`): checked to be for the ' +
      'signed-in person before ClickUp is asked.',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: 'elicitation is not one the gateway made' })
  elicitation?: string;
}
