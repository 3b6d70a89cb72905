import { Provider } from '@nestjs/common';
import { SecurityConfig } from '@gw/config';
import { SecretBox } from '@gw/security';
import { ENCRYPTION_KEY } from './encryption-key.token';

/** The one SecretBox of the process: the current key (configured or generated) plus the previous one, if set. */
export const secretBoxProvider: Provider = {
  provide: SecretBox,
  inject: [ENCRYPTION_KEY, SecurityConfig],
  useFactory: (key: string, security: SecurityConfig) =>
    new SecretBox(key, security.previousEncryptionKey ? [security.previousEncryptionKey] : []),
};
