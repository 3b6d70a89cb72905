import { Module } from '@nestjs/common';
import { RekeyJob } from './jobs/rekey.job';

@Module({ providers: [RekeyJob], exports: [RekeyJob] })
export class EncryptionJobsModule {}
