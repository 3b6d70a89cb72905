import { IsOptional, Matches } from 'class-validator';
import { EnvVar } from './env-var.decorator';

export class SecurityConfig {
  @EnvVar({
    name: 'ENCRYPTION_KEY',
    description:
      'Key for ClickUp credentials at rest: 32 bytes, base64. Required with `DATABASE_URL`; embedded mode generates one into `DATA_DIR` (mode 0600).',
    default: '(generated in embedded mode)',
    secret: true,
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'must be 32 bytes encoded as base64 (44 characters ending in =)',
  })
  encryptionKey?: string;

  @EnvVar({
    name: 'ENCRYPTION_KEY_PREVIOUS',
    description:
      'The key before the last rotation, still read while the worker re-encrypts every stored secret under `ENCRYPTION_KEY`; remove it when Settings → Encryption key says so (docs/operations.md).',
    secret: true,
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'must be 32 bytes encoded as base64 (44 characters ending in =)',
  })
  previousEncryptionKey?: string;
}
