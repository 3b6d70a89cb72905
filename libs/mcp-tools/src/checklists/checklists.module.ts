import { Module } from '@nestjs/common';
import { ChecklistsTools } from './checklists.tools';

@Module({ providers: [ChecklistsTools], exports: [ChecklistsTools] })
export class ChecklistsToolsModule {}
