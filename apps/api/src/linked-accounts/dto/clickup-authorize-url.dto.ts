import { ApiProperty } from '@nestjs/swagger';

export class ClickUpAuthorizeUrlDto {
  @ApiProperty({
    description:
      "ClickUp's consent page, to send the browser to; it comes back to the callback within 10 minutes.",
    example: 'https://app.clickup.com/api?client_id=…&redirect_uri=…&state=…',
  })
  authorize_url: string;
}
