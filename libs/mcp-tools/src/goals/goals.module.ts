import { Module } from '@nestjs/common';
import { GoalsTools } from './goals.tools';

@Module({ providers: [GoalsTools], exports: [GoalsTools] })
export class GoalsToolsModule {}
