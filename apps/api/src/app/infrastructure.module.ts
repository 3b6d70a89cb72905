import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueBackend } from '@gw/queue';
import { SecretBox } from '@gw/security';
import { ConfigModule } from '../config/config.module';
import { secretBoxProvider } from '../security/secret-box.provider';
import { ENCRYPTION_KEY } from '../security/encryption-key.token';

export { ENCRYPTION_KEY };
import type { ApiRuntime } from './runtime';

/** Hands the runtime's database, queue store and key to Nest; their lifecycle stays with main.ts. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(runtime: ApiRuntime): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [
        ConfigModule.forRoot(runtime.configs),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () => runtime.dataSource,
        }),
      ],
      providers: [
        { provide: QueueBackend, useValue: runtime.queues },
        { provide: ENCRYPTION_KEY, useValue: runtime.encryptionKey },
        secretBoxProvider,
      ],
      exports: [QueueBackend, ENCRYPTION_KEY, SecretBox, ConfigModule],
    };
  }
}
