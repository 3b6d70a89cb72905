import { Module } from '@nestjs/common';
import { TimeTrackingTools } from './time-tracking.tools';

@Module({ providers: [TimeTrackingTools], exports: [TimeTrackingTools] })
export class TimeTrackingToolsModule {}
