import { ApiProperty } from '@nestjs/swagger';
import { SEALED_KINDS } from '@gw/db';

export class UnreadableCredentialDto {
  @ApiProperty({ enum: SEALED_KINDS }) kind: string;
  @ApiProperty({ description: 'The row id (the team id of a webhook, the organization id of SSO settings).' })
  id: string;
  @ApiProperty({ nullable: true, type: String, description: 'Id of the key the value names.' })
  key_id: string | null;
  @ApiProperty({
    enum: ['unknown_key', 'does_not_open'],
    description:
      '`unknown_key`: sealed under a key neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS is; ' +
      '`does_not_open`: the key is known but the value is damaged or was copied from another row.',
  })
  reason: string;
}

export class RekeyJobDto {
  @ApiProperty({ enum: ['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized', 'unknown'] })
  state: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) started_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finished_at: string | null;
  @ApiProperty({ description: 'Values handled so far: re-encrypted, or found unreadable and left.' })
  done: number;
  @ApiProperty({ description: 'Values not under the current key when the run started.' }) total: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class EncryptionStatusDto {
  @ApiProperty({ description: "Id of ENCRYPTION_KEY: the first 8 hex characters of the key's SHA-256." })
  current_key_id: string;
  @ApiProperty({ description: 'Whether ENCRYPTION_KEY_PREVIOUS is set.' })
  previous_key_configured: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Id of ENCRYPTION_KEY_PREVIOUS, when set.' })
  previous_key_id: string | null;
  @ApiProperty({
    description: 'Stored secrets: ClickUp tokens, webhook URLs and secrets, SSO secrets, OAuth keys.',
  })
  total: number;
  @ApiProperty() under_current: number;
  @ApiProperty() under_previous: number;
  @ApiProperty({ description: 'Values no configured key opens; listed in `unreadable_values`.' })
  unreadable: number;
  @ApiProperty({ type: [UnreadableCredentialDto], description: 'The first 100, by kind then id.' })
  unreadable_values: UnreadableCredentialDto[];
  @ApiProperty({
    description:
      'True when ENCRYPTION_KEY_PREVIOUS is set and nothing needs it any more: every value opens with ENCRYPTION_KEY.',
  })
  previous_key_removable: boolean;
  @ApiProperty({ type: RekeyJobDto, nullable: true, description: 'The current or last re-encryption run.' })
  job: RekeyJobDto | null;
}

export class RekeyStartedDto {
  @ApiProperty() job_id: string;
  @ApiProperty({ description: 'False when a run was already waiting or working: this request joined it.' })
  started: boolean;
}
