import { ApiProperty } from '@nestjs/swagger';

export class ConsentClientDto {
  @ApiProperty({ description: 'A client metadata document URL, or the id a registered client was given.' })
  id: string;
  @ApiProperty({ nullable: true, type: String, description: 'The name the client gives itself (its claim).' })
  name: string | null;
  @ApiProperty({
    enum: ['metadata_document', 'registered'],
    description: 'How the client identified itself.',
  })
  kind: 'metadata_document' | 'registered';
  @ApiProperty({ nullable: true, type: String, description: 'Host of the metadata document URL.' })
  host: string | null;
  @ApiProperty({ description: 'Where the browser returns after the decision.' })
  redirect_uri: string;
  @ApiProperty({ description: 'Host (or scheme) of the redirect URI.' })
  redirect_host: string;
}

export class ConsentServerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() workspace_id: string;
  @ApiProperty({ nullable: true, type: String }) workspace_name: string | null;
  @ApiProperty({ type: [String], description: 'Empty: every space of the workspace.' }) space_ids: string[];
  @ApiProperty({ type: [String], description: 'Empty: every method.' }) methods: string[];
  @ApiProperty({ type: [String], description: 'Tool groups (tags); empty: every group.' })
  tool_groups: string[];
  @ApiProperty({ description: 'The resource URL the access is bound to.' }) resource: string;
}

export class ConsentPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

/** What a person is asked to allow: an MCP client acting for them on one MCP server. */
export class InteractionDto {
  @ApiProperty() uid: string;
  @ApiProperty({ type: ConsentClientDto }) client: ConsentClientDto;
  @ApiProperty({ type: ConsentServerDto }) server: ConsentServerDto;
  @ApiProperty({ type: ConsentPersonDto, description: 'Who is signed in to the console.' })
  signed_in_as: ConsentPersonDto;
  @ApiProperty({ description: 'Whether this person may use the server; if not, only Deny is possible.' })
  allowed: boolean;
  @ApiProperty({ nullable: true, type: String }) refusal: string | null;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
}

export class InteractionDecisionDto {
  @ApiProperty({
    description: 'Where the browser goes next: the authorization server, which answers the client.',
  })
  redirect_to: string;
}
