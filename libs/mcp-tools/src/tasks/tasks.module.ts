import { Module } from '@nestjs/common';
import { TasksTools } from './tasks.tools';

@Module({ providers: [TasksTools], exports: [TasksTools] })
export class TasksToolsModule {}
