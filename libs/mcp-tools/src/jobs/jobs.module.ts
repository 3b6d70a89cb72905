import { Module } from '@nestjs/common';
import { JobsTools } from './jobs.tools';

@Module({ providers: [JobsTools], exports: [JobsTools] })
export class JobsToolsModule {}
