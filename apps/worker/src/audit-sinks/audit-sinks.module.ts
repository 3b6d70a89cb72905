import { Module } from '@nestjs/common';
import { AuditSinkDispatcher } from './audit-sink-dispatcher';
import { CHECKPOINT_SOURCE, NO_CHECKPOINTS } from './checkpoint-source';

/** The dispatchers that stream the audit chain to the organizations' sinks. */
@Module({
  providers: [AuditSinkDispatcher, { provide: CHECKPOINT_SOURCE, useValue: NO_CHECKPOINTS }],
  exports: [AuditSinkDispatcher],
})
export class AuditSinksModule {}
