import { Module } from '@nestjs/common';
import { AuditSinkDispatcher } from './audit-sink-dispatcher';
import { DataSource } from 'typeorm';
import { CHECKPOINT_SOURCE, StoredCheckpoints } from './checkpoint-source';

/** The dispatchers that stream the audit chain to the organizations' sinks. */
@Module({
  providers: [
    AuditSinkDispatcher,
    {
      provide: CHECKPOINT_SOURCE,
      useFactory: (dataSource: DataSource) => new StoredCheckpoints(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [AuditSinkDispatcher],
})
export class AuditSinksModule {}
