import { Module } from '@nestjs/common';
import { ExpireServerJob } from './jobs/expire-server.job';

@Module({ providers: [ExpireServerJob], exports: [ExpireServerJob] })
export class McpServerJobsModule {}
